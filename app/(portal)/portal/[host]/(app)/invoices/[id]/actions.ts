"use server";

import { refresh } from "next/cache";
import type { CardPayState } from "@/components/portal/invoices/card-pay-button";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { failureReason, portalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import type { PayFormState, PayLinkError } from "@/lib/pay-link/pay";
import { issuePortalInstrument, payInvoiceWithCard, simulatePortalPayment, type PortalPayOutcome } from "@/lib/portal/pay";
import { requireSectionActor } from "../../section";

// The invoice page's payment buttons. Host and invoice id are bound by the page and checked
// again like any input: the viewer is resolved from the request's session, the section must be
// on, and lib/portal/pay.ts checks the role (manage_billing) and that the invoice is theirs.
const viewerFor = (host: unknown) => (typeof host === "string" ? requireSectionActor(host, "invoices") : null);

export async function payWithCardAction(host: unknown, invoiceId: unknown): Promise<CardPayState> {
  const viewer = await viewerFor(host);
  if (!viewer || typeof invoiceId !== "string") return { status: "error", message: null };
  const m = pick(portalBillingMessages, viewer.locale);
  const outcome = await payInvoiceWithCard(getDb(), viewer, invoiceId);
  if (outcome.ok) {
    refresh();
    return { status: "paid", message: m.pay.paid };
  }
  if (outcome.error === "declined") {
    refresh(); // the failed attempt shows in the invoice's payments
    return { status: "error", message: `${m.pay.errors.declined} ${failureReason(m, outcome.failureCode)}` };
  }
  return { status: "error", message: m.pay.errors[outcome.error] };
}

/** The payment link panel's form state: its words are keyed by the link's own error codes. */
function asPayForm(outcome: PortalPayOutcome): PayFormState {
  if (outcome.ok) return { error: null };
  const known: PayLinkError[] = ["not_found", "not_payable", "unavailable", "sandbox_only"];
  return { error: known.includes(outcome.error as PayLinkError) ? (outcome.error as PayLinkError) : "unavailable" };
}

export async function issueInstrumentAction(host: unknown, invoiceId: unknown, _previous: PayFormState, form: FormData): Promise<PayFormState> {
  const viewer = await viewerFor(host);
  const method = form.get("method");
  if (!viewer || typeof invoiceId !== "string" || (method !== "pix" && method !== "boleto")) return { error: "unavailable" };
  const outcome = await issuePortalInstrument(getDb(), viewer, invoiceId, method);
  if (outcome.ok) refresh();
  return asPayForm(outcome);
}

export async function simulatePaymentAction(host: unknown, invoiceId: unknown): Promise<PayFormState> {
  const viewer = await viewerFor(host);
  if (!viewer || typeof invoiceId !== "string") return { error: "unavailable" };
  const outcome = await simulatePortalPayment(getDb(), viewer, invoiceId);
  if (outcome.ok) refresh();
  return asPayForm(outcome);
}
