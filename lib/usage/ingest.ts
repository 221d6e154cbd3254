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

// The two statements of every ingestion, prepared: Drizzle has postgres.js prepare only named
// queries, and an unnamed one costs an extra round trip (describe, then bind) plus a parse and
// plan in PostgreSQL on every call (docs/performance.md). Prepared once per connection.
const prepareItemLookup = (db: DbOrTx) =>
  db
    .select({ id: subscriptionItems.id, usageType: prices.usageType, status: subscriptions.status, periodStart: subscriptions.currentPeriodStart, periodEnd: subscriptions.currentPeriodEnd })
    .from(subscriptionItems)
    .innerJoin(subscriptions, eq(subscriptions.id, subscriptionItems.subscriptionId))
    .innerJoin(prices, eq(prices.id, subscriptionItems.priceId))
    .where(and(eq(subscriptionItems.organizationId, sql.placeholder("organizationId")), sql`${subscriptionItems.id} = any(${sql.placeholder("itemIds")}::uuid[])`))
    .prepare("usage_item_lookup");

// The batch as one compact JSON parameter, a [subscription_item_id, quantity, action, timestamp
// or null, idempotency_key] array per record; the organization and the default timestamp are
// sent once. The statement is the same whatever the batch size, and the payload about half the
// size of one object per row (less to send, less for PostgreSQL to parse: bench, docs/performance.md).
// INSERT … SELECT names every column, so id and created_at are the columns' defaults.
const prepareInsert = (db: DbOrTx) =>
  db
    .insert(usageRecords)
    .select(sql`
      select gen_random_uuid(), ${sql.placeholder("organizationId")}::uuid, (r->>0)::uuid, (r->>1)::bigint, r->>2,
        coalesce((r->>3)::timestamptz, ${sql.placeholder("at")}::timestamptz), r->>4, now()
      from jsonb_array_elements(${sql.placeholder("records")}::jsonb) as r`)
    // Only the idempotency key decides a duplicate (one arbiter index probed per row, not two).
    .onConflictDoNothing({ target: [usageRecords.organizationId, usageRecords.idempotencyKey] })
    // created_at as the driver's text: every row of the statement has the same, parsed once below.
    .returning({ id: usageRecords.id, idempotencyKey: usageRecords.idempotencyKey, createdAt: sql<string>`${usageRecords.createdAt}` })
    .prepare("usage_records_insert");

const statements = new WeakMap<DbOrTx, { items: ReturnType<typeof prepareItemLookup>; insert: ReturnType<typeof prepareInsert> }>();
function prepared(db: DbOrTx) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = { items: prepareItemLookup(db), insert: prepareInsert(db) }));
  return s;
}

export async function ingestUsage(db: DbOrTx, scope: { organizationId: string }, records: UsageRecordInput[], paramPrefix = ""): Promise<IngestResult[]> {
  const at = clockNow();
  const statement = prepared(db);
  const itemIds = [...new Set(records.map((r) => r.subscription_item_id))];
  const items = await statement.items.execute({ organizationId: scope.organizationId, itemIds });
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows: UsageRecordRow[] = records.map((r, i) => {
    const item = byId.get(r.subscription_item_id);
    const timestamp = r.timestamp ?? at;
    const fault = item ? rejection(item, timestamp.getTime(), at.getTime()) : null;
    if (!item || fault) {
      const param = (field: string) => (paramPrefix ? `${paramPrefix}[${i}].${field}` : field);
      if (!item) throw new ApiError("reference_not_found", `No such subscription item: '${r.subscription_item_id}'`, { param: param("subscription_item_id") });
      throw invalid(param(fault![0]), fault![1]);
    }
    return { organizationId: scope.organizationId, subscriptionItemId: r.subscription_item_id, quantity: r.quantity, action: r.action, timestamp, idempotencyKey: r.idempotency_key };
  });
  const payload = JSON.stringify(rows.map((r) => [r.subscriptionItemId, r.quantity, r.action, r.timestamp === at ? null : r.timestamp.toISOString(), r.idempotencyKey]));
  const inserted = await statement.insert.execute({ organizationId: scope.organizationId, at: at.toISOString(), records: payload });
  const parseTime = memoizedDateParser();
  const firstByKey = new Map<string, UsageRecordRow>();
  for (const r of rows) if (!firstByKey.has(r.idempotencyKey)) firstByKey.set(r.idempotencyKey, r);
  // Within one statement the first occurrence of a key is the row stored.
  const fresh = new Map<string, UsageRecord>();
  for (const r of inserted) fresh.set(r.idempotencyKey, { ...firstByKey.get(r.idempotencyKey)!, id: r.id, createdAt: parseTime(r.createdAt) });
  const missing = [...firstByKey.keys()].filter((k) => !fresh.has(k));
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

type UsageRecordRow = Omit<UsageRecord, "id" | "createdAt">;
type ItemFacts = { usageType: string; status: string; periodStart: Date; periodEnd: Date };
const REPORTABLE_STATUSES = new Set(["trialing", "active", "past_due"]);

/** Why a record cannot be counted on this item, as [field, message]; null when it can. */
function rejection(item: ItemFacts, timestampMs: number, nowMs: number): [string, string] | null {
  if (item.usageType !== "metered") return ["subscription_item_id", "this item's price is not metered"];
  if (!REPORTABLE_STATUSES.has(item.status)) return ["subscription_item_id", `the subscription is ${item.status}`];
  if (timestampMs > nowMs + FUTURE_SKEW_MS) return ["timestamp", "is in the future"];
  if (timestampMs < item.periodStart.getTime()) return ["timestamp", "is before the current billing period"];
  if (timestampMs >= item.periodEnd.getTime()) return ["timestamp", "is after the current billing period (it has not renewed yet)"];
  return null;
}

/** PostgreSQL's timestamptz text is not ISO 8601, so Date parses it slowly: once per distinct value. */
function memoizedDateParser(): (text: string) => Date {
  const cache = new Map<string, number>();
  return (text) => {
    let ms = cache.get(text);
    if (ms === undefined) cache.set(text, (ms = new Date(text).getTime()));
    return new Date(ms);
  };
}

// Period totals live in period-totals.ts (shared with the snapshots); re-exported for callers of ingest.
export { usageForPeriod } from "./period-totals";
