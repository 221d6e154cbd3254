"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { ACCOUNT_FIELDS, updatePortalAccount } from "@/lib/portal/billing-account";
import { textField } from "@/lib/portal/form-state";
import { toFieldState, type FieldFormState } from "@/lib/portal/form-result";
import { requireSectionActor } from "../section";

// The Account section's save: lib/portal/billing-account.ts checks manage_account and validates
// with the API's own input (check digits, UF, CEP); refusals come back under their fields.
export async function saveAccountAction(host: unknown, previous: FieldFormState, form: FormData): Promise<FieldFormState> {
  const viewer = await requireSectionActor(host, "account");
  const t = pick(portalProfileMessages, viewer.locale);
  const values = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, textField(form, f, 300)]));
  const result = await updatePortalAccount(getDb(), viewer, values);
  if (result.ok) refresh();
  return toFieldState(result, previous, { success: () => t.account.saved, errors: t.common.errors, fields: t.account.fieldErrors, fallback: t.common.fieldFallback }, result.ok ? result.value : values);
}
