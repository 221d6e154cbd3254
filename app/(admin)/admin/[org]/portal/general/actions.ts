"use server";

import { getDb } from "@/db";
import type { AdminFormState } from "@/lib/admin/form-state";
import { saveGeneralForm } from "@/lib/admin/portal-settings-forms";
import { staffAction } from "../../../staff";

export async function saveGeneralAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  if (!gate.ok) return gate.state;
  return saveGeneralForm(getDb(), gate.staff.organization.id, form, prev);
}
