"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { addDomainForm, removeDomainForm, verifyDomainForm } from "@/lib/admin/domain-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { staffAction } from "../../../staff";

// The Domain screen's actions: owners and admins only (portal_settings:write), checked here
// whatever the browser sends. Each answer refreshes the page's list.
function refreshed(slug: string, state: AdminFormState): AdminFormState {
  revalidatePath(`/admin/${slug}/portal/domain`);
  return state;
}

export async function addDomainAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  return gate.ok ? refreshed(slug, await addDomainForm(getDb(), gate.staff.organization.id, form, prev)) : gate.state;
}

export async function verifyDomainAction(slug: string, id: string, prev: AdminFormState): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  return gate.ok ? refreshed(slug, await verifyDomainForm(getDb(), gate.staff.organization.id, id, prev)) : gate.state;
}

export async function removeDomainAction(slug: string, id: string, prev: AdminFormState): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  return gate.ok ? refreshed(slug, await removeDomainForm(getDb(), gate.staff.organization.id, id, prev)) : gate.state;
}
