import { and, eq, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { subscriptionItems } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { getPricesByIds } from "@/lib/catalog/prices";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { emitEvent } from "@/lib/webhooks/emit";
import { subscriptionItemsInput } from "./input";
import { assertStatus, getSubscriptionOrThrow, writeVersion, type SubscriptionWithItems, type SubscriptionWriter } from "./versions";

// PUT /subscriptions/:id/items: the whole item set, replaced in one transaction.
export const replaceItemsInput = z.strictObject({
  items: subscriptionItemsInput,
});

type Writer = SubscriptionWriter;

export async function replaceSubscriptionItems(db: DbOrTx, scope: Writer & { id: string }, input: z.output<typeof replaceItemsInput>): Promise<SubscriptionWithItems> {
  return db.transaction(async (tx) => {
    const sub = await getSubscriptionOrThrow(tx, scope, { forUpdate: true });
    assertStatus(sub, ["scheduled", "trialing", "active", "past_due", "paused"], "change the items of");
    const ids = input.items.map((i) => i.price_id);
    const byId = await getPricesByIds(tx, scope, ids);
    const kept = new Set(sub.items.map((i) => i.priceId));
    input.items.forEach((item, i) => {
      const param = `items[${i}].price_id`;
      const price = byId.get(item.price_id);
      if (!price) throw new ApiError("reference_not_found", `No such price: '${item.price_id}'`, { param });
      if (!price.active && !kept.has(price.id)) throw invalid(param, "this price is inactive");
      if (price.currency !== sub.currency) throw invalid(param, `this price is in ${price.currency}, the subscription in ${sub.currency}`);
      if (price.recurringInterval !== sub.billingInterval || price.intervalCount !== sub.intervalCount) throw invalid(param, "this price does not bill on the subscription's cycle");
    });
    await syncItems(tx, sub, input.items.map((item) => ({ priceId: item.price_id, productId: byId.get(item.price_id)!.productId, quantity: item.quantity })));
    const updated = await writeVersion(tx, scope, "items_replaced", scope.actor);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "subscription.updated", data: serializeSubscription(updated, scope.mode) });
    return updated;
  });
}

/**
 * Makes the subscription's items exactly `items`: items whose price stays keep their id (and
 * history pointing at them) with the new quantity; others are removed; new ones are added, in
 * the order given.
 */
export async function syncItems(tx: DbOrTx, sub: SubscriptionWithItems, items: Array<{ priceId: string; productId: string; quantity: number }>) {
  const own = and(eq(subscriptionItems.organizationId, sub.organizationId), eq(subscriptionItems.subscriptionId, sub.id));
  await tx.delete(subscriptionItems).where(and(own, notInArray(subscriptionItems.priceId, items.map((i) => i.priceId))));
  for (const [i, item] of items.entries()) {
    const existing = sub.items.find((s) => s.priceId === item.priceId);
    if (existing) {
      await tx.update(subscriptionItems).set({ quantity: item.quantity, updatedAt: new Date() }).where(and(own, eq(subscriptionItems.id, existing.id)));
    } else {
      await tx.insert(subscriptionItems).values({
        organizationId: sub.organizationId,
        subscriptionId: sub.id,
        productId: item.productId,
        priceId: item.priceId,
        quantity: item.quantity,
        createdAt: new Date(Date.now() + i), // items are listed by created_at: keep the order given
      });
    }
  }
}
