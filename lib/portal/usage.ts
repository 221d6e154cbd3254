import type { DbOrTx } from "@/db";
import { listUsageHistory } from "@/lib/usage/history";
import { usageSummary } from "@/lib/usage/summary";
import { loadPriceViews } from "./items";
import type { PortalActor } from "./account";
import { getPortalSubscription, type PortalSubscription } from "./subscriptions";

// The Usage section: per metered item of a subscription of the viewer's account, the
// consumption of the current period and its month-end projection (usageSummary, the same as
// the API's usage summary) and the daily series (the usage-sync job's daily snapshots, by UTC day).
const DAY_MS = 86_400_000;
/** The chart shows at most this many days: the latest of the period. */
export const MAX_CHART_DAYS = 62;

export type UsageDay = { day: Date; quantity: number };

export type PortalUsageItem = {
  subscriptionItemId: string;
  productName: string;
  priceName: string;
  includedQuantity: number;
  quantity: number;
  amountCents: number;
  projectedQuantity: number;
  projectedAmountCents: number | null;
  days: UsageDay[];
};

export type PortalUsage = {
  subscription: PortalSubscription;
  periodStart: Date;
  periodEnd: Date;
  asOf: Date;
  items: PortalUsageItem[];
};

const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * The usage of one of the account's subscriptions, or null when it is not theirs. A page that
 * already read the subscription for this viewer (listPortalSubscriptions) passes it as is.
 */
export async function loadPortalUsage(db: DbOrTx, actor: PortalActor, sub: string | PortalSubscription): Promise<PortalUsage | null> {
  const subscription = typeof sub === "string" ? await getPortalSubscription(db, actor, sub) : sub;
  if (!subscription) return null;
  const scope = { organizationId: actor.tenant.id, subscriptionId: subscription.id };
  const summary = await usageSummary(db, scope);
  const names = await loadPriceViews(db, actor.tenant.id, summary.items.map((i) => i.price_id));

  const lastDay = startOfUtcDay(new Date(Math.min(summary.asOf.getTime(), summary.periodEnd.getTime() - 1)));
  const firstDay = new Date(Math.max(startOfUtcDay(summary.periodStart).getTime(), lastDay.getTime() - (MAX_CHART_DAYS - 1) * DAY_MS));
  const dayCount = Math.max(0, Math.round((lastDay.getTime() - firstDay.getTime()) / DAY_MS) + 1);
  const snapshots = summary.items.length
    ? await listUsageHistory(db, scope, {
        granularity: "day",
        from: firstDay,
        to: new Date(lastDay.getTime() + DAY_MS),
        limit: dayCount * summary.items.length,
      })
    : [];

  const items = summary.items.map((item): PortalUsageItem => {
    const byDay = new Map(snapshots.filter((s) => s.subscriptionItemId === item.subscription_item_id).map((s) => [s.periodStart.getTime(), s.quantity]));
    const days = Array.from({ length: dayCount }, (_, i) => {
      const day = new Date(firstDay.getTime() + i * DAY_MS);
      return { day, quantity: byDay.get(day.getTime()) ?? 0 };
    });
    const price = names.get(item.price_id);
    return {
      subscriptionItemId: item.subscription_item_id,
      productName: price?.productName ?? "",
      priceName: price?.name ?? "",
      includedQuantity: price?.includedQuantity ?? 0,
      quantity: item.quantity,
      amountCents: item.amount_cents,
      projectedQuantity: item.projected_quantity,
      projectedAmountCents: item.projected_amount_cents,
      days,
    };
  });
  return { subscription, periodStart: summary.periodStart, periodEnd: summary.periodEnd, asOf: summary.asOf, items };
}
