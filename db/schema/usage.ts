import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
