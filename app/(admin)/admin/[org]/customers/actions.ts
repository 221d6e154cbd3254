"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePortalUserRoleForm, forcePasswordResetForm, invitePortalUserForm, removePortalUserForm, resendInviteForm, unblockPortalUserForm } from "@/lib/admin/customer-portal-users";
import { grantCreditForm, voidCreditForm } from "@/lib/admin/customer-credits";
import { createCustomerForm, deleteCustomerForm, updateCustomerForm, type CustomerFormState, type DeleteCustomerState } from "@/lib/admin/customer-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import type { Permission } from "@/lib/staff/permissions";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Customers screens' server actions. Each re-checks its permission for the organization in
// the URL (live or sandbox) and works on that organization only: accounts and credits need
// `business:write` (owner, admin), portal users `portal_users:manage` (owner, admin, support).
const run = (slug: string, permission: Permission, prev: AdminFormState, form: FormData, handler: StaffFormHandler) =>
  runStaffForm(slug, permission, prev, form, handler, "customers");

/** Who asked, for the portal access log (IP and User-Agent, as the API records them). */
const requestInfo = async () => requestInfoFrom(await headers());

export async function createCustomerAction(slug: string, prev: AdminFormState, form: FormData): Promise<CustomerFormState> {
  return run(slug, "business:write", prev, form, createCustomerForm);
}
export async function updateCustomerAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "business:write", prev, form, updateCustomerForm);
}
/** Deleted: back to the list (its page is gone); archived: the answer is shown on the page. */
export async function deleteCustomerAction(slug: string, prev: AdminFormState, form: FormData): Promise<DeleteCustomerState> {
  const state: DeleteCustomerState = await run(slug, "business:write", prev, form, deleteCustomerForm);
  if (state.deleted) redirect(`/admin/${slug}/customers`);
  return state;
}

export async function invitePortalUserAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, invitePortalUserForm(await requestInfo()));
}
export async function resendInviteAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, resendInviteForm(await requestInfo()));
}
export async function forcePasswordResetAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, forcePasswordResetForm(await requestInfo()));
}
export async function unblockPortalUserAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, unblockPortalUserForm(await requestInfo()));
}
export async function changePortalUserRoleAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, changePortalUserRoleForm);
}
export async function removePortalUserAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "portal_users:manage", prev, form, removePortalUserForm(await requestInfo()));
}

export async function grantCreditAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "business:write", prev, form, grantCreditForm);
}
export async function voidCreditAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, "business:write", prev, form, voidCreditForm);
}
