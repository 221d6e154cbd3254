import { z } from "zod";
import { bps, currencyField, positiveCents, promoCodeField, text } from "@/lib/api/fields";
import { datetimeInput } from "@/lib/api/fields";
import { countLimit, couponScopeInput, immutable, overlapIssue, windowIssue, type Issue } from "./fields";

// Input rules for coupons. A coupon's discount (type, amount, currency, code) is fixed at
// creation; its limits, window and scope can change.

const ONE_OR_OTHER = "a coupon has either percent_off_bps (percentage) or amount_off_cents (fixed_amount), not both";

const limits = {
  name: text(200).nullish(),
  usage_limit: countLimit.nullish().meta({ description: "Total redemptions allowed; null for no limit" }),
  usage_limit_per_user: countLimit.nullish().meta({ description: "Redemptions allowed per billing account; null for no limit" }),
  min_purchase_cents: positiveCents.nullish().meta({ description: "Smallest subtotal the coupon applies to" }),
  max_discount_cents: positiveCents.nullish().meta({ description: "Cap on the discount of one redemption" }),
  valid_from: datetimeInput.nullish().meta({ description: "Redeemable from this instant (ISO 8601)" }),
  valid_until: datetimeInput.nullish().meta({ description: "Redeemable until this instant, exclusive; after valid_from" }),
};

function discountIssue(c: { discount_type: string; percent_off_bps?: number | null; amount_off_cents?: number | null; currency?: string | null }): Issue | null {
  if (c.discount_type === "percentage") {
    if (c.amount_off_cents != null) return { path: ["amount_off_cents"], message: ONE_OR_OTHER };
    if (c.percent_off_bps == null) return { path: ["percent_off_bps"], message: "is required for a percentage coupon" };
    if (c.currency != null) return { path: ["currency"], message: "only a fixed_amount coupon has a currency" };
  } else {
    if (c.percent_off_bps != null) return { path: ["percent_off_bps"], message: ONE_OR_OTHER };
    if (c.amount_off_cents == null) return { path: ["amount_off_cents"], message: "is required for a fixed_amount coupon" };
  }
  return null;
}

export const emptyScope = () => ({ product_ids: [] as string[], plan_ids: [] as string[] });

export const createCouponInput = z
  .strictObject({
    code: promoCodeField,
    discount_type: z.enum(["percentage", "fixed_amount"]),
    percent_off_bps: bps.nullish().meta({ description: "Percentage coupons only. Basis points: 10000 = 100%" }),
    amount_off_cents: positiveCents.nullish().meta({ description: "fixed_amount coupons only" }),
    currency: currencyField.nullish().meta({ description: "fixed_amount coupons only; defaults to the organization's currency" }),
    ...limits,
    applies_to: couponScopeInput.optional(),
    excludes: couponScopeInput.optional(),
  })
  .superRefine((c, ctx) => {
    const issue =
      discountIssue(c) ??
      windowIssue(c.valid_from, c.valid_until, "valid_until") ??
      overlapIssue(c.applies_to ?? emptyScope(), c.excludes ?? emptyScope(), "excludes");
    if (issue) ctx.addIssue({ code: "custom", ...issue });
  });

// PATCH: only the fields sent change; null clears an optional limit. applies_to / excludes
// replace the whole list. The discount fields are refused with a 422 naming them.
export const updateCouponInput = z
  .strictObject({
    ...limits,
    applies_to: couponScopeInput.optional(),
    excludes: couponScopeInput.optional(),
    code: immutable("coupon"),
    discount_type: immutable("coupon"),
    percent_off_bps: immutable("coupon"),
    amount_off_cents: immutable("coupon"),
    currency: immutable("coupon"),
  });
// (The window and the scopes are checked by updateCoupon on the merged values.)

export type CreateCouponInput = z.output<typeof createCouponInput>;
export type UpdateCouponInput = z.output<typeof updateCouponInput>;
