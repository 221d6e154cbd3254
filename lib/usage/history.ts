import { and, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { subscriptionItems, usageSnapshots, type UsageSnapshot } from "@/db/schema";
import { afterCursor, filterEq, listOrder } from "@/lib/api/pagination";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";

export type UsageHistoryQuery = {
  granularity: "day" | "month";
  subscription_item_id?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
};

/** A snapshot as a list row: the cursor of pagination.ts is (period_start, subscription_item_id). */
export type UsageHistoryRow = UsageSnapshot & { createdAt: Date; id: string };

/**
 * A subscription's usage snapshots (see snapshots.ts), newest period first, then by item id.
 * `from` / `to` bound period_start (from inclusive, to exclusive). Another tenant's
 * subscription is a 404; fetches limit + 1 rows for page().
 */
export async function listUsageHistory(db: DbOrTx, scope: { organizationId: string; subscriptionId: string }, q: UsageHistoryQuery): Promise<UsageHistoryRow[]> {
  const sub = await getSubscriptionOrThrow(db, { organizationId: scope.organizationId, id: scope.subscriptionId });
  const order = { createdAt: usageSnapshots.periodStart, id: usageSnapshots.subscriptionItemId };
  const rows = await db
    .select({ snapshot: usageSnapshots })
    .from(usageSnapshots)
    .innerJoin(subscriptionItems, eq(subscriptionItems.id, usageSnapshots.subscriptionItemId))
    .where(
      and(
        eq(usageSnapshots.organizationId, scope.organizationId),
        eq(subscriptionItems.organizationId, scope.organizationId),
        eq(subscriptionItems.subscriptionId, sub.id),
        eq(usageSnapshots.granularity, q.granularity),
        filterEq(usageSnapshots.subscriptionItemId, q.subscription_item_id),
        q.from ? gte(usageSnapshots.periodStart, q.from) : undefined,
        q.to ? lt(usageSnapshots.periodStart, q.to) : undefined,
        afterCursor(order, q.cursor),
      ),
    )
    .orderBy(...listOrder(order))
    .limit(q.limit + 1);
  return rows.map(({ snapshot }) => ({ ...snapshot, createdAt: snapshot.periodStart, id: snapshot.subscriptionItemId }));
}
