import type { DbOrTx } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { pendingInstruments } from "@/lib/payments/pending";
import { issueInstrument, simulateInvoicePayment } from "@/lib/payments/simulate";
import { unsafeInvoiceByPaymentToken, type PayLinkTarget } from "./lookup";

// What the payment page's buttons do. Each takes the token again (never an invoice id from the
// form) and answers with an outcome the page words for the customer: nothing here throws.
export type PayMethod = "pix" | "boleto";
export type PayLinkError = "not_found" | "not_payable" | "unavailable" | "sandbox_only";
export type PayLinkOutcome = { ok: true } | { ok: false; error: PayLinkError };

const OPEN = ["open", "uncollectible"];

/** The boleto or PIX to pay with: the one already issued while it is still good, else a new one. */
export async function issuePayLinkInstrument(db: DbOrTx, token: string, method: PayMethod): Promise<PayLinkOutcome> {
  return guarded(db, "issue", token, async (target) => {
    if (await usablePending(db, target, method)) return { ok: true };
    await issueInstrument(db, scopeOf(target), target.invoiceId, method);
    return { ok: true };
  });
}

/** Sandbox only: pays the invoice as its customer would, through the code behind POST /invoices/:id/simulate_payment. */
export async function simulatePayLinkPayment(db: DbOrTx, token: string): Promise<PayLinkOutcome> {
  return guarded(db, "simulate", token, async (target) => {
    if (target.mode !== "test") return { ok: false, error: "sandbox_only" };
    // Pay what the customer sees: the boleto or PIX on the page, a fresh PIX when there is none.
    const method = (await usablePending(db, target, "pix")) ? "pix" : (await usablePending(db, target, "boleto")) ? "boleto" : null;
    if (!method) await issueInstrument(db, scopeOf(target), target.invoiceId, "pix");
    await simulateInvoicePayment(db, { ...scopeOf(target), invoiceId: target.invoiceId }, { method: method ?? "pix" });
    return { ok: true };
  });
}

async function usablePending(db: DbOrTx, target: PayLinkTarget, method: PayMethod): Promise<boolean> {
  const pending = await pendingInstruments(db, { organizationId: target.organizationId, invoiceId: target.invoiceId }, now());
  return method === "pix" ? pending.pix !== null && !pending.pix.expired : pending.boleto !== null && !pending.boleto.overdue;
}

const scopeOf = (target: PayLinkTarget) => ({ organizationId: target.organizationId, mode: target.mode });

async function guarded(db: DbOrTx, what: string, token: string, run: (target: PayLinkTarget) => Promise<PayLinkOutcome>): Promise<PayLinkOutcome> {
  let target: PayLinkTarget | null = null;
  try {
    target = await unsafeInvoiceByPaymentToken(db, token);
    if (!target) return { ok: false, error: "not_found" };
    if (!OPEN.includes(target.status)) return { ok: false, error: "not_payable" };
    return await run(target);
  } catch (error) {
    // Paid or voided meanwhile, a charge in flight, an archived account, a gateway refusal: the
    // customer can only look again or retry later. Anything unexpected is logged for the merchant.
    if (!(error instanceof ApiError)) log.error(`payment link: ${what} failed`, { error, invoiceId: target?.invoiceId });
    if (!target) return { ok: false, error: "unavailable" };
    const after = await unsafeInvoiceByPaymentToken(db, token).catch(() => target);
    return { ok: false, error: !after || !OPEN.includes(after.status) ? "not_payable" : "unavailable" };
  }
}

/** What the page's forms hold between submissions: the last refusal, worded by the page. */
export type PayFormState = { error: PayLinkError | null };
export type PayFormAction = (previous: PayFormState, form: FormData) => Promise<PayFormState>;
