import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices, payments } from "@/db/schema";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import { collectInvoice } from "@/lib/payments/collect";
import type { PaymentGateway } from "@/lib/payments/gateway";
import { pendingInstruments } from "@/lib/payments/pending";

// The checkout's first invoice, collected once the purchase has committed: what
// POST /invoices/:id/pay does (collectInvoice, forced). Its locks make it safe against the
// payments worker picking the same invoice up: whichever comes second finds it paid, pending or
// in flight, and never charges again. A card is charged now; a boleto or PIX is issued and
// the invoice stays open until the customer pays it.
type Scope = { organizationId: string; mode: "live" | "test" };

export type CheckoutPayment = {
  method: "card" | "boleto" | "pix";
  /** paid: charged now; pending: boleto/PIX waiting for the customer; failed: declined (the
   * invoice stays open in the portal); processing: the gateway's answer is not in yet; none: nothing due today (trial). */
  outcome: "paid" | "pending" | "failed" | "processing" | "none";
  amount_cents: number;
  currency: string | null;
  failure_code: string | null;
  boleto: { digitable_line: string; barcode: string; due_date: string } | null;
  pix: { payload: string; expires_at: string } | null;
  /** The invoice's payment page on the portal host (boleto/PIX with QR code), while it is open. */
  pay_path: string | null;
};

const WAIT_STEP_MS = 250;
const WAIT_TRIES = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const none = (method: CheckoutPayment["method"]): CheckoutPayment => ({
  method, outcome: "none", amount_cents: 0, currency: null, failure_code: null, boleto: null, pix: null, pay_path: null,
});

/** What the invoice's payments say now (after our attempt, or the worker's). */
async function paymentState(db: Db, scope: Scope, invoiceId: string, method: CheckoutPayment["method"]): Promise<CheckoutPayment> {
  const [invoice] = await db.select().from(invoices).where(and(eq(invoices.id, invoiceId), eq(invoices.organizationId, scope.organizationId)));
  if (!invoice) return none(method);
  const base = { ...none(method), amount_cents: invoice.amountDueCents, currency: invoice.currency, pay_path: invoice.paymentToken ? `/pay/${invoice.paymentToken}` : null };
  if (invoice.status === "paid") return { ...base, outcome: invoice.amountDueCents === 0 ? "none" : "paid", pay_path: null };
  const pending = await pendingInstruments(db, { organizationId: scope.organizationId, invoiceId }, now());
  if (method === "boleto" && pending.boleto) {
    const { digitable_line, barcode, due_date } = pending.boleto;
    return { ...base, outcome: "pending", boleto: { digitable_line, barcode, due_date } };
  }
  if (method === "pix" && pending.pix) return { ...base, outcome: "pending", pix: { payload: pending.pix.payload, expires_at: pending.pix.expires_at } };
  const [latest] = await db
    .select({ status: payments.status, failureCode: payments.failureCode })
    .from(payments)
    .where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, invoiceId)))
    .orderBy(desc(payments.createdAt))
    .limit(1);
  if (latest?.status === "failed") return { ...base, outcome: "failed", failure_code: latest.failureCode };
  return { ...base, outcome: "processing" };
}

export async function collectFirstInvoice(
  db: Db,
  scope: Scope,
  input: { invoiceId: string | null; method: CheckoutPayment["method"]; gateway: PaymentGateway },
): Promise<CheckoutPayment> {
  if (!input.invoiceId) return none(input.method); // a trial: nothing is due today
  try {
    // The account's only method is its default: no paymentMethodId, so a boleto/PIX already
    // issued by the worker is kept rather than issued twice.
    await collectInvoice(db, { ...scope, invoiceId: input.invoiceId }, { force: true, gateway: input.gateway });
  } catch (error) {
    // A gateway that did not answer: the attempt stays `processing` and the worker re-drives it
    // with the same idempotency key (never a second charge).
    log.error("checkout: first collection failed", { error, invoiceId: input.invoiceId });
  }
  let state = await paymentState(db, scope, input.invoiceId, input.method);
  for (let i = 0; i < WAIT_TRIES && state.outcome === "processing"; i++) {
    await sleep(WAIT_STEP_MS); // the worker's attempt is in flight: its answer is moments away
    state = await paymentState(db, scope, input.invoiceId, input.method);
  }
  return state;
}
