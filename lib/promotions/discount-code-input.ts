import { z } from "zod";
import { bps, currencyField, positiveCents, promoCodeField } from "@/lib/api/fields";
import { futureDatetimeInput } from "@/lib/api/fields";
import { countLimit, immutable, type Issue } from "./fields";

// Input rules for discount codes: shareable promo codes that discount a subscription once, for
// some months, or forever. The discount is fixed at creation; the limits can change.
const ONE_OR_OTHER = "a discount code has either percent_off_bps or amount_off_cents, not both";

type Shape = { percent_off_bps?: number | null; amount_off_cents?: number | null; currency?: string | null; duration: string; duration_in_months?: number | null };

function shapeIssue(c: Shape): Issue | null {
  if (c.percent_off_bps != null && c.amount_off_cents != null) return { path: ["amount_off_cents"], message: ONE_OR_OTHER };
  if (c.percent_off_bps == null && c.amount_off_cents == null) {
    return { path: ["percent_off_bps"], message: "a discount code needs percent_off_bps or amount_off_cents" };
  }
  if (c.percent_off_bps != null && c.currency != null) return { path: ["currency"], message: "only an amount_off_cents discount has a currency" };
  if (c.duration === "repeating" && c.duration_in_months == null) {
    return { path: ["duration_in_months"], message: "is required when duration is repeating" };
  }
  if (c.duration !== "repeating" && c.duration_in_months != null) {
    return { path: ["duration_in_months"], message: "applies only when duration is repeating" };
  }
  return null;
}

export const createDiscountCodeInput = z
  .strictObject({
    code: promoCodeField,
    percent_off_bps: bps.nullish().meta({ description: "Percentage off, in basis points (10000 = 100%); or amount_off_cents" }),
    amount_off_cents: positiveCents.nullish().meta({ description: "Amount off, in cents of `currency`; or percent_off_bps" }),
    currency: currencyField.nullish().meta({ description: "With amount_off_cents only; defaults to the organization's currency" }),
    duration: z.enum(["once", "repeating", "forever"]).meta({ description: "How long the discount lasts on a subscription" }),
    duration_in_months: z.number().int().min(1).max(120).nullish().meta({ description: "Required when duration is repeating, refused otherwise" }),
    max_redemptions: countLimit.nullish().meta({ description: "Total redemptions allowed; null for no limit" }),
    expires_at: futureDatetimeInput.nullish().meta({ description: "No longer redeemable from this instant (ISO 8601, in the future)" }),
  })
  .superRefine((c, ctx) => {
    const issue = shapeIssue(c);
    if (issue) ctx.addIssue({ code: "custom", ...issue });
  });

// PATCH: only the limits change; null clears them. The discount fields are refused, naming them.
export const updateDiscountCodeInput = z.strictObject({
  max_redemptions: countLimit.nullish().meta({ description: "Never below times_redeemed; null for no limit" }),
  expires_at: futureDatetimeInput.nullish().meta({ description: "In the future; null for no expiry" }),
  code: immutable("discount code"),
  percent_off_bps: immutable("discount code"),
  amount_off_cents: immutable("discount code"),
  currency: immutable("discount code"),
  duration: immutable("discount code"),
  duration_in_months: immutable("discount code"),
});

export type CreateDiscountCodeInput = z.output<typeof createDiscountCodeInput>;
export type UpdateDiscountCodeInput = z.output<typeof updateDiscountCodeInput>;
