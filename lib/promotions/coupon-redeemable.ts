import type { Coupon } from "@/db/schema";

// Whether a coupon may be redeemed on a purchase: pure, for the billing engine. It decides
// eligibility only; the discount amount is lib/billing's business. Call it on a row read
// `for update` when the redemption will increment times_used.
export type CouponRejection =
  | "archived"
  | "not_yet_valid"
  | "expired"
  | "usage_limit_reached"
  | "usage_limit_per_user_reached"
  | "currency_mismatch"
  | "min_purchase_not_met"
  | "not_applicable";

export type CouponPurchase = {
  at: Date;
  subtotalCents: number;
  /** Products on the purchase (subscription items, invoice lines). */
  productIds: string[];
  /** Plans on the purchase. */
  planIds: string[];
  /** The purchase's currency; a fixed_amount coupon only applies in its own currency. */
  currency?: string;
  /** Times this billing account has already redeemed the coupon (checked against usage_limit_per_user). */
  accountRedemptions?: number;
};

type Redeemable = Pick<
  Coupon,
  "status" | "discountType" | "currency" | "validFrom" | "validUntil" | "usageLimit" | "usageLimitPerUser" | "timesUsed" | "minPurchaseCents" | "appliesTo" | "excludes"
>;

/**
 * Scope: an excluded plan rules the purchase out, and so does a purchase whose products are all
 * excluded. With an empty applies_to the coupon applies to everything else; otherwise the
 * purchase needs one of its plans, or one of its non-excluded products, in applies_to.
 */
export function checkCouponRedeemable(coupon: Redeemable, purchase: CouponPurchase): { ok: true } | { ok: false; reason: CouponRejection } {
  const no = (reason: CouponRejection) => ({ ok: false as const, reason });
  const at = purchase.at.getTime();
  if (coupon.status !== "active") return no("archived");
  if (coupon.validFrom && at < coupon.validFrom.getTime()) return no("not_yet_valid");
  if (coupon.validUntil && at >= coupon.validUntil.getTime()) return no("expired");
  if (coupon.usageLimit !== null && coupon.timesUsed >= coupon.usageLimit) return no("usage_limit_reached");
  if (coupon.usageLimitPerUser !== null && (purchase.accountRedemptions ?? 0) >= coupon.usageLimitPerUser) {
    return no("usage_limit_per_user_reached");
  }
  if (coupon.discountType === "fixed_amount" && purchase.currency !== undefined && purchase.currency !== coupon.currency) {
    return no("currency_mismatch");
  }
  if (coupon.minPurchaseCents !== null && purchase.subtotalCents < coupon.minPurchaseCents) return no("min_purchase_not_met");

  const { appliesTo, excludes } = coupon;
  if (purchase.planIds.some((id) => excludes.plan_ids.includes(id))) return no("not_applicable");
  const productIds = purchase.productIds.filter((id) => !excludes.product_ids.includes(id));
  if (purchase.productIds.length > 0 && productIds.length === 0) return no("not_applicable");
  if (appliesTo.product_ids.length === 0 && appliesTo.plan_ids.length === 0) return { ok: true };
  const inScope = purchase.planIds.some((id) => appliesTo.plan_ids.includes(id)) || productIds.some((id) => appliesTo.product_ids.includes(id));
  return inScope ? { ok: true } : no("not_applicable");
}
