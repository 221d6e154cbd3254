"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { AdminFormState } from "@/lib/admin/form-state";
import { saveJwtForm, saveOidcForm, testSsoForm } from "@/lib/admin/sso-forms";
import type { SsoMethod } from "@/lib/portal-auth/sso-check";
import { staffAction } from "../../../staff";

/** A saved (or removed) configuration changes what the page offers (the test button, "secret stored"). */
function refreshed(slug: string, state: AdminFormState): AdminFormState {
  if (state.status === "success") revalidatePath(`/admin/${slug}/portal`, "layout");
  return state;
}

export async function saveJwtAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  return gate.ok ? refreshed(slug, await saveJwtForm(getDb(), gate.staff.organization.id, form, prev)) : gate.state;
}

export async function saveOidcAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  return gate.ok ? refreshed(slug, await saveOidcForm(getDb(), gate.staff.organization.id, form, prev)) : gate.state;
}

/** Reaches out to the merchant's IdP / JWKS: for those who may change the settings. */
export async function testSsoAction(slug: string, method: SsoMethod, prev: AdminFormState): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  if (!gate.ok) return gate.state;
  return testSsoForm(getDb(), gate.staff.organization.id, method === "oidc" ? "oidc" : "jwt", prev);
}
