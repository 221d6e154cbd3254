import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts } from "./columns";
import { organizations } from "./organizations";

// Secret API keys. Only the SHA-256 of the secret is stored; `prefix` is for display.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: ["live", "test"] }).notNull(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    // Empty array = every scope. Otherwise e.g. {'billing_accounts:read'}.
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_secret_hash_key").on(t.secretHash),
    index("api_keys_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

// Token bucket per API key (UNLOGGED: disposable state, see migration 0001). capacity and
// refill_rate are copied from the organization on every take, so a changed limit applies at
// once; last_granted is how many tokens the last take leased to the node that asked.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  apiKeyId: uuid("api_key_id").primaryKey().references(() => apiKeys.id, { onDelete: "cascade" }),
  tokens: doublePrecision("tokens").notNull(),
  capacity: integer("capacity").notNull(),
  refillRate: doublePrecision("refill_rate").notNull(),
  lastGranted: integer("last_granted").notNull(),
  refilledAt: ts("refilled_at").notNull(),
});

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: text("status", { enum: ["in_flight", "completed"] }).notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
    lockedAt: ts("locked_at").notNull().defaultNow(),
    completedAt: ts("completed_at"),
  },
  (t) => [
    uniqueIndex("idempotency_keys_org_key").on(t.organizationId, t.key),
    index("idempotency_keys_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

// One row per API request, kept 30 days (a daily job prunes older rows).
export const requestLogs = pgTable(
  "request_logs",
  {
    id: id(),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "cascade" }),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    requestId: uuid("request_id").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
    errorCode: text("error_code"),
    ip: text("ip"),
    idempotencyKey: text("idempotency_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("request_logs_org_created_idx").on(t.organizationId, t.createdAt),
    index("request_logs_created_idx").on(t.createdAt),
    index("request_logs_request_id_idx").on(t.requestId),
  ],
);
