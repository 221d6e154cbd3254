"use server";

import { refundPaymentForm } from "@/lib/admin/billing-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { runStaffForm } from "../../staff";

// The Payments screens' server action: a refund, with `business:write`, on the organization in
// the URL only.
export async function refundPaymentAction(slug: string, prev: AdminFormState, form: FormData) {
  return runStaffForm(slug, "business:write", prev, form, refundPaymentForm, "payments");
}
