import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { billingAccounts } from "./billing-accounts";
import { prices, products } from "./catalog";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";
import { plans } from "./plans";
import { coupons, discountCodes } from "./promotions";

// Subscriptions: a billing account subscribed to a plan (or explicit items) on a billing cycle.
// Every change writes a subscription_versions row with the full snapshot.
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export const subscriptionStatuses = ["scheduled", "trialing", "active", "past_due", "unpaid", "canceled", "paused", "incomplete"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
/** The statuses of a subscription that is running: it renews, charges and can be changed. */
export const runningStatuses = ["trialing", "active", "past_due"] as const satisfies readonly SubscriptionStatus[];
export const isRunning = (status: string): boolean => (runningStatuses as readonly string[]).includes(status);

/** A change decided now and applied at the end of the period (end_of_cycle rules). */
export type PendingChange = {
  effective_at: string;
  plan_id: string | null;
  items: Array<{ price_id: string; quantity: number }>;
  rule: Record<string, unknown>;
};

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    organizationId: org(),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    planId: uuid("plan_id").references(() => plans.id, { onDelete: "restrict" }),
    status: text("status", { enum: subscriptionStatuses }).notNull(),
    currency: text("currency").notNull(),
    billingInterval: text("billing_interval", { enum: ["month", "year"] }).notNull(),
    intervalCount: integer("interval_count").notNull(),
    billingCycleAnchor: ts("billing_cycle_anchor").notNull(),
    currentPeriodStart: ts("current_period_start").notNull(),
    currentPeriodEnd: ts("current_period_end").notNull(),
    startAt: ts("start_at").notNull(),
    trialStart: ts("trial_start"),
    trialEnd: ts("trial_end"),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: ts("canceled_at"),
    cancellationReason: text("cancellation_reason"),
    endedAt: ts("ended_at"),
    pausedAt: ts("paused_at"),
    resumeAt: ts("resume_at"),
    couponId: uuid("coupon_id").references(() => coupons.id, { onDelete: "restrict" }),
    discountCodeId: uuid("discount_code_id").references(() => discountCodes.id, { onDelete: "restrict" }),
    pendingChange: jsonb("pending_change").$type<PendingChange>(),
    version: integer("version").notNull().default(1),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("subscriptions_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("subscriptions_account_idx").on(t.organizationId, t.billingAccountId),
    index("subscriptions_renewal_idx").on(t.currentPeriodEnd).where(sql`status in ('trialing', 'active', 'past_due')`),
    check("subscriptions_period", sql`${t.currentPeriodStart} < ${t.currentPeriodEnd}`),
    check("subscriptions_interval_count", sql`${t.intervalCount} between 1 and 36`),
  ],
);

export const subscriptionItems = pgTable(
  "subscription_items",
  {
    id: id(),
    organizationId: org(),
    subscriptionId: uuid("subscription_id").notNull().references(() => subscriptions.id, { onDelete: "cascade" }),
    productId: uuid("product_id").notNull().references(() => products.id, { onDelete: "restrict" }),
    priceId: uuid("price_id").notNull().references(() => prices.id, { onDelete: "restrict" }),
    quantity: integer("quantity").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("subscription_items_subscription_price_key").on(t.subscriptionId, t.priceId),
    index("subscription_items_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("subscription_items_price_idx").on(t.priceId),
    check("subscription_items_quantity", sql`${t.quantity} >= 0`),
  ],
);

export const subscriptionVersions = pgTable(
  "subscription_versions",
  {
    id: id(),
    organizationId: org(),
    subscriptionId: uuid("subscription_id").notNull().references(() => subscriptions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    reason: text("reason").notNull(),
    actor: text("actor").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("subscription_versions_subscription_version_key").on(t.subscriptionId, t.version),
    index("subscription_versions_org_created_idx").on(t.organizationId, t.createdAt, t.id),
  ],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionItem = typeof subscriptionItems.$inferSelect;
export type SubscriptionVersion = typeof subscriptionVersions.$inferSelect;
