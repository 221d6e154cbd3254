import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoices, payments, refunds, type Payment, type Refund } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";
import { accountMatches, escapeLike } from "@/lib/billing-accounts/search";
import { isUuid } from "@/lib/uuid";
import { grantCredit } from "@/lib/credits/service";
import { emitEvent } from "@/lib/webhooks/emit";
import { paymentEventData } from "./events";
import { getGateway } from "./gateways";

// Reading payments, and refunding them: fully or partly, never above what was captured minus
// earlier refunds, to the payment method through the gateway or to the account as credit.
// The payment's row lock serializes refunds of one payment; the gateway key is the payment and
// its refunded total so far, so a retried request replays the same refund instead of a second.
type Scope = { organizationId: string };
type Writer = Scope & { mode: "live" | "test" };
export type PaymentWithRefunds = Payment & { refunds: Refund[] };

export async function refundsOf(db: DbOrTx, scope: Scope, paymentIds: string[]): Promise<Map<string, Refund[]>> {
  const map = new Map<string, Refund[]>();
  if (paymentIds.length === 0) return map;
  const rows = await db.select().from(refunds).where(and(eq(refunds.organizationId, scope.organizationId), inArray(refunds.paymentId, paymentIds))).orderBy(asc(refunds.createdAt));
  for (const r of rows) map.set(r.paymentId, [...(map.get(r.paymentId) ?? []), r]);
  return map;
}

export async function getPaymentOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<PaymentWithRefunds> {
  const query = db.select().from(payments).where(and(eq(payments.id, scope.id), eq(payments.organizationId, scope.organizationId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("payment", scope.id);
  return { ...row, refunds: (await refundsOf(db, scope, [row.id])).get(row.id) ?? [] };
}

export type PaymentFilters = {
  limit: number; cursor?: string; invoice_id?: string; billing_account_id?: string; status?: Payment["status"];
  method_type?: Payment["methodType"];
  /** The admin's search: the receipt number, the payment's or its invoice's id, or its customer (accountMatches). */
  search?: string;
};

function paymentSearch(organizationId: string, search: string) {
  const text = search.trim();
  return or(
    ilike(payments.receiptNumber, `%${escapeLike(text)}%`),
    isUuid(text) ? or(eq(payments.id, text), eq(payments.invoiceId, text)) : undefined,
    accountMatches(payments.billingAccountId, organizationId, text),
  );
}

export async function listPayments(db: DbOrTx, scope: Scope, f: PaymentFilters): Promise<PaymentWithRefunds[]> {
  const rows = await listPage(db, payments, scope, [
    f.invoice_id ? eq(payments.invoiceId, f.invoice_id) : undefined,
    f.billing_account_id ? eq(payments.billingAccountId, f.billing_account_id) : undefined,
    f.status ? eq(payments.status, f.status) : undefined,
    f.method_type ? eq(payments.methodType, f.method_type) : undefined,
    f.search?.trim() ? paymentSearch(scope.organizationId, f.search) : undefined,
  ], f);
  const byPayment = await refundsOf(db, scope, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, refunds: byPayment.get(r.id) ?? [] }));
}

/**
 * Refunds a captured payment, to its method through the gateway or as account credit. A refund the
 * gateway refuses is kept (status failed, with its code) and answered 409; the next attempt has its
 * own idempotency key, so it is a new request to the gateway rather than a replay of the refusal.
 */
export async function refundPayment(db: DbOrTx, scope: Writer & { id: string }, input: { amount_cents?: number; reason?: string | null; as_credit: boolean }): Promise<PaymentWithRefunds> {
  const outcome = await db.transaction(async (tx): Promise<{ refused: string } | { payment: PaymentWithRefunds }> => {
    const payment = await getPaymentOrThrow(tx, scope, { forUpdate: true });
    if (payment.status !== "succeeded") throw new ApiError("resource_conflict", `Only a captured payment can be refunded (this one is ${payment.status})`, { param: "status" });
    const refundable = payment.amountCents - payment.amountRefundedCents;
    if (refundable === 0) throw new ApiError("resource_conflict", "This payment has been refunded in full", { param: "amount_refunded_cents" });
    const amount = input.amount_cents ?? refundable;
    if (amount > refundable) throw new ApiError("validation_failed", `Invalid amount_cents: at most ${refundable} can still be refunded`, { param: "amount_cents" });
    let creditId: string | null = null;
    let reference: string | null = null;
    if (input.as_credit) {
      creditId = (await grantCredit(tx, { ...scope, billingAccountId: payment.billingAccountId }, {
        credit_type: "refund", amount_cents: amount, currency: payment.currency, description: input.reason ?? `Refund of receipt ${payment.receiptNumber}`,
      })).id;
    } else {
      // One key per attempt: a retry after a rollback repeats its key (no second refund), a retry after a refusal gets a new one.
      const [earlier] = await tx.select({ n: count() }).from(refunds).where(and(eq(refunds.paymentId, payment.id), eq(refunds.organizationId, scope.organizationId)));
      const result = await getGateway(payment.gateway).refund({ idempotencyKey: `refund_${payment.id}_${earlier?.n ?? 0}`, chargeReference: payment.gatewayReference!, amountCents: amount });
      if (result.status === "failed") {
        await tx.insert(refunds).values({ organizationId: scope.organizationId, paymentId: payment.id, invoiceId: payment.invoiceId, amountCents: amount, reason: input.reason ?? null, status: "failed", gatewayReference: result.reference, failureCode: result.failureCode });
        return { refused: result.failureCode };
      }
      reference = result.reference;
    }
    await tx.insert(refunds).values({ organizationId: scope.organizationId, paymentId: payment.id, invoiceId: payment.invoiceId, amountCents: amount, reason: input.reason ?? null, asCredit: input.as_credit, creditId, status: "succeeded", gatewayReference: reference });
    await tx.update(payments).set({ amountRefundedCents: sql`${payments.amountRefundedCents} + ${amount}`, updatedAt: sql`clock_timestamp()` }).where(and(eq(payments.id, payment.id), eq(payments.organizationId, scope.organizationId)));
    await tx.update(invoices).set({ amountRefundedCents: sql`${invoices.amountRefundedCents} + ${amount}`, updatedAt: sql`clock_timestamp()` }).where(and(eq(invoices.id, payment.invoiceId), eq(invoices.organizationId, scope.organizationId)));
    const updated = await getPaymentOrThrow(tx, scope);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "payment.refunded", data: { ...paymentEventData(updated, scope.mode), refund_amount_cents: amount } });
    return { payment: updated };
  });
  if ("refused" in outcome) throw new ApiError("resource_conflict", `The gateway refused the refund (${outcome.refused})`, { param: "amount_cents" });
  return outcome.payment;
}
