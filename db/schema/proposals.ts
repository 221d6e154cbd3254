import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { billingAccounts } from "./billing-accounts";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";
import { plans } from "./plans";
import { coupons, discountCodes } from "./promotions";
import { subscriptions } from "./subscriptions";

// A merchant's offer to a billing account: accepting it creates the subscription, once.
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export const proposalStatuses = ["open", "accepted", "rejected", "expired", "canceled"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const proposals = pgTable(
  "proposals",
  {
    id: id(),
    organizationId: org(),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    planId: uuid("plan_id").references(() => plans.id, { onDelete: "restrict" }),
    // Explicit items ({price_id, quantity}[]) when not from a plan, or quantity overrides of a plan.
    items: jsonb("items").$type<Array<{ price_id: string; quantity: number }>>(),
    billingInterval: text("billing_interval", { enum: ["month", "year"] }),
    intervalCount: integer("interval_count"),
    trialDays: integer("trial_days"),
    couponId: uuid("coupon_id").references(() => coupons.id, { onDelete: "restrict" }),
    discountCodeId: uuid("discount_code_id").references(() => discountCodes.id, { onDelete: "restrict" }),
    message: text("message"),
    validUntil: ts("valid_until").notNull(),
    status: text("status", { enum: proposalStatuses }).notNull().default("open"),
    acceptedAt: ts("accepted_at"),
    rejectedAt: ts("rejected_at"),
    rejectionReason: text("rejection_reason"),
    expiredAt: ts("expired_at"),
    canceledAt: ts("canceled_at"),
    subscriptionId: uuid("subscription_id").references(() => subscriptions.id, { onDelete: "restrict" }),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("proposals_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("proposals_account_idx").on(t.organizationId, t.billingAccountId),
    index("proposals_expiry_idx").on(t.validUntil).where(sql`status = 'open'`),
    uniqueIndex("proposals_subscription_key").on(t.subscriptionId),
    check("proposals_accepted", sql`(${t.status} = 'accepted') = (${t.subscriptionId} is not null and ${t.acceptedAt} is not null)`),
    check("proposals_plan_or_items", sql`${t.planId} is not null or ${t.items} is not null`),
  ],
);

export type Proposal = typeof proposals.$inferSelect;
