import type { DbOrTx } from "@/db";
import { priceAmount } from "@/lib/billing/amount";
import { AmountOutOfRangeError, roundRatioHalfUp } from "@/lib/billing/money";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { getPricesByIds } from "@/lib/catalog/prices";
import { now as clockNow } from "@/lib/clock";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";
import { usageForPeriod } from "./period-totals";

export type UsageSummaryItem = {
  subscription_item_id: string;
  price_id: string;
  quantity: number;
  amount_cents: number;
  projected_quantity: number;
  /** null when the projection is beyond what can be billed exactly (early in a period, say). */
  projected_amount_cents: number | null;
};

/**
 * Usage of each metered item in the current period so far, what it bills now, and the
 * projection to the period's end. The projection is linear on elapsed time: quantity ×
 * (period length / time elapsed), rounded half up to a whole unit; before any time has
 * elapsed it is the quantity itself.
 */
export async function usageSummary(db: DbOrTx, scope: { organizationId: string; subscriptionId: string }) {
  const sub = await getSubscriptionOrThrow(db, { organizationId: scope.organizationId, id: scope.subscriptionId });
  const at = clockNow();
  const start = sub.currentPeriodStart;
  const end = sub.currentPeriodEnd;
  const priceRows = await getPricesByIds(db, scope, sub.items.map((i) => i.priceId));
  const metered = sub.items.filter((i) => priceRows.get(i.priceId)?.usageType === "metered");
  const quantities = await usageForPeriod(db, { organizationId: scope.organizationId, subscriptionId: sub.id, start, end });
  const elapsed = BigInt(Math.max(0, Math.min(at.getTime(), end.getTime()) - start.getTime()));
  const length = BigInt(end.getTime() - start.getTime());
  const items: UsageSummaryItem[] = metered.map((item) => {
    const terms = rowToPriceTerms(priceRows.get(item.priceId)!);
    const quantity = quantities.get(item.id) ?? 0;
    const projected = elapsed === 0n ? quantity : Number(roundRatioHalfUp(BigInt(quantity) * length, elapsed));
    return {
      subscription_item_id: item.id,
      price_id: item.priceId,
      quantity,
      amount_cents: priceAmount(terms, quantity).amount_cents,
      projected_quantity: projected,
      projected_amount_cents: projectedAmount(terms, projected),
    };
  });
  return { subscription: sub, periodStart: start, periodEnd: end, asOf: at, items };
}

function projectedAmount(terms: ReturnType<typeof rowToPriceTerms>, projected: number): number | null {
  try {
    return priceAmount(terms, projected).amount_cents;
  } catch (error) {
    if (error instanceof AmountOutOfRangeError) return null;
    throw error;
  }
}
