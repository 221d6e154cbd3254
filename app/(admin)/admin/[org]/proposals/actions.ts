"use server";

import { redirect } from "next/navigation";
import type { AdminFormState } from "@/lib/admin/form-state";
import { cancelProposalForm, createProposalForm, sendProposalForm, updateProposalForm } from "@/lib/admin/proposal-forms";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Proposals screens' server actions: each re-checks `business:write` for the organization in
// the URL (live or sandbox) and works on that organization only. Emails the services queued are
// handed to the job queue once the action succeeded (runStaffForm).
const run = (slug: string, prev: AdminFormState, form: FormData, handler: StaffFormHandler) => runStaffForm(slug, "business:write", prev, form, handler, "proposals");

/** Creates (and sends); on success opens the new proposal's page, which says what happened. */
export async function createProposalAction(slug: string, prev: AdminFormState, form: FormData) {
  const state = await run(slug, prev, form, createProposalForm);
  const id = state.status === "success" ? state.values?.id : undefined;
  if (id) redirect(`/admin/${encodeURIComponent(slug)}/proposals/${id}?created=${state.values?.sent ? "sent" : "draft"}`);
  return state;
}
export async function sendProposalAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, sendProposalForm);
}
export async function cancelProposalAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, cancelProposalForm);
}
export async function updateProposalAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, updateProposalForm);
}
