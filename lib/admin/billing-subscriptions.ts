import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, planItems, plans, prices, products } from "@/db/schema";

// What the Subscriptions screens show next to the records: the names of the prices and products
// a subscription's items point at, and the choices of the "New subscription" form. All of them
// are the organization's own rows only.
export type PriceName = { priceName: string; productName: string; unitAmountSubcents: number; billingScheme: string; currency: string };

export async function priceNames(db: DbOrTx, organizationId: string, priceIds: string[]): Promise<Map<string, PriceName>> {
  const ids = [...new Set(priceIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: prices.id, priceName: prices.name, productName: products.name, unitAmountSubcents: prices.unitAmountSubcents, billingScheme: prices.billingScheme, currency: prices.currency })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
    .where(and(eq(prices.organizationId, organizationId), inArray(prices.id, ids)));
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/** A plan's required, licensed item: the form offers its quantity (`quantities.<price_id>`) on the price's cycle. */
export type QuantityItem = { priceId: string; label: string; quantity: number; interval: string; intervalCount: number };

/** The active plans a subscription can be created on, with their billing cycles and the items whose quantity can be chosen. */
export async function subscribablePlans(db: DbOrTx, organizationId: string) {
  const [rows, items] = await Promise.all([
    db
      .select({ id: plans.id, name: plans.name, billingCycles: plans.billingCycles, trialDays: plans.trialDays })
      .from(plans)
      .where(and(eq(plans.organizationId, organizationId), eq(plans.status, "active")))
      .orderBy(asc(plans.name)),
    db
      .select({
        planId: planItems.planId, priceId: planItems.priceId, quantity: planItems.quantity, optional: planItems.optional,
        priceName: prices.name, productName: products.name, usageType: prices.usageType, interval: prices.recurringInterval, intervalCount: prices.intervalCount,
      })
      .from(planItems)
      .innerJoin(prices, and(eq(prices.id, planItems.priceId), eq(prices.organizationId, organizationId)))
      .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
      .where(eq(planItems.organizationId, organizationId))
      .orderBy(asc(planItems.position), asc(planItems.createdAt)),
  ]);
  return rows.map((plan) => ({
    ...plan,
    quantityItems: items
      .filter((i) => i.planId === plan.id && !i.optional && i.usageType === "licensed")
      .map((i): QuantityItem => ({ priceId: i.priceId, label: `${i.productName} (${i.priceName})`, quantity: i.quantity, interval: i.interval, intervalCount: i.intervalCount })),
  }));
}

/** The active billing accounts, by name (the form's customer choice; at most `limit`). */
export function subscribableAccounts(db: DbOrTx, organizationId: string, limit = 500) {
  return db
    .select({ id: billingAccounts.id, name: billingAccounts.name, email: billingAccounts.email })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.organizationId, organizationId), eq(billingAccounts.status, "active")))
    .orderBy(asc(billingAccounts.name), asc(billingAccounts.id))
    .limit(limit);
}
