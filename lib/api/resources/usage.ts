import { z } from "zod";
import type { UsageRecord, UsageSnapshot } from "@/db/schema";
import { snapshotPeriodEnd } from "@/lib/usage/utc-periods";
import { usageBatchInput, usageRecordInput } from "@/lib/usage/ingest";
import { datetimeInput, idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

export const usageRecordObject = z
  .object({
    id: z.uuid(),
    object: z.literal("usage_record"),
    subscription_item_id: z.uuid(),
    quantity: z.number().int(),
    action: z.enum(["increment", "set"]),
    timestamp: z.iso.datetime(),
    idempotency_key: z.string(),
    duplicate: z.boolean().meta({ description: "True when this idempotency_key was already recorded: nothing was counted again" }),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "UsageRecord" });

export function serializeUsageRecord(row: UsageRecord, duplicate: boolean): z.output<typeof usageRecordObject> {
  return {
    id: row.id,
    object: "usage_record",
    subscription_item_id: row.subscriptionItemId,
    quantity: row.quantity,
    action: row.action,
    timestamp: row.timestamp.toISOString(),
    idempotency_key: row.idempotencyKey,
    duplicate,
    created_at: row.createdAt.toISOString(),
  };
}

export const usageSummaryObject = z
  .object({
    object: z.literal("usage_summary"),
    subscription_id: z.uuid(),
    period_start: z.iso.datetime(),
    period_end: z.iso.datetime(),
    as_of: z.iso.datetime(),
    items: z.array(
      z.object({
        subscription_item_id: z.uuid(),
        price_id: z.uuid(),
        quantity: z.number().int(),
        amount_cents: z.number().int(),
        projected_quantity: z.number().int().meta({ description: "Linear projection to the period's end: quantity × period length / time elapsed" }),
        projected_amount_cents: z.number().int().nullable().meta({ description: "null when the projection is beyond what can be billed exactly" }),
      }),
    ),
  })
  .meta({ id: "UsageSummary" });

export const usageSnapshotObject = z
  .object({
    object: z.literal("usage_snapshot"),
    subscription_item_id: z.uuid(),
    granularity: z.enum(["day", "month"]),
    period_start: z.iso.datetime().meta({ description: "Start of the UTC day or month" }),
    period_end: z.iso.datetime(),
    quantity: z.number().int().meta({ description: "What the window's records add up to: a `set` replaces the running total at its instant, increments after it add" }),
    record_count: z.number().int(),
    updated_at: z.iso.datetime().meta({ description: "When the hourly usage-sync last changed this snapshot" }),
  })
  .meta({ id: "UsageSnapshot" });

export function serializeUsageSnapshot(row: UsageSnapshot): z.output<typeof usageSnapshotObject> {
  return {
    object: "usage_snapshot",
    subscription_item_id: row.subscriptionItemId,
    granularity: row.granularity,
    period_start: row.periodStart.toISOString(),
    period_end: snapshotPeriodEnd(row).toISOString(),
    quantity: row.quantity,
    record_count: row.recordCount,
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "usage";

export const usageOps = {
  record: defineOperation({
    operationId: "createUsageRecord", method: "POST", path: "/usage_records", tag, summary: "Report usage of a metered subscription item",
    description: "201 when recorded; 200 with `duplicate: true` when the idempotency_key was already recorded (counted once).",
    scope: "usage:write", body: usageRecordInput, response: usageRecordObject, successStatus: 201, errors: ["reference_not_found"],
  }),
  batch: defineOperation({
    operationId: "createUsageRecordBatch", method: "POST", path: "/usage_records/batch", tag, summary: "Report up to 1 000 usage records at once",
    description: "All or nothing: an invalid record (named as records[i].field) rejects the batch. Duplicates are reported and not counted twice.",
    scope: "usage:write", body: usageBatchInput,
    response: z.object({
      object: z.literal("usage_record_batch"),
      received: z.number().int(),
      recorded: z.number().int(),
      duplicates: z.number().int(),
      data: z
        .array(z.object({ id: z.uuid(), idempotency_key: z.string(), duplicate: z.boolean() }))
        .meta({ description: "One entry per record sent, in order (compact: you know what you sent)" }),
    }),
    errors: ["reference_not_found"],
  }),
  summary: defineOperation({
    operationId: "retrieveSubscriptionUsage", method: "GET", path: "/subscriptions/{id}/usage", tag, summary: "Usage of the current period, with a month-end projection",
    scope: "usage:read", params: idParams, response: usageSummaryObject, resourceName: "subscription",
  }),
  history: defineOperation({
    operationId: "listSubscriptionUsageHistory", method: "GET", path: "/subscriptions/{id}/usage/history", tag, summary: "Daily or monthly usage snapshots of a subscription's items",
    description: "Consolidated by the hourly usage-sync (UTC days and months), newest period first. Usage reported in the last hour may not be in yet.",
    scope: "usage:read", params: idParams, resourceName: "subscription", list: true,
    query: z.strictObject({
      ...listQueryShape,
      granularity: z.enum(["day", "month"]).default("day"),
      subscription_item_id: z.uuid().optional(),
      from: datetimeInput.optional().meta({ description: "Periods starting at or after this instant" }),
      to: datetimeInput.optional().meta({ description: "Periods starting before this instant" }),
    }),
    response: listEnvelope(usageSnapshotObject),
  }),
};
