import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoices, paymentMethods, plans, subscriptions, type PaymentMethod, type SubscriptionStatus } from "@/db/schema";
import { billableItems } from "@/lib/billing-runs/cycle-invoice";
import { withItems } from "@/lib/subscriptions/list";
import type { PortalAccountScope } from "./account";
import { nextCharge, type NextCharge } from "./next-charge";

// The portal's Overview for one billing account: its subscriptions (plan, status, period) with
// their next charge, the invoice waiting to be paid, and the default payment method.
export type OverviewSubscription = {
  id: string;
  status: SubscriptionStatus;
  plan_name: string | null;
  items: Array<{ name: string; quantity: number }>;
  currency: string;
  current_period: { start: Date; end: Date };
  trial_end: Date | null;
  cancel_at_period_end: boolean;
  next_charge: NextCharge | null;
};

export type PendingInvoice = {
  id: string; number: string; status: "open" | "uncollectible"; currency: string; amount_remaining_cents: number; due_at: Date | null;
  /** The invoice's payment link on the portal host (/pay/<token>). */
  payment_path: string | null;
};

export type Overview = {
  subscriptions: OverviewSubscription[];
  /** The oldest invoice with something left to pay, and how many there are. */
  pending_invoice: PendingInvoice | null;
  pending_count: number;
  default_payment_method: PaymentMethodSummary | null;
};

export type PaymentMethodSummary = Pick<PaymentMethod, "id" | "type" | "role" | "cardBrand" | "cardLast4" | "cardExpMonth" | "cardExpYear">;

/** Subscriptions shown: everything but the ended ones. */
const SHOWN: SubscriptionStatus[] = ["scheduled", "trialing", "active", "past_due", "unpaid", "paused", "incomplete"];

export async function loadOverview(db: DbOrTx, scope: PortalAccountScope, at: Date): Promise<Overview> {
  const [subscriptions, pending, method] = await Promise.all([
    accountSubscriptions(db, scope, at),
    payableInvoices(db, scope),
    defaultPaymentMethod(db, scope),
  ]);
  return { subscriptions, pending_invoice: pending[0] ?? null, pending_count: pending.length, default_payment_method: method };
}

async function accountSubscriptions(db: DbOrTx, scope: PortalAccountScope, at: Date): Promise<OverviewSubscription[]> {
  // The statuses are filtered in SQL: newer ended subscriptions must not push running ones out of the 20.
  const rows = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.organizationId, scope.organizationId), eq(subscriptions.billingAccountId, scope.billingAccountId), inArray(subscriptions.status, SHOWN)))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(20);
  const subs = await withItems(db, { organizationId: scope.organizationId }, rows);
  const planIds = [...new Set(subs.map((s) => s.planId).filter((id): id is string => id !== null))];
  const planRows = planIds.length
    ? await db.select({ id: plans.id, name: plans.name }).from(plans).where(and(eq(plans.organizationId, scope.organizationId), inArray(plans.id, planIds)))
    : [];
  const planName = new Map(planRows.map((p) => [p.id, p.name]));
  return Promise.all(
    subs.map(async (s) => ({
      id: s.id,
      status: s.status,
      plan_name: s.planId ? (planName.get(s.planId) ?? null) : null,
      items: (await billableItems(db, s)).filter((i) => i.quantity > 0 || i.price.usage_type === "metered").map((i) => ({ name: i.name, quantity: i.quantity })),
      currency: s.currency,
      current_period: { start: s.currentPeriodStart, end: s.currentPeriodEnd },
      trial_end: s.trialEnd,
      cancel_at_period_end: s.cancelAtPeriodEnd,
      next_charge: await nextCharge(db, s, at),
    })),
  );
}

/** Open (or uncollectible) invoices of the account with something left to pay, oldest first. */
export async function payableInvoices(db: DbOrTx, scope: PortalAccountScope): Promise<PendingInvoice[]> {
  const rows = await db
    .select({
      id: invoices.id, number: invoices.number, status: invoices.status, currency: invoices.currency, dueAt: invoices.dueAt, token: invoices.paymentToken,
      amountDueCents: invoices.amountDueCents, amountPaidCents: invoices.amountPaidCents,
    })
    .from(invoices)
    .where(
      and(
        eq(invoices.organizationId, scope.organizationId),
        eq(invoices.billingAccountId, scope.billingAccountId),
        inArray(invoices.status, ["open", "uncollectible"]),
        gt(sql`${invoices.amountDueCents} - ${invoices.amountPaidCents}`, 0),
      ),
    )
    .orderBy(asc(invoices.finalizedAt), asc(invoices.id))
    .limit(50);
  return rows.map((r) => ({
    id: r.id, number: r.number!, status: r.status as PendingInvoice["status"], currency: r.currency, amount_remaining_cents: r.amountDueCents - r.amountPaidCents, due_at: r.dueAt,
    payment_path: r.token ? `/pay/${r.token}` : null,
  }));
}

/** The account's active payment methods, the default first, then the backup. */
export async function accountPaymentMethods(db: DbOrTx, scope: PortalAccountScope): Promise<PaymentMethodSummary[]> {
  const rows = await db
    .select({
      id: paymentMethods.id, type: paymentMethods.type, role: paymentMethods.role, cardBrand: paymentMethods.cardBrand,
      cardLast4: paymentMethods.cardLast4, cardExpMonth: paymentMethods.cardExpMonth, cardExpYear: paymentMethods.cardExpYear,
    })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, scope.organizationId), eq(paymentMethods.billingAccountId, scope.billingAccountId), eq(paymentMethods.status, "active")))
    .orderBy(asc(paymentMethods.createdAt), asc(paymentMethods.id));
  const rank = (m: PaymentMethodSummary) => (m.role === "default" ? 0 : m.role === "backup" ? 1 : 2);
  return rows.sort((a, b) => rank(a) - rank(b));
}

async function defaultPaymentMethod(db: DbOrTx, scope: PortalAccountScope): Promise<PaymentMethodSummary | null> {
  return (await accountPaymentMethods(db, scope)).find((m) => m.role === "default") ?? null;
}
