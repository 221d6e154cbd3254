import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { prices, subscriptionItems, subscriptions, usageRecords, type UsageRecord } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { datetimeInput } from "@/lib/api/fields";
import { now as clockNow } from "@/lib/clock";

// Usage ingestion: validate every record against its subscription item (the tenant's, on a
// metered price, of a live subscription, inside the current period), then store the batch with
// one multi-row INSERT … ON CONFLICT DO NOTHING: a record whose idempotency_key is known is a
// duplicate, reported as such and never counted twice.
export const usageRecordInput = z.strictObject({
  subscription_item_id: z.uuid(),
  quantity: z.number().int().min(0).max(1_000_000_000_000),
  action: z.enum(["increment", "set"]).default("increment").meta({ description: "increment adds; set replaces the period's total at `timestamp`" }),
  timestamp: datetimeInput.optional().meta({ description: "When the usage happened; now by default. Must fall in the item's current period" }),
  idempotency_key: z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, "visible ASCII only").meta({ description: "Unique per organization: a repeat is not counted twice" }),
});
export const usageBatchInput = z.strictObject({ records: z.array(usageRecordInput).min(1).max(1000) });
export type UsageRecordInput = z.output<typeof usageRecordInput>;

export type IngestResult = { record: UsageRecord; duplicate: boolean };
const FUTURE_SKEW_MS = 5 * 60 * 1000;

export async function ingestUsage(db: DbOrTx, scope: { organizationId: string }, records: UsageRecordInput[], paramPrefix = ""): Promise<IngestResult[]> {
  const at = clockNow();
  const itemIds = [...new Set(records.map((r) => r.subscription_item_id))];
  const items = await db
    .select({ id: subscriptionItems.id, usageType: prices.usageType, status: subscriptions.status, periodStart: subscriptions.currentPeriodStart, periodEnd: subscriptions.currentPeriodEnd })
    .from(subscriptionItems)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionItems.subscriptionId))
    .innerJoin(prices, eq(prices.id, subscriptionItems.priceId))
    .where(and(eq(subscriptionItems.organizationId, scope.organizationId), inArray(subscriptionItems.id, itemIds)));
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows = records.map((r, i) => {
    const p = (field: string) => (paramPrefix ? `${paramPrefix}[${i}].${field}` : field);
    const item = byId.get(r.subscription_item_id);
    if (!item) throw new ApiError("reference_not_found", `No such subscription item: '${r.subscription_item_id}'`, { param: p("subscription_item_id") });
    if (item.usageType !== "metered") throw invalid(p("subscription_item_id"), "this item's price is not metered");
    if (!["trialing", "active", "past_due"].includes(item.status)) throw invalid(p("subscription_item_id"), `the subscription is ${item.status}`);
    const timestamp = r.timestamp ?? at;
    if (timestamp.getTime() > at.getTime() + FUTURE_SKEW_MS) throw invalid(p("timestamp"), "is in the future");
    if (timestamp.getTime() < item.periodStart.getTime()) throw invalid(p("timestamp"), "is before the current billing period");
    if (timestamp.getTime() >= item.periodEnd.getTime()) throw invalid(p("timestamp"), "is after the current billing period (it has not renewed yet)");
    return { organizationId: scope.organizationId, subscriptionItemId: r.subscription_item_id, quantity: r.quantity, action: r.action, timestamp, idempotencyKey: r.idempotency_key };
  });
  // One JSON parameter instead of six per row: the statement stays small whatever the batch size.
  const payload = JSON.stringify(
    rows.map((r) => ({
      organization_id: r.organizationId,
      subscription_item_id: r.subscriptionItemId,
      quantity: r.quantity,
      action: r.action,
      timestamp: r.timestamp.toISOString(),
      idempotency_key: r.idempotencyKey,
    })),
  );
  const inserted = await db.execute<{ id: string; idempotency_key: string; created_at: string }>(sql`
    insert into usage_records (organization_id, subscription_item_id, quantity, action, timestamp, idempotency_key)
    select organization_id, subscription_item_id, quantity, action, timestamp, idempotency_key
    from jsonb_to_recordset(${payload}::jsonb)
      as r(organization_id uuid, subscription_item_id uuid, quantity bigint, action text, timestamp timestamptz, idempotency_key text)
    on conflict do nothing
    returning id, idempotency_key, created_at`);
  const sentByKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
  const fresh = new Map<string, UsageRecord>(
    inserted.map((r) => [r.idempotency_key, { ...sentByKey.get(r.idempotency_key)!, id: r.id, createdAt: new Date(r.created_at) }]),
  );
  const missing = rows.map((r) => r.idempotencyKey).filter((k) => !fresh.has(k));
  const known = missing.length
    ? new Map(
        (await db.select().from(usageRecords).where(and(eq(usageRecords.organizationId, scope.organizationId), inArray(usageRecords.idempotencyKey, missing)))).map((r) => [r.idempotencyKey, r]),
      )
    : new Map<string, UsageRecord>();
  // The first occurrence of a key in this batch is the one stored; later ones are duplicates.
  const seen = new Set<string>();
  return rows.map((r) => {
    const record = fresh.get(r.idempotencyKey);
    const firstHere = record !== undefined && !seen.has(r.idempotencyKey);
    seen.add(r.idempotencyKey);
    return firstHere ? { record, duplicate: false } : { record: record ?? known.get(r.idempotencyKey)!, duplicate: true };
  });
}


/** Quantity per item over [start, end): the last `set` in the period plus the increments after it. */
export async function usageForPeriod(db: DbOrTx, scope: { organizationId: string; subscriptionId: string; start: Date; end: Date }): Promise<Map<string, number>> {
  const rows = await db.execute<{ item_id: string; quantity: string }>(sql`
    select i.id as item_id,
      coalesce(ls.quantity, 0) + coalesce((
        select sum(u.quantity) from usage_records u
        where u.subscription_item_id = i.id and u.action = 'increment'
          and u.timestamp >= ${scope.start.toISOString()}::timestamptz and u.timestamp < ${scope.end.toISOString()}::timestamptz
          and (ls.timestamp is null or (u.timestamp, u.created_at) > (ls.timestamp, ls.created_at))
      ), 0) as quantity
    from subscription_items i
    left join lateral (
      select s.quantity, s.timestamp, s.created_at from usage_records s
      where s.subscription_item_id = i.id and s.action = 'set'
        and s.timestamp >= ${scope.start.toISOString()}::timestamptz and s.timestamp < ${scope.end.toISOString()}::timestamptz
      order by s.timestamp desc, s.created_at desc limit 1
    ) ls on true
    where i.subscription_id = ${scope.subscriptionId} and i.organization_id = ${scope.organizationId}`);
  return new Map(rows.map((r) => [r.item_id, Number(r.quantity)]));
}
