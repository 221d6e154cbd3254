import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * The one definition of what usage records add up to over a window [period_start, period_end)
 * of a subscription item: the last `set` in the window (latest timestamp, then latest
 * created_at) replaces the running total at its instant, and the increments after it add up;
 * without a `set`, the increments add up from zero. Invoices (usageForPeriod) and the daily and
 * monthly snapshots (snapshots.ts) both read it, so they cannot disagree.
 *
 * `windows` is a relation with at least item_id uuid, period_start and period_end timestamptz;
 * its columns come back as they are, with quantity (numeric) and record_count (records in the
 * window, of either action). Each window reads only its item's records inside it, through
 * usage_records_item_time_idx.
 */
export function windowTotals(windows: SQL): SQL {
  return sql`
    select w.*, coalesce(ls.quantity, 0) + coalesce(agg.increments, 0) as quantity, agg.record_count
    from (${windows}) w
    left join lateral (
      select s.quantity, s.timestamp, s.created_at from usage_records s
      where s.subscription_item_id = w.item_id and s.action = 'set'
        and s.timestamp >= w.period_start and s.timestamp < w.period_end
      order by s.timestamp desc, s.created_at desc limit 1
    ) ls on true
    cross join lateral (
      select
        sum(u.quantity) filter (
          where u.action = 'increment' and (ls.timestamp is null or (u.timestamp, u.created_at) > (ls.timestamp, ls.created_at))
        ) as increments,
        count(*) as record_count
      from usage_records u
      where u.subscription_item_id = w.item_id and u.timestamp >= w.period_start and u.timestamp < w.period_end
    ) agg`;
}

/** Quantity per item of a subscription over [start, end): see windowTotals. */
export async function usageForPeriod(db: DbOrTx, scope: { organizationId: string; subscriptionId: string; start: Date; end: Date }): Promise<Map<string, number>> {
  const windows = sql`
    select i.id as item_id, ${scope.start.toISOString()}::timestamptz as period_start, ${scope.end.toISOString()}::timestamptz as period_end
    from subscription_items i
    where i.subscription_id = ${scope.subscriptionId} and i.organization_id = ${scope.organizationId}`;
  const rows = await db.execute<{ item_id: string; quantity: string }>(windowTotals(windows));
  return new Map(rows.map((r) => [r.item_id, Number(r.quantity)]));
}
