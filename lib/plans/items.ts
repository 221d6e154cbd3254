import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { planItems, prices, products, type BillingCycle, type PlanItem } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import type { PlanItemInput } from "./plan-input";

// A plan's items: validated against the catalog, then written as a set.
export type ResolvedItem = { priceId: string; productId: string; quantity: number; optional: boolean; position: number };

const cycleKey = (interval: string, count: number) => `${interval}/${count}`;
const describeCycle = (interval: string, count: number) => (count === 1 ? `every ${interval}` : `every ${count} ${interval}s`);

/**
 * Checks the items against the organization's catalog, in input order, naming the first item
 * at fault: the price must exist here (422 reference_not_found), be active, belong to an
 * active product, share one currency with the other items and — unless the item is
 * optional — bill on one of the plan's billing cycles. The prices and products read are
 * share-locked, so they cannot be deactivated before the caller's transaction commits.
 */
export async function resolvePlanItems(
  db: DbOrTx,
  organizationId: string,
  items: PlanItemInput[],
  cycles: BillingCycle[],
): Promise<ResolvedItem[]> {
  const rows = await db
    .select({
      id: prices.id,
      productId: prices.productId,
      active: prices.active,
      currency: prices.currency,
      interval: prices.recurringInterval,
      intervalCount: prices.intervalCount,
      productStatus: products.status,
    })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
    .where(and(eq(prices.organizationId, organizationId), inArray(prices.id, items.map((i) => i.price_id))))
    .for("share");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const allowed = new Set(cycles.map((c) => cycleKey(c.interval, c.interval_count)));
  let currency: string | null = null;

  return items.map((item, i) => {
    const param = `items[${i}].price_id`;
    const price = byId.get(item.price_id);
    if (!price) throw new ApiError("reference_not_found", `No such price: '${item.price_id}'`, { param });
    if (item.product_id !== undefined && item.product_id !== price.productId) {
      throw invalid(param, `this price belongs to another product than items[${i}].product_id`);
    }
    if (!price.active) throw invalid(param, "this price is inactive; use an active price");
    if (price.productStatus !== "active") throw invalid(param, "this price's product is archived");
    currency ??= price.currency;
    if (price.currency !== currency) throw invalid(param, `this price is in ${price.currency}, the plan's other items in ${currency}`);
    if (!item.optional && !allowed.has(cycleKey(price.interval, price.intervalCount))) {
      throw invalid(param, `this price bills ${describeCycle(price.interval, price.intervalCount)}, which is not one of the plan's billing_cycles`);
    }
    return { priceId: price.id, productId: price.productId, quantity: item.quantity, optional: item.optional, position: i };
  });
}

/** New billing cycles must still cover every required item's price (checked on PATCH). */
export async function assertCyclesCoverItems(db: DbOrTx, scope: { organizationId: string; planId: string }, cycles: BillingCycle[]) {
  const allowed = new Set(cycles.map((c) => cycleKey(c.interval, c.interval_count)));
  const rows = await db
    .select({ priceId: planItems.priceId, interval: prices.recurringInterval, intervalCount: prices.intervalCount })
    .from(planItems)
    .innerJoin(prices, eq(prices.id, planItems.priceId))
    .where(and(eq(planItems.organizationId, scope.organizationId), eq(planItems.planId, scope.planId), eq(planItems.optional, false)))
    .orderBy(asc(planItems.position));
  const uncovered = rows.find((r) => !allowed.has(cycleKey(r.interval, r.intervalCount)));
  if (uncovered) {
    throw invalid(
      "billing_cycles",
      `the plan's item with price '${uncovered.priceId}' bills ${describeCycle(uncovered.interval, uncovered.intervalCount)}; keep that cycle or replace the items first`,
    );
  }
}

/** Items of the given plans, keyed by plan id, in display order. */
export async function loadPlanItems(db: DbOrTx, organizationId: string, planIds: string[]): Promise<Map<string, PlanItem[]>> {
  const out = new Map<string, PlanItem[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return out;
  const rows = await db
    .select()
    .from(planItems)
    .where(and(eq(planItems.organizationId, organizationId), inArray(planItems.planId, planIds)))
    .orderBy(asc(planItems.position), asc(planItems.createdAt));
  for (const row of rows) out.get(row.planId)?.push(row);
  return out;
}

/**
 * Makes the plan's items exactly `items`. An item whose price stays keeps its id (only its
 * quantity, optional flag and position change); the others are deleted or inserted. Run it in
 * the transaction that validated the items.
 */
export async function writePlanItems(tx: DbOrTx, scope: { organizationId: string; planId: string }, items: ResolvedItem[]): Promise<void> {
  const mine = and(eq(planItems.organizationId, scope.organizationId), eq(planItems.planId, scope.planId));
  const existing = await tx.select({ id: planItems.id, priceId: planItems.priceId }).from(planItems).where(mine);
  const kept = new Map(existing.map((e) => [e.priceId, e.id]));
  const wanted = new Set(items.map((i) => i.priceId));
  const removed = existing.filter((e) => !wanted.has(e.priceId)).map((e) => e.id);
  if (removed.length > 0) await tx.delete(planItems).where(and(mine, inArray(planItems.id, removed)));
  for (const item of items) {
    const id = kept.get(item.priceId);
    if (id) {
      await tx
        .update(planItems)
        .set({ quantity: item.quantity, optional: item.optional, position: item.position })
        .where(and(mine, eq(planItems.id, id)));
    }
  }
  const added = items.filter((i) => !kept.has(i.priceId));
  if (added.length > 0) {
    await tx.insert(planItems).values(
      added.map((i) => ({
        organizationId: scope.organizationId,
        planId: scope.planId,
        productId: i.productId,
        priceId: i.priceId,
        quantity: i.quantity,
        optional: i.optional,
        position: i.position,
      })),
    );
  }
}
