"use server";

import {
  createApiKeyForm, createEndpointForm, deleteEndpointForm, resendDeliveryForm, revokeApiKeyForm, rollApiKeyForm, setEndpointStatusForm,
} from "@/lib/admin/developer-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Developers screens' server actions: each re-checks `developers:write` for the organization
// in the URL (live or sandbox) and works on that organization only.
const run = (slug: string, prev: AdminFormState, form: FormData, handler: StaffFormHandler, page: string) =>
  runStaffForm(slug, "developers:write", prev, form, handler, `developers/${page}`);

export async function createApiKeyAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, createApiKeyForm, "api-keys");
}
export async function rollApiKeyAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, rollApiKeyForm, "api-keys");
}
export async function revokeApiKeyAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, revokeApiKeyForm, "api-keys");
}
export async function createEndpointAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, createEndpointForm, "webhooks");
}
export async function setEndpointStatusAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, setEndpointStatusForm, "webhooks");
}
export async function deleteEndpointAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, deleteEndpointForm, "webhooks");
}
export async function resendDeliveryAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, resendDeliveryForm, "webhooks");
}
