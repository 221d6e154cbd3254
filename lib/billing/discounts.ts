// Discounts and account credits, in cents.
//
// Order: the coupon applies to the subtotal first (only when the subtotal reaches
// min_purchase_cents, capped by max_discount_cents), then the discount code applies to what the
// coupon left. A discount never exceeds the amount it applies to, so the total never goes below
// zero. Percentages go through percentOf (the one rounding rule).
//
// Credits pay an amount due oldest-expiring first: credits that expire before those that do
// not, earlier expiry first, ties by created_at then id (plain code-unit order, not the locale's,
// so the order is the same on every machine). Expired credits (expires_at <= at) are skipped.
import { assertSafeInteger, BPS_PER_WHOLE, percentOf } from "./money";

export type CouponTerms = {
  discount_type: "percentage" | "fixed_amount";
  percent_off_bps: number | null;
  amount_off_cents: number | null;
  min_purchase_cents: number | null;
  max_discount_cents: number | null;
};

export type DiscountCodeTerms = { percent_off_bps: number | null; amount_off_cents: number | null };

export type DiscountResult = { coupon_discount_cents: number; discount_code_discount_cents: number; total_cents: number };

export function applyDiscounts(input: {
  subtotal_cents: number;
  coupon?: CouponTerms | null;
  discount_code?: DiscountCodeTerms | null;
}): DiscountResult {
  const subtotal = nonNegative(input.subtotal_cents, "subtotal_cents");
  const couponDiscount = input.coupon ? couponDiscountCents(input.coupon, subtotal) : 0;
  const afterCoupon = subtotal - couponDiscount;
  const codeDiscount = input.discount_code ? discountCodeCents(input.discount_code, afterCoupon) : 0;
  return { coupon_discount_cents: couponDiscount, discount_code_discount_cents: codeDiscount, total_cents: afterCoupon - codeDiscount };
}

function couponDiscountCents(coupon: CouponTerms, subtotal: number): number {
  if (coupon.min_purchase_cents !== null && subtotal < nonNegative(coupon.min_purchase_cents, "min_purchase_cents")) return 0;
  const raw =
    coupon.discount_type === "percentage"
      ? percentOf(subtotal, bps(coupon.percent_off_bps, "coupon.percent_off_bps"))
      : nonNegative(requireValue(coupon.amount_off_cents, "coupon.amount_off_cents"), "coupon.amount_off_cents");
  const cap = coupon.max_discount_cents === null ? raw : nonNegative(coupon.max_discount_cents, "max_discount_cents");
  return Math.min(raw, cap, subtotal);
}

function discountCodeCents(code: DiscountCodeTerms, amount: number): number {
  // A code is either a percentage or a fixed amount; both (or neither) is a data error, not a guess.
  if ((code.percent_off_bps === null) === (code.amount_off_cents === null)) {
    throw new RangeError("a discount code needs exactly one of percent_off_bps and amount_off_cents");
  }
  const raw =
    code.percent_off_bps !== null
      ? percentOf(amount, bps(code.percent_off_bps, "discount_code.percent_off_bps"))
      : nonNegative(requireValue(code.amount_off_cents, "discount_code.amount_off_cents"), "discount_code.amount_off_cents");
  return Math.min(raw, amount);
}

export type CreditBalance = { id: string; remaining_cents: number; expires_at: Date | null; created_at: Date };
export type CreditApplication = { credit_id: string; amount_cents: number };

export function applyCredits(
  amount_due_cents: number,
  credits: CreditBalance[],
  at: Date,
): { applications: CreditApplication[]; amount_due_cents: number } {
  let due = nonNegative(amount_due_cents, "amount_due_cents");
  const usable = credits.filter(
    (credit) => nonNegative(credit.remaining_cents, "remaining_cents") > 0 && (credit.expires_at === null || credit.expires_at.getTime() > at.getTime()),
  );
  const applications: CreditApplication[] = [];
  for (const credit of usable.sort(byExpiryThenAge)) {
    if (due === 0) break;
    const amount = Math.min(credit.remaining_cents, due);
    applications.push({ credit_id: credit.id, amount_cents: amount });
    due -= amount;
  }
  return { applications, amount_due_cents: due };
}

function byExpiryThenAge(a: CreditBalance, b: CreditBalance): number {
  // Infinity for "never expires" sorts those credits last.
  const expiry = (a.expires_at?.getTime() ?? Infinity) - (b.expires_at?.getTime() ?? Infinity);
  if (expiry !== 0 && !Number.isNaN(expiry)) return expiry;
  const age = a.created_at.getTime() - b.created_at.getTime();
  if (age !== 0) return age;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function nonNegative(value: number, what: string): number {
  assertSafeInteger(value, what);
  if (value < 0) throw new RangeError(`${what} must not be negative`);
  return value;
}

function bps(value: number | null, what: string): number {
  const checked = nonNegative(requireValue(value, what), what);
  if (checked > BPS_PER_WHOLE) throw new RangeError(`${what} must be at most ${BPS_PER_WHOLE} (100%)`);
  return checked;
}

function requireValue(value: number | null, what: string): number {
  if (value === null) throw new RangeError(`${what} is required`);
  return value;
}
