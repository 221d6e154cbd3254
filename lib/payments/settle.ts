import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoices, organizations, payments, subscriptions, type Payment } from "@/db/schema";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { now as clockNow } from "@/lib/clock";
import { invoiceEventData } from "@/lib/invoices/events";
import { formatNumber, nextNumber } from "@/lib/invoices/sequences";
import { getInvoiceOrThrow, type InvoiceWithLines } from "@/lib/invoices/store";
import { getSubscriptionOrThrow, writeVersion } from "@/lib/subscriptions/versions";
import { emitEvent } from "@/lib/webhooks/emit";
import { paymentEventData } from "./events";
import { notifyPaymentFailed } from "@/lib/email/notifications";

// What a payment's outcome does to its invoice and subscription, in the caller's transaction
// (which holds the invoice's row lock):
// - captured: the payment gets its receipt number, the invoice is paid, other pending boleto/PIX
//   of the invoice are canceled, and a subscription waiting on it (incomplete, past_due, unpaid)
//   is active again;
// - every method failed: the invoice's next attempt follows the organization's dunning schedule
//   (days after finalization, default 1, 3, 5, 7); the subscription is incomplete (first invoice)
//   or past_due, and when the schedule is exhausted it gets the organization's final status.
type Scope = { organizationId: string; mode: "live" | "test" };
const DAY_MS = 86_400_000;
const SYSTEM = "system:payments";

export const receiptNumber = async (tx: DbOrTx, organizationId: string) => {
  const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
  return formatNumber(`${org!.slug}-R`, await nextNumber(tx, organizationId, "receipt"));
};

async function setSubscriptionStatus(tx: DbOrTx, scope: Scope, subscriptionId: string, from: string[], status: "active" | "past_due" | "unpaid" | "canceled" | "incomplete", reason: string) {
  const sub = await getSubscriptionOrThrow(tx, { organizationId: scope.organizationId, id: subscriptionId }, { forUpdate: true });
  if (!from.includes(sub.status) || sub.status === status) return;
  const at = clockNow();
  await tx
    .update(subscriptions)
    .set(status === "canceled" ? { status, canceledAt: at, endedAt: at, cancellationReason: sub.cancellationReason ?? "payment_failed", pendingChange: null } : { status })
    .where(and(eq(subscriptions.id, sub.id), eq(subscriptions.organizationId, scope.organizationId)));
  const updated = await writeVersion(tx, { organizationId: scope.organizationId, id: sub.id }, reason, SYSTEM);
  await emitEvent(tx, { organizationId: scope.organizationId, type: status === "canceled" ? "subscription.canceled" : "subscription.updated", data: serializeSubscription(updated, scope.mode) });
}

/** The payment captured the invoice's amount: receipt, invoice paid, subscription back to active. */
export async function settlePaid(tx: DbOrTx, scope: Scope, invoice: InvoiceWithLines, payment: Payment, capturedAt: Date): Promise<InvoiceWithLines> {
  const receipt = await receiptNumber(tx, scope.organizationId);
  const [paid] = await tx
    .update(payments)
    .set({ status: "succeeded", receiptNumber: receipt, capturedAt, failureCode: null, failureMessage: null, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(payments.id, payment.id), eq(payments.organizationId, scope.organizationId)))
    .returning();
  await tx
    .update(invoices)
    .set({ status: "paid", amountPaidCents: invoice.amountDueCents, paidAt: capturedAt, nextPaymentAttemptAt: null, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.organizationId, scope.organizationId)));
  await tx
    .update(payments)
    .set({ status: "canceled", updatedAt: sql`clock_timestamp()` })
    .where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, invoice.id), eq(payments.status, "pending")));
  const updated = await getInvoiceOrThrow(tx, { organizationId: scope.organizationId, id: invoice.id });
  await emitEvent(tx, { organizationId: scope.organizationId, type: "payment.succeeded", data: paymentEventData(paid!, scope.mode) });
  await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.paid", data: invoiceEventData(updated, scope.mode) });
  if (invoice.subscriptionId) await setSubscriptionStatus(tx, scope, invoice.subscriptionId, ["incomplete", "past_due", "unpaid"], "active", "payment_recovered");
  return updated;
}

/** Every method failed in this round: schedule the next one, or apply the final status. */
export async function settleFailedRound(tx: DbOrTx, scope: Scope, invoice: InvoiceWithLines, failure: { code: string; message: string }): Promise<InvoiceWithLines> {
  const [org] = await tx
    .select({ days: organizations.dunningRetryDays, final: organizations.dunningFinalStatus })
    .from(organizations)
    .where(eq(organizations.id, scope.organizationId));
  const round = invoice.attemptCount; // already counts this round
  const retryDay = org!.days[round - 1];
  const base = invoice.finalizedAt ?? clockNow();
  const next = retryDay === undefined ? null : new Date(Math.max(base.getTime() + retryDay * DAY_MS, clockNow().getTime()));
  await tx
    .update(invoices)
    .set({ nextPaymentAttemptAt: next, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.organizationId, scope.organizationId)));
  const updated = await getInvoiceOrThrow(tx, { organizationId: scope.organizationId, id: invoice.id });
  await emitEvent(tx, {
    organizationId: scope.organizationId,
    type: "invoice.payment_failed",
    data: { ...invoiceEventData(updated, scope.mode), failure_code: failure.code, failure_message: failure.message },
  });
  await notifyPaymentFailed(tx, updated, failure);
  if (invoice.subscriptionId) {
    const first = invoice.billingReason === "subscription_create";
    if (next) await setSubscriptionStatus(tx, scope, invoice.subscriptionId, ["active", "trialing"], first ? "incomplete" : "past_due", "payment_failed");
    else await setSubscriptionStatus(tx, scope, invoice.subscriptionId, ["active", "trialing", "past_due", "incomplete"], first ? "incomplete" : org!.final, "dunning_exhausted");
  }
  return updated;
}

/** Pending boleto/PIX payments of an invoice (waiting for the customer). */
export const pendingPayments = (tx: DbOrTx, scope: { organizationId: string }, invoiceId: string) =>
  tx.select().from(payments).where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, invoiceId), inArray(payments.status, ["pending"])));
