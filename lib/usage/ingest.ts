import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { preparedSql } from "@/db/prepared";
import { usageRecords, type UsageRecord } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { datetimeInput } from "@/lib/api/fields";
import { now as clockNow } from "@/lib/clock";

// Usage ingestion: every record checked against its subscription item and the batch stored all
// or nothing, in one statement (below); a record whose idempotency_key is known is a duplicate,
// reported as such and never counted twice.
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
/** How far ahead of the clock a record's timestamp may be (clocks of reporting systems drift). */
const FUTURE_SKEW_SECONDS = 5 * 60;

// One statement per ingestion, prepared once per connection (db/prepared.ts): it checks every
// record against its subscription item (the tenant's, on a metered price, of a live subscription,
// inside the current period) and, only when none fails, stores the batch; else it answers the
// first faulty record. The batch is one compact JSON parameter, a [subscription_item_id,
// quantity, action, timestamp or null, idempotency_key] array per record, the organization and
// the default timestamp sent once: the statement is the same whatever the batch size, and the
// payload about half the size of one object per row (bench, docs/performance.md).
// `on conflict (organization_id, idempotency_key)`: only the key decides a duplicate (one arbiter
// index probed per row), and rows go in in batch order, so within one statement the first
// occurrence of a key is the row stored.
const ingestStatement = preparedSql<IngestRow>(
  sql`
  with recs as (
    select t.ord, (t.r->>0)::uuid as item_id, (t.r->>1)::bigint as quantity, t.r->>2 as action,
           coalesce((t.r->>3)::timestamptz, ${sql.placeholder("at")}::timestamptz) as ts, t.r->>4 as idempotency_key
    from jsonb_array_elements(${sql.placeholder("records")}::jsonb) with ordinality as t(r, ord)
  ),
  items as (
    select si.id, p.usage_type, s.status, s.current_period_start, s.current_period_end
    from subscription_items si
    join subscriptions s on s.id = si.subscription_id
    join prices p on p.id = si.price_id
    where si.organization_id = ${sql.placeholder("organizationId")}::uuid and si.id = any(array(select distinct item_id from recs))
  ),
  fault as (
    select recs.ord, items.status, case
        when items.id is null then 'missing'
        when items.usage_type <> 'metered' then 'not_metered'
        when items.status not in ('trialing', 'active', 'past_due') then 'status'
        when recs.ts > ${sql.placeholder("at")}::timestamptz + make_interval(secs => ${FUTURE_SKEW_SECONDS}) then 'future'
        when recs.ts < items.current_period_start then 'before_period'
        when recs.ts >= items.current_period_end then 'after_period'
      end as code
    from recs left join items on items.id = recs.item_id
  ),
  first_fault as (select ord, status, code from fault where code is not null order by ord limit 1),
  inserted as (
    insert into usage_records (id, organization_id, subscription_item_id, quantity, action, "timestamp", idempotency_key, created_at)
    select gen_random_uuid(), ${sql.placeholder("organizationId")}::uuid, item_id, quantity, action, ts, idempotency_key, now()
    from recs where not exists (select 1 from first_fault) order by ord
    on conflict (organization_id, idempotency_key) do nothing
    returning id, idempotency_key, created_at::text as created_at
  )
  select ord::int as fault_ord, code as fault_code, status as fault_status, null::uuid as id, null::text as idempotency_key, null::text as created_at from first_fault
  union all
  select null, null, null, id, idempotency_key, created_at from inserted`,
);

/** A row of the statement: the first faulty record (1-based `fault_ord`), or one record stored. */
type IngestRow = { fault_ord: number | null; fault_code: FaultCode | null; fault_status: string | null; id: string | null; idempotency_key: string | null; created_at: string | null };
type FaultCode = "missing" | "not_metered" | "status" | "future" | "before_period" | "after_period";

export async function ingestUsage(db: DbOrTx, scope: { organizationId: string }, records: UsageRecordInput[], paramPrefix = ""): Promise<IngestResult[]> {
  const at = clockNow();
  const payload = JSON.stringify(records.map((r) => [r.subscription_item_id, r.quantity, r.action, r.timestamp ? r.timestamp.toISOString() : null, r.idempotency_key]));
  const result = await ingestStatement.execute(db, { organizationId: scope.organizationId, at: at.toISOString(), records: payload });
  const fault = result[0]?.fault_code ? result[0] : null;
  if (fault) throw faultError(records, fault.fault_ord! - 1, fault.fault_code!, fault.fault_status, paramPrefix);

  const rows: UsageRecordRow[] = records.map((r) => ({
    organizationId: scope.organizationId, subscriptionItemId: r.subscription_item_id, quantity: r.quantity, action: r.action, timestamp: r.timestamp ?? at, idempotencyKey: r.idempotency_key,
  }));
  const parseTime = memoizedDateParser();
  const firstByKey = new Map<string, UsageRecordRow>();
  for (const r of rows) if (!firstByKey.has(r.idempotencyKey)) firstByKey.set(r.idempotencyKey, r);
  const fresh = new Map<string, UsageRecord>();
  for (const r of result) fresh.set(r.idempotency_key!, { ...firstByKey.get(r.idempotency_key!)!, id: r.id!, createdAt: parseTime(r.created_at!) });
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

/** The error a faulty record gets, naming its field (`records[i].field` in a batch). */
function faultError(records: UsageRecordInput[], index: number, code: FaultCode, status: string | null, paramPrefix: string): ApiError {
  const param = (field: string) => (paramPrefix ? `${paramPrefix}[${index}].${field}` : field);
  switch (code) {
    case "missing":
      return new ApiError("reference_not_found", `No such subscription item: '${records[index]!.subscription_item_id}'`, { param: param("subscription_item_id") });
    case "not_metered":
      return invalid(param("subscription_item_id"), "this item's price is not metered");
    case "status":
      return invalid(param("subscription_item_id"), `the subscription is ${status}`);
    case "future":
      return invalid(param("timestamp"), "is in the future");
    case "before_period":
      return invalid(param("timestamp"), "is before the current billing period");
    case "after_period":
      return invalid(param("timestamp"), "is after the current billing period (it has not renewed yet)");
  }
}

type UsageRecordRow = Omit<UsageRecord, "id" | "createdAt">;
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
