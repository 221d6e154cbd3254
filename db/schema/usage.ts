import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { organizations } from "./organizations";
import { subscriptionItems } from "./subscriptions";

// Metered usage reported for a subscription item. `idempotency_key` is unique per organization:
// a record sent twice is stored once. `set` replaces the period's running total at its instant.
export const usageRecords = pgTable(
  "usage_records",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    subscriptionItemId: uuid("subscription_item_id").notNull().references(() => subscriptionItems.id, { onDelete: "cascade" }),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    action: text("action", { enum: ["increment", "set"] }).notNull(),
    timestamp: ts("timestamp").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_records_org_idempotency_key").on(t.organizationId, t.idempotencyKey),
    index("usage_records_item_time_idx").on(t.subscriptionItemId, t.timestamp),
    index("usage_records_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("usage_records_quantity", sql`${t.quantity} >= 0`),
  ],
);

export type UsageRecord = typeof usageRecords.$inferSelect;

/**
 * Consolidated usage per item and day / month (UTC), rebuilt from usage_records by the hourly
 * usage-sync job: `quantity` is what the period's records add up to (a `set` replaces the
 * running total). Reports read these instead of scanning every record.
 */
export const usageSnapshots = pgTable(
  "usage_snapshots",
  {
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    subscriptionItemId: uuid("subscription_item_id").notNull().references(() => subscriptionItems.id, { onDelete: "cascade" }),
    granularity: text("granularity", { enum: ["day", "month"] }).notNull(),
    periodStart: ts("period_start").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    recordCount: bigint("record_count", { mode: "number" }).notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionItemId, t.granularity, t.periodStart] }),
    index("usage_snapshots_org_idx").on(t.organizationId, t.granularity, t.periodStart),
  ],
);

export type UsageSnapshot = typeof usageSnapshots.$inferSelect;
