import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoices, paymentMethods, payments, refunds, type Payment, type Refund } from "@/db/schema";
import { encodeCursor } from "@/lib/api/pagination";
import { listPayments } from "@/lib/payments/refunds";
import { PORTAL_PAGE_SIZE, type PortalAccountScope } from "./account";

// The Payments section: every attempt to collect the account's invoices (receipts, failures
// with their code, boleto/PIX waiting), the retries the dunning schedule has set, and refunds.
export type PortalPayment = Pick<
  Payment,
  "id" | "invoiceId" | "methodType" | "amountCents" | "currency" | "status" | "attemptNumber" | "failureCode" | "receiptNumber" | "capturedAt" | "amountRefundedCents" | "createdAt"
> & { invoiceNumber: string | null; cardBrand: string | null; cardLast4: string | null };

export type PaymentsPage = { rows: PortalPayment[]; nextCursor: string | null };

export async function listPortalPayments(db: DbOrTx, scope: PortalAccountScope, q: { cursor?: string; limit?: number }): Promise<PaymentsPage> {
  const limit = q.limit ?? PORTAL_PAGE_SIZE;
  const rows = await listPayments(db, { organizationId: scope.organizationId }, { limit, cursor: q.cursor, billing_account_id: scope.billingAccountId });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: await portalPayments(db, scope, page), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Payments as the portal shows them: with their invoice's number and the card they charged. */
export async function portalPayments(db: DbOrTx, scope: PortalAccountScope, rows: Payment[]): Promise<PortalPayment[]> {
  const own = rows.filter((p) => p.billingAccountId === scope.billingAccountId);
  const [numbers, cards] = await Promise.all([invoiceNumbers(db, scope, own.map((p) => p.invoiceId)), cardsOf(db, scope, own.map((p) => p.paymentMethodId))]);
  return own.map((p) => ({
    id: p.id, invoiceId: p.invoiceId, methodType: p.methodType, amountCents: p.amountCents, currency: p.currency, status: p.status,
    attemptNumber: p.attemptNumber, failureCode: p.failureCode, receiptNumber: p.receiptNumber, capturedAt: p.capturedAt,
    amountRefundedCents: p.amountRefundedCents, createdAt: p.createdAt, invoiceNumber: numbers.get(p.invoiceId) ?? null,
    cardBrand: p.paymentMethodId ? (cards.get(p.paymentMethodId)?.brand ?? null) : null,
    cardLast4: p.paymentMethodId ? (cards.get(p.paymentMethodId)?.last4 ?? null) : null,
  }));
}

async function cardsOf(db: DbOrTx, scope: PortalAccountScope, ids: Array<string | null>): Promise<Map<string, { brand: string | null; last4: string | null }>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: paymentMethods.id, brand: paymentMethods.cardBrand, last4: paymentMethods.cardLast4 })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, scope.organizationId), eq(paymentMethods.billingAccountId, scope.billingAccountId), inArray(paymentMethods.id, wanted)));
  return new Map(rows.map((r) => [r.id, { brand: r.brand, last4: r.last4 }]));
}

async function invoiceNumbers(db: DbOrTx, scope: PortalAccountScope, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.organizationId, scope.organizationId), eq(invoices.billingAccountId, scope.billingAccountId), inArray(invoices.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.number]));
}

export type ScheduledRetry = { invoiceId: string; invoiceNumber: string | null; currency: string; amountRemainingCents: number; attemptCount: number; nextAttemptAt: Date };

/** Open invoices the dunning schedule will charge again, soonest first. */
export async function scheduledRetries(db: DbOrTx, scope: PortalAccountScope): Promise<ScheduledRetry[]> {
  const rows = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.organizationId, scope.organizationId), eq(invoices.billingAccountId, scope.billingAccountId), eq(invoices.status, "open"), isNotNull(invoices.nextPaymentAttemptAt)))
    .orderBy(asc(invoices.nextPaymentAttemptAt))
    .limit(50);
  return rows
    .filter((r) => r.attemptCount > 0) // the first collection is not a retry
    .map((r) => ({
      invoiceId: r.id, invoiceNumber: r.number, currency: r.currency, amountRemainingCents: r.amountDueCents - r.amountPaidCents,
      attemptCount: r.attemptCount, nextAttemptAt: r.nextPaymentAttemptAt!,
    }));
}

export type PortalRefund = Pick<Refund, "id" | "amountCents" | "reason" | "asCredit" | "status" | "createdAt"> & {
  invoiceId: string; invoiceNumber: string | null; currency: string; receiptNumber: string | null;
};

/** The account's refunds (to the payment method or as credit), newest first. */
export async function accountRefunds(db: DbOrTx, scope: PortalAccountScope, limit = 50): Promise<PortalRefund[]> {
  return db
    .select({
      id: refunds.id, amountCents: refunds.amountCents, reason: refunds.reason, asCredit: refunds.asCredit, status: refunds.status, createdAt: refunds.createdAt,
      invoiceId: refunds.invoiceId, invoiceNumber: invoices.number, currency: payments.currency, receiptNumber: payments.receiptNumber,
    })
    .from(refunds)
    .innerJoin(payments, and(eq(payments.id, refunds.paymentId), eq(payments.organizationId, scope.organizationId)))
    .innerJoin(invoices, and(eq(invoices.id, refunds.invoiceId), eq(invoices.organizationId, scope.organizationId)))
    .where(and(eq(refunds.organizationId, scope.organizationId), eq(payments.billingAccountId, scope.billingAccountId), eq(refunds.status, "succeeded")))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(limit);
}
