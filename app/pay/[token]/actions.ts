"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { issuePayLinkInstrument, simulatePayLinkPayment, type PayFormState } from "@/lib/pay-link/pay";

// The payment page's buttons. The token is bound by the page; it is checked again here like any
// input, and the page re-renders (refresh) to show what was issued or paid.
export async function payAction(token: unknown, _previous: PayFormState, form: FormData): Promise<PayFormState> {
  const method = form.get("method");
  if (typeof token !== "string" || (method !== "pix" && method !== "boleto")) return { error: "unavailable" };
  const outcome = await issuePayLinkInstrument(getDb(), token, method);
  if (!outcome.ok) return { error: outcome.error };
  refresh();
  return { error: null };
}

export async function simulateAction(token: unknown): Promise<PayFormState> {
  if (typeof token !== "string") return { error: "not_found" };
  const outcome = await simulatePayLinkPayment(getDb(), token);
  if (!outcome.ok) return { error: outcome.error };
  refresh();
  return { error: null };
}
