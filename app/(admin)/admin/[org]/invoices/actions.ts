"use server";

import { redirect } from "next/navigation";
import {
  collectInvoiceForm, deleteDraftForm, finalizeInvoiceForm, markUncollectibleForm, simulatePaymentForm, voidInvoiceForm,
} from "@/lib/admin/billing-forms";
import { editMemoForm, recordNfeForm } from "@/lib/admin/billing-invoice-edit";
import { addDraftLinesForm, createInvoiceForm } from "@/lib/admin/billing-invoice-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { runStaffForm, type StaffFormHandler } from "../../staff";

// The Invoices screens' server actions: each re-checks `business:write` for the organization in
// the URL (live or sandbox) and works on that organization's invoices only. Invoices, payments and
// subscriptions show each other; their pages are dynamic, so they read afresh anyway.
const run = (slug: string, prev: AdminFormState, form: FormData, handler: StaffFormHandler) => runStaffForm(slug, "business:write", prev, form, handler, "invoices");

export async function finalizeInvoiceAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, finalizeInvoiceForm);
}
export async function voidInvoiceAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, voidInvoiceForm);
}
export async function markUncollectibleAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, markUncollectibleForm);
}
export async function collectInvoiceAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, collectInvoiceForm);
}
export async function simulatePaymentAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, simulatePaymentForm);
}
/** A deleted draft has no page left: back to the list. */
export async function deleteDraftAction(slug: string, prev: AdminFormState, form: FormData) {
  const state = await run(slug, prev, form, deleteDraftForm);
  if (state.status === "success") redirect(`/admin/${slug}/invoices`);
  return state;
}
/** A new invoice opens on its own page. */
export async function createInvoiceAction(slug: string, prev: AdminFormState, form: FormData) {
  const state = await run(slug, prev, form, createInvoiceForm);
  if (state.status === "success" && state.values?.id) redirect(`/admin/${slug}/invoices/${state.values.id}`);
  return state;
}
export async function addDraftLinesAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, addDraftLinesForm);
}
export async function recordNfeAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, recordNfeForm);
}
export async function editMemoAction(slug: string, prev: AdminFormState, form: FormData) {
  return run(slug, prev, form, editMemoForm);
}
