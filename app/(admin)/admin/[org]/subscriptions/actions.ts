"use server";

import {
  cancelSubscriptionForm, createSubscriptionForm, pauseSubscriptionForm, reactivateSubscriptionForm, resumeSubscriptionForm,
} from "@/lib/admin/billing-subscription-forms";
import { redirect } from "next/navigation";
import { changePlanForm } from "@/lib/admin/billing-plan-change";
import type { AdminFormState } from "@/lib/admin/form-state";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Subscriptions screens' server actions (`business:write`, the organization in the URL only).
// A lifecycle change can invoice (pause, resume).
const run = (slug: string, prev: AdminFormState, form: FormData, handler: StaffFormHandler) => runStaffForm(slug, "business:write", prev, form, handler, "subscriptions");

export async function cancelSubscriptionAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, cancelSubscriptionForm);
}
export async function pauseSubscriptionAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, pauseSubscriptionForm);
}
export async function resumeSubscriptionAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, resumeSubscriptionForm);
}
export async function reactivateSubscriptionAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, reactivateSubscriptionForm);
}
export async function createSubscriptionAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, createSubscriptionForm);
}
/** A plan change applied or scheduled: the subscription's page afresh (without the preview), saying which. */
export async function changePlanAction(slug: string, prev: AdminFormState, form: FormData) {
  const state = await run(slug, prev, form, changePlanForm);
  if (state.status === "success") redirect(`/admin/${encodeURIComponent(slug)}/subscriptions/${encodeURIComponent(String(form.get("id")))}?changed=${state.values?.changed === "scheduled" ? "scheduled" : "now"}`);
  return state;
}
