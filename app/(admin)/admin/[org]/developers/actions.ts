"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import {
  createApiKeyForm, createEndpointForm, deleteEndpointForm, resendDeliveryForm, revokeApiKeyForm, rollApiKeyForm, setEndpointStatusForm,
} from "@/lib/admin/developer-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import type { StaffContext } from "@/lib/staff/access";
import { staffAction } from "../../staff";

// The Developers screens' server actions: each re-checks `developers:write` for the organization
// in the URL (live or sandbox) and works on that organization only.
type FormHandler = (db: ReturnType<typeof getDb>, org: { organizationId: string; mode: "live" | "test" }, form: FormData, prev: AdminFormState) => Promise<AdminFormState>;

async function run(slug: string, prev: AdminFormState, form: FormData, handler: FormHandler, page: string): Promise<AdminFormState> {
  const gate = await staffAction(slug, "developers:write", prev);
  if (!gate.ok) return gate.state;
  const state = await handler(getDb(), orgOf(gate.staff), form, prev);
  if (state.status === "success") revalidatePath(`/admin/${slug}/developers/${page}`, "layout");
  return state;
}

const orgOf = (staff: StaffContext) => ({ organizationId: staff.organization.id, mode: staff.organization.mode });

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
