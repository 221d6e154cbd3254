"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { AdminFormState } from "@/lib/admin/form-state";
import { saveBrandingForm } from "@/lib/admin/portal-settings-forms";
import { staffAction } from "../../../staff";

export async function saveBrandingAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "portal_settings:write", prev);
  if (!gate.ok) return gate.state;
  const state = await saveBrandingForm(getDb(), gate.staff.organization.id, form, prev);
  if (state.status === "success") revalidatePath(`/admin/${slug}/portal`, "layout");
  return state;
}
