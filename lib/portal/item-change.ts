import type { DbOrTx } from "@/db";
import { getPricesByIds } from "@/lib/catalog/prices";
import { getPlanWithItemsOrThrow } from "@/lib/plans/plans";
import type { SubscriptionChangeInput } from "@/lib/subscriptions/change-input";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";

/**
 * The change input that sets some items' quantities (adding a price not yet subscribed, or
 * setting 0 to remove one) and keeps every other item as it is.
 *
 * computeChange resolves a plan subscription's `quantities` against the plan: required items it
 * does not name fall back to the plan's default quantity, and items outside the plan are
 * dropped. So while the plan covers every item (current and new) on the subscription's cycle,
 * every current quantity is named and the plan is kept (a removed optional item stays at 0).
 * Otherwise (and always without a plan) the whole item set is sent, items at 0 left out, which
 * the engine applies as explicit items (the subscription then has no plan).
 */
export async function itemQuantitiesInput(db: DbOrTx, sub: SubscriptionWithItems, overrides: Record<string, number>): Promise<SubscriptionChangeInput> {
  const wanted = new Map(sub.items.map((i) => [i.priceId, i.quantity]));
  for (const [priceId, quantity] of Object.entries(overrides)) wanted.set(priceId, quantity);
  if (sub.planId) {
    const plan = await getPlanWithItemsOrThrow(db, { organizationId: sub.organizationId, id: sub.planId });
    const planPrices = await getPricesByIds(db, { organizationId: sub.organizationId }, plan.items.map((i) => i.priceId));
    const onCycle = new Set(
      plan.items
        .filter((i) => {
          const p = planPrices.get(i.priceId);
          return p !== undefined && p.recurringInterval === sub.billingInterval && p.intervalCount === sub.intervalCount;
        })
        .map((i) => i.priceId),
    );
    if ([...wanted.keys()].every((priceId) => onCycle.has(priceId))) return { quantities: Object.fromEntries(wanted) };
  }
  const items = [...wanted.entries()].filter(([, quantity]) => quantity > 0).map(([price_id, quantity]) => ({ price_id, quantity }));
  return { items: items.length ? items : [...wanted.entries()].map(([price_id, quantity]) => ({ price_id, quantity })) };
}
