import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, invoices, prices, products, type Coupon, type DiscountCode } from "@/db/schema";
import { addInterval, type Period } from "@/lib/billing/periods";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { invoiceEventData } from "@/lib/invoices/events";
import { finalizeInvoice } from "@/lib/invoices/finalize";
import { cycleLines, discountLines, type BillableItem, type CycleInput } from "@/lib/invoices/lines";
import { insertDraft, type InvoiceWithLines } from "@/lib/invoices/store";
import { usageForPeriod } from "@/lib/usage/ingest";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { emitEvent } from "@/lib/webhooks/emit";

// A subscription's invoice for a billing period: built from its items, usage and promotions by
// lib/invoices/lines.ts, then finalized (and so collected) in the caller's transaction.
type Scope = { organizationId: string; mode: "live" | "test" };

export async function billableItems(tx: DbOrTx, sub: SubscriptionWithItems): Promise<BillableItem[]> {
  if (sub.items.length === 0) return [];
  const rows = await tx
    .select({ price: prices, productName: products.name })
    .from(prices)
    .innerJoin(products, eq(products.id, prices.productId))
    .where(and(eq(prices.organizationId, sub.organizationId), inArray(prices.id, sub.items.map((i) => i.priceId))));
  const byId = new Map(rows.map((r) => [r.price.id, r]));
  return sub.items.map((item) => {
    const row = byId.get(item.priceId)!;
    return { subscription_item_id: item.id, price_id: item.priceId, name: row.productName, price: rowToPriceTerms(row.price), quantity: item.quantity };
  });
}

/** Does the subscription's discount code still apply to an invoice for a period starting at `start`? */
function codeApplies(code: DiscountCode, sub: SubscriptionWithItems, start: Date, firstInvoice: boolean): boolean {
  if (code.duration === "forever") return true;
  if (code.duration === "once") return firstInvoice;
  const billingStart = sub.trialEnd ?? sub.startAt;
  return start.getTime() < addInterval(billingStart, "month", 1, code.durationInMonths ?? 0).getTime();
}

/** The subscription's coupon and, when its duration still covers `start`, its discount code. */
export async function promotions(tx: DbOrTx, sub: SubscriptionWithItems, start: Date, firstInvoice: boolean): Promise<Pick<CycleInput, "coupon" | "discountCode">> {
  let coupon: Coupon | undefined;
  let code: DiscountCode | undefined;
  if (sub.couponId) [coupon] = await tx.select().from(coupons).where(and(eq(coupons.id, sub.couponId), eq(coupons.organizationId, sub.organizationId)));
  if (sub.discountCodeId) [code] = await tx.select().from(discountCodes).where(and(eq(discountCodes.id, sub.discountCodeId), eq(discountCodes.organizationId, sub.organizationId)));
  return {
    coupon: coupon
      ? { id: coupon.id, code: coupon.code, discount_type: coupon.discountType, percent_off_bps: coupon.percentOffBps, amount_off_cents: coupon.amountOffCents, min_purchase_cents: coupon.minPurchaseCents, max_discount_cents: coupon.maxDiscountCents }
      : null,
    discountCode: code && codeApplies(code, sub, start, firstInvoice) ? { id: code.id, code: code.code, percent_off_bps: code.percentOffBps, amount_off_cents: code.amountOffCents } : null,
  };
}

/** Has the subscription had its first cycle invoice (the one that carries setup fees)? */
export async function hasCycleInvoice(tx: DbOrTx, sub: SubscriptionWithItems): Promise<boolean> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invoices)
    .where(and(eq(invoices.organizationId, sub.organizationId), eq(invoices.subscriptionId, sub.id), inArray(invoices.billingReason, ["subscription_create", "subscription_cycle"])));
  return (row?.n ?? 0) > 0;
}

export type CycleInvoiceInput = {
  reason: "subscription_create" | "subscription_cycle" | "subscription_update" | "subscription_final";
  /** The period that starts: licensed items bill for it. */
  advance: Period | null;
  /** The period that ended with its items (before any change): metered items bill for it. */
  arrears: { period: Period; items: BillableItem[] } | null;
  /** The subscription after the renewal's changes (its items bill in advance). */
  subscription: SubscriptionWithItems;
  /** Its items as billableItems gives them, when the caller has just read them unchanged (saves the read). */
  items?: BillableItem[];
};

/** Builds, inserts and finalizes the invoice; null when it would have no lines at all. */
export async function issueCycleInvoice(tx: DbOrTx, scope: Scope, input: CycleInvoiceInput): Promise<InvoiceWithLines | null> {
  const sub = input.subscription;
  const first = !(await hasCycleInvoice(tx, sub));
  const current = input.advance ? (input.items ?? (await billableItems(tx, sub))) : [];
  const none = { coupon: null, discountCode: null, usage: new Map<string, number>() };
  // Only metered items bill in arrears: without any, there is no usage to read.
  const metered = input.arrears?.items.filter((i) => i.price.usage_type === "metered") ?? [];
  const arrearsLines = input.arrears && metered.length
    ? cycleLines({ ...none, items: metered, advance: null, arrears: input.arrears.period, includeSetup: false,
        usage: await usageForPeriod(tx, { organizationId: sub.organizationId, subscriptionId: sub.id, start: input.arrears.period.start, end: input.arrears.period.end }) })
    : [];
  const advanceLines = input.advance ? cycleLines({ ...none, items: current, advance: input.advance, arrears: null, includeSetup: first }) : [];
  const charges = [...advanceLines, ...arrearsLines];
  if (charges.length === 0) return null;
  const promo = await promotions(tx, sub, input.advance?.start ?? input.arrears!.period.end, first);
  const lines = [...charges, ...discountLines(charges, promo.coupon, promo.discountCode)];
  const period = input.advance ?? input.arrears!.period;
  const draft = await insertDraft(tx, {
    organizationId: sub.organizationId,
    billingAccountId: sub.billingAccountId,
    subscriptionId: sub.id,
    currency: sub.currency,
    billingReason: input.reason,
    period,
    lines,
  });
  await emitEvent(tx, { organizationId: sub.organizationId, type: "invoice.created", data: invoiceEventData(draft, scope.mode) });
  return finalizeInvoice(tx, { ...scope, id: draft.id });
}
