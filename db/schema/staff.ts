import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberRoles, users } from "./auth";
import { createdAt, id, ts } from "./columns";
import { organizations } from "./organizations";

// Invitations to join a (live) organization's staff: an emailed link carrying a token of which
// only the SHA-256 is stored, used once, before it expires. One pending invite per email.
export const staffInvites = pgTable(
  "staff_invites",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: memberRoles }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: text("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    acceptedByUserId: text("accepted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_invites_token_hash_key").on(t.tokenHash),
    uniqueIndex("staff_invites_pending_email_key")
      .on(t.organizationId, sql`lower(${t.email})`)
      .where(sql`accepted_at is null and revoked_at is null`),
    index("staff_invites_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

export type StaffInvite = typeof staffInvites.$inferSelect;

/**
 * The attempt limits of the admin's password sign-in (lib/staff/attempt-limit.ts): token buckets
 * per client IP and per email address, like the portal's attempt_buckets but not of any
 * organization (staff sign in before one is chosen). `key_hash` is an HMAC of the key. Disposable:
 * a row past `expires_at` is a full bucket, and portal-tokens.prune deletes it.
 */
export const staffAttemptBuckets = pgTable(
  "staff_attempt_buckets",
  {
    keyHash: text("key_hash").primaryKey(),
    tokens: doublePrecision("tokens").notNull(),
    capacity: integer("capacity").notNull(),
    refillRate: doublePrecision("refill_rate").notNull(),
    refusals: integer("refusals").notNull().default(0),
    refilledAt: ts("refilled_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [
    index("staff_attempt_buckets_expiry_idx").on(t.expiresAt),
    check("staff_attempt_buckets_limits", sql`${t.capacity} >= 1 and ${t.refillRate} > 0 and ${t.tokens} >= 0 and ${t.refusals} >= 0`),
  ],
);
