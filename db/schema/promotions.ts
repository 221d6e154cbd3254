import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// Coupons (merchant-applied, with limits and scope) and discount codes (shareable promo codes).
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });
const money = (name: string) => bigint(name, { mode: "number" });

export type CouponScope = { product_ids: string[]; plan_ids: string[] };

export const coupons = pgTable(
  "coupons",
  {
    id: id(),
    organizationId: org(),
    code: text("code").notNull(),
    name: text("name"),
    discountType: text("discount_type", { enum: ["percentage", "fixed_amount"] }).notNull(),
    percentOffBps: integer("percent_off_bps"),
    amountOffCents: money("amount_off_cents"),
    currency: text("currency"),
    usageLimit: integer("usage_limit"),
    usageLimitPerUser: integer("usage_limit_per_user"),
    minPurchaseCents: money("min_purchase_cents"),
    maxDiscountCents: money("max_discount_cents"),
    validFrom: ts("valid_from"),
    validUntil: ts("valid_until"),
    appliesTo: jsonb("applies_to").$type<CouponScope>().notNull().default(sql`'{"product_ids":[],"plan_ids":[]}'::jsonb`),
    excludes: jsonb("excludes").$type<CouponScope>().notNull().default(sql`'{"product_ids":[],"plan_ids":[]}'::jsonb`),
    timesUsed: integer("times_used").notNull().default(0),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("coupons_org_code_key").on(t.organizationId, sql`upper(${t.code})`),
    index("coupons_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check(
      "coupons_discount_shape",
      sql`(${t.discountType} = 'percentage' and ${t.percentOffBps} between 1 and 10000 and ${t.amountOffCents} is null)
       or (${t.discountType} = 'fixed_amount' and ${t.amountOffCents} > 0 and ${t.percentOffBps} is null and ${t.currency} is not null)`,
    ),
    check("coupons_validity", sql`${t.validFrom} is null or ${t.validUntil} is null or ${t.validFrom} < ${t.validUntil}`),
    check("coupons_times_used", sql`${t.timesUsed} >= 0 and (${t.usageLimit} is null or ${t.timesUsed} <= ${t.usageLimit})`),
  ],
);

export const discountCodes = pgTable(
  "discount_codes",
  {
    id: id(),
    organizationId: org(),
    code: text("code").notNull(),
    percentOffBps: integer("percent_off_bps"),
    amountOffCents: money("amount_off_cents"),
    currency: text("currency"),
    duration: text("duration", { enum: ["once", "repeating", "forever"] }).notNull(),
    durationInMonths: integer("duration_in_months"),
    maxRedemptions: integer("max_redemptions"),
    timesRedeemed: integer("times_redeemed").notNull().default(0),
    expiresAt: ts("expires_at"),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("discount_codes_org_code_key").on(t.organizationId, sql`upper(${t.code})`),
    index("discount_codes_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check(
      "discount_codes_discount_shape",
      sql`(${t.percentOffBps} between 1 and 10000 and ${t.amountOffCents} is null)
       or (${t.amountOffCents} > 0 and ${t.percentOffBps} is null and ${t.currency} is not null)`,
    ),
    check("discount_codes_duration", sql`(${t.duration} = 'repeating') = (${t.durationInMonths} is not null)`),
    check("discount_codes_redemptions", sql`${t.timesRedeemed} >= 0 and (${t.maxRedemptions} is null or ${t.timesRedeemed} <= ${t.maxRedemptions})`),
  ],
);

export type Coupon = typeof coupons.$inferSelect;
export type DiscountCode = typeof discountCodes.$inferSelect;
