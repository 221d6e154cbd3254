import { sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { emitEvent } from "@/lib/webhooks/emit";
import { windowTotals } from "./period-totals";
import { nextUtcMonth, startOfUtcMonth } from "./utc-periods";

// The hourly usage-sync: consolidates usage_records into usage_snapshots, per subscription item
// and UTC day / UTC month, with the same arithmetic as invoices (period-totals.ts). It is a
// platform job and deliberately crosses tenants: every snapshot keeps its record's
// organization_id, and each event goes to its own organization.
//
// Bounded: only the windows (item × day, item × month) that received a record since the last
// sync are recomputed, each from its own records through usage_records_item_time_idx. The last
// sync's position is the newest snapshot's updated_at (the database's transaction time, the
// same clock as usage_records.created_at), minus an overlap that covers ingestion transactions
// that started before it but committed after it. Idempotent: a recomputed window whose values
// did not change is not written, and only a written current-month snapshot makes an event.

/** How far before the last sync the next one looks again (ingestions commit within seconds). */
export const SYNC_OVERLAP_MS = 5 * 60 * 1000;

export type UsageSyncResult = {
  /** Records created after this instant were considered; null on the first sync (all records). */
  since: Date | null;
  /** Windows (item × day or month) recomputed. */
  windows: number;
  /** Snapshots inserted or changed. */
  changed: number;
  /** usage.summary_updated events emitted (one per subscription whose current month changed). */
  events: number;
};

export async function syncUsageSnapshots(db: Db, options: { since?: Date; at: Date }): Promise<UsageSyncResult> {
  return db.transaction(async (tx) => {
    // One sync at a time across nodes: a second one waits, then finds nothing left to change.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('usage.sync'))`);
    const since = options.since ?? (await lastSyncPosition(tx));
    const month = startOfUtcMonth(options.at);
    const [result] = await tx.execute<{ windows: number; changed: number; month_items: string[] | null }>(sql`
      with touched as (
        select distinct r.organization_id, r.subscription_item_id as item_id, g.granularity,
          date_trunc(g.granularity, r.timestamp at time zone 'UTC') as start_utc
        from (${recentRecords(since)}) r
        cross join (values ('day'), ('month')) as g(granularity)
      ),
      windows as (
        select organization_id, item_id, granularity, start_utc at time zone 'UTC' as period_start,
          (start_utc + case granularity when 'day' then interval '1 day' else interval '1 month' end) at time zone 'UTC' as period_end
        from touched
      ),
      written as (
        insert into usage_snapshots as s (organization_id, subscription_item_id, granularity, period_start, quantity, record_count, updated_at)
        select t.organization_id, t.item_id, t.granularity, t.period_start, t.quantity, t.record_count, now()
        from (${windowTotals(sql`select * from windows`)}) t
        on conflict (subscription_item_id, granularity, period_start) do update
          set quantity = excluded.quantity, record_count = excluded.record_count, updated_at = excluded.updated_at
          where (s.quantity, s.record_count) is distinct from (excluded.quantity, excluded.record_count)
        returning s.subscription_item_id, s.granularity, s.period_start
      )
      select (select count(*) from windows)::int as windows, (select count(*) from written)::int as changed,
        (select array_agg(distinct subscription_item_id) from written
          where granularity = 'month' and period_start = ${month.toISOString()}::timestamptz) as month_items`);
    const events = await emitMonthTotals(tx, result?.month_items ?? [], month);
    return { since, windows: result?.windows ?? 0, changed: result?.changed ?? 0, events };
  });
}

/** The newest snapshot's write, minus the overlap; null before the first sync. */
async function lastSyncPosition(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.execute<{ last: string | null }>(sql`select max(updated_at) as last from usage_snapshots`);
  return row?.last ? new Date(new Date(row.last).getTime() - SYNC_OVERLAP_MS) : null;
}

/**
 * Records created after `since`: per organization through usage_records_org_created_idx
 * (organization_id, created_at, id), so an hourly run reads the last hour, not the table.
 * `offset 0` keeps the planner from flattening the lateral into a scan of the whole table.
 */
function recentRecords(since: Date | null): SQL {
  if (!since) return sql`select organization_id, subscription_item_id, timestamp from usage_records`;
  return sql`
    select u.organization_id, u.subscription_item_id, u.timestamp
    from organizations o
    cross join lateral (
      select organization_id, subscription_item_id, timestamp from usage_records
      where organization_id = o.id and created_at > ${since.toISOString()}::timestamptz
      offset 0
    ) u`;
}

type MonthRow = { subscription_id: string; organization_id: string; mode: "live" | "test"; subscription_item_id: string; quantity: string; record_count: string };

/** One usage.summary_updated per subscription with an item whose current month changed: every item's month total. */
async function emitMonthTotals(tx: DbOrTx, changedItems: string[], month: Date): Promise<number> {
  if (changedItems.length === 0) return 0;
  const rows = await tx.execute<MonthRow>(sql`
    select i.subscription_id, s.organization_id, o.mode, s.subscription_item_id, s.quantity, s.record_count
    from subscription_items i
    join usage_snapshots s on s.subscription_item_id = i.id and s.granularity = 'month' and s.period_start = ${month.toISOString()}::timestamptz
    join organizations o on o.id = s.organization_id
    where i.subscription_id in (select subscription_id from subscription_items where id = any(${sql.param(changedItems)}::uuid[]))
    order by i.subscription_id, i.created_at, i.id`);
  const bySubscription = new Map<string, MonthRow[]>();
  for (const row of rows) bySubscription.set(row.subscription_id, [...(bySubscription.get(row.subscription_id) ?? []), row]);
  const periodEnd = nextUtcMonth(month).toISOString();
  for (const [subscriptionId, items] of bySubscription) {
    await emitEvent(tx, {
      organizationId: items[0]!.organization_id,
      type: "usage.summary_updated",
      data: {
        object: "usage_month_totals",
        livemode: items[0]!.mode === "live",
        subscription_id: subscriptionId,
        period_start: month.toISOString(),
        period_end: periodEnd,
        items: items.map((i) => ({ subscription_item_id: i.subscription_item_id, quantity: Number(i.quantity), record_count: Number(i.record_count) })),
      },
    });
  }
  return bySubscription.size;
}
