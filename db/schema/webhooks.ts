import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// Outgoing webhooks: endpoints (secret encrypted at rest), the events that happened (written in
// the same transaction as the change: an outbox) and one delivery per (endpoint, event).
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    organizationId: org(),
    url: text("url").notNull(),
    description: text("description"),
    events: text("events").array().notNull(),
    secretCiphertext: text("secret_ciphertext").notNull(),
    status: text("status", { enum: ["enabled", "disabled"] }).notNull().default("enabled"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_org_created_idx").on(t.organizationId, t.createdAt, t.id)],
);

export const events = pgTable(
  "events",
  {
    id: id(),
    organizationId: org(),
    type: text("type").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("events_org_type_idx").on(t.organizationId, t.type),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    organizationId: org(),
    endpointId: uuid("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").default(sql`now()`),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastResponseBody: text("last_response_body"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_event_key").on(t.endpointId, t.eventId),
    index("webhook_deliveries_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    // An endpoint's delivery log, newest first, a page at a time (lib/webhooks/delivery-log.ts).
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt, t.id),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type CicloEvent = typeof events.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
