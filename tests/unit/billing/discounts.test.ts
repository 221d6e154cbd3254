import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCredits, applyDiscounts, type CouponTerms, type CreditBalance, type DiscountCodeTerms } from "@/lib/billing/discounts";
import { utc } from "./arbitraries";

const percentCoupon = (bps: number, extra: Partial<CouponTerms> = {}): CouponTerms => ({
  discount_type: "percentage",
  percent_off_bps: bps,
  amount_off_cents: null,
  min_purchase_cents: null,
  max_discount_cents: null,
  ...extra,
});
const fixedCoupon = (cents: number, extra: Partial<CouponTerms> = {}): CouponTerms => ({ ...percentCoupon(0), discount_type: "fixed_amount", percent_off_bps: null, amount_off_cents: cents, ...extra });

describe("applyDiscounts — examples", () => {
  it("10% off R$ 99,90 = R$ 9,99", () => {
    expect(applyDiscounts({ subtotal_cents: 9_990, coupon: percentCoupon(1_000) })).toEqual({ coupon_discount_cents: 999, discount_code_discount_cents: 0, total_cents: 8_991 });
  });

  it("caps the coupon at max_discount_cents", () => {
    expect(applyDiscounts({ subtotal_cents: 79_900, coupon: percentCoupon(5_000, { max_discount_cents: 10_000 }) }).coupon_discount_cents).toBe(10_000);
  });

  it("ignores the coupon below min_purchase_cents, applies it at exactly the minimum", () => {
    const coupon = fixedCoupon(2_000, { min_purchase_cents: 10_000 });
    expect(applyDiscounts({ subtotal_cents: 9_999, coupon }).coupon_discount_cents).toBe(0);
    expect(applyDiscounts({ subtotal_cents: 10_000, coupon }).coupon_discount_cents).toBe(2_000);
  });

  it("a fixed amount larger than the subtotal stops at zero", () => {
    expect(applyDiscounts({ subtotal_cents: 2_990, coupon: fixedCoupon(5_000), discount_code: { percent_off_bps: 1_000, amount_off_cents: null } })).toEqual({
      coupon_discount_cents: 2_990,
      discount_code_discount_cents: 0,
      total_cents: 0,
    });
  });

  it("the coupon applies first, the code to what remains: 20% then 10% of R$ 100,00 = R$ 72,00", () => {
    expect(applyDiscounts({ subtotal_cents: 10_000, coupon: percentCoupon(2_000), discount_code: { percent_off_bps: 1_000, amount_off_cents: null } })).toEqual({
      coupon_discount_cents: 2_000,
      discount_code_discount_cents: 800,
      total_cents: 7_200,
    });
  });

  it("rejects a code with both a percentage and an amount, and percentages above 100%", () => {
    expect(() => applyDiscounts({ subtotal_cents: 100, discount_code: { percent_off_bps: 100, amount_off_cents: 100 } })).toThrow(RangeError);
    expect(() => applyDiscounts({ subtotal_cents: 100, coupon: percentCoupon(10_001) })).toThrow(RangeError);
  });
});

const cents = fc.integer({ min: 0, max: 1e12 });
const couponArb: fc.Arbitrary<CouponTerms> = fc.record({
  kind: fc.constantFrom("percentage" as const, "fixed_amount" as const),
  bps: fc.integer({ min: 0, max: 10_000 }),
  amount: cents,
  min: fc.option(cents, { nil: null }),
  max: fc.option(cents, { nil: null }),
}).map(({ kind, bps, amount, min, max }) => ({
  discount_type: kind,
  percent_off_bps: kind === "percentage" ? bps : null,
  amount_off_cents: kind === "fixed_amount" ? amount : null,
  min_purchase_cents: min,
  max_discount_cents: max,
}));
const codeArb: fc.Arbitrary<DiscountCodeTerms> = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }).map((bps) => ({ percent_off_bps: bps, amount_off_cents: null })),
  cents.map((amount) => ({ percent_off_bps: null, amount_off_cents: amount })),
);

describe("applyDiscounts — properties", () => {
  it("never negative, never above caps or the amount it applies to, respects min_purchase_cents", () => {
    fc.assert(
      fc.property(cents, fc.option(couponArb, { nil: null }), fc.option(codeArb, { nil: null }), (subtotal, coupon, code) => {
        const result = applyDiscounts({ subtotal_cents: subtotal, coupon, discount_code: code });
        expect(result.total_cents).toBeGreaterThanOrEqual(0);
        expect(result.coupon_discount_cents).toBeGreaterThanOrEqual(0);
        expect(result.discount_code_discount_cents).toBeGreaterThanOrEqual(0);
        expect(result.total_cents).toBe(subtotal - result.coupon_discount_cents - result.discount_code_discount_cents);
        expect(result.coupon_discount_cents).toBeLessThanOrEqual(subtotal);
        expect(result.discount_code_discount_cents).toBeLessThanOrEqual(subtotal - result.coupon_discount_cents);
        if (coupon?.max_discount_cents != null) expect(result.coupon_discount_cents).toBeLessThanOrEqual(coupon.max_discount_cents);
        if (!coupon || (coupon.min_purchase_cents !== null && subtotal < coupon.min_purchase_cents)) expect(result.coupon_discount_cents).toBe(0);
        if (!code) expect(result.discount_code_discount_cents).toBe(0);
      }),
    );
  });
});

const credit = (id: string, remaining: number, expires: string | null, created = "2026-01-01T00:00:00Z"): CreditBalance => ({
  id,
  remaining_cents: remaining,
  expires_at: expires === null ? null : utc(expires),
  created_at: utc(created),
});

describe("applyCredits", () => {
  const at = utc("2026-06-01T00:00:00Z");

  it("uses the soonest-expiring first, then non-expiring by age then id, skipping the expired", () => {
    const credits = [
      credit("never-old", 1_000, null, "2025-01-01T00:00:00Z"),
      credit("never-b", 1_000, null, "2025-06-01T00:00:00Z"),
      credit("never-a", 1_000, null, "2025-06-01T00:00:00Z"),
      credit("expires-late", 1_000, "2026-12-31T00:00:00Z"),
      credit("expires-soon", 1_000, "2026-07-01T00:00:00Z"),
      credit("expired", 1_000, "2026-05-01T00:00:00Z"),
      credit("expires-now", 1_000, "2026-06-01T00:00:00Z"), // expires_at <= at: expired
    ];
    const result = applyCredits(4_500, credits, at);
    expect(result.applications).toEqual([
      { credit_id: "expires-soon", amount_cents: 1_000 },
      { credit_id: "expires-late", amount_cents: 1_000 },
      { credit_id: "never-old", amount_cents: 1_000 },
      { credit_id: "never-a", amount_cents: 1_000 },
      { credit_id: "never-b", amount_cents: 500 },
    ]);
    expect(result.amount_due_cents).toBe(0);
  });

  it("leaves the rest due when credits run out, and applies nothing to nothing due", () => {
    expect(applyCredits(5_000, [credit("a", 1_200, null)], at)).toEqual({ applications: [{ credit_id: "a", amount_cents: 1_200 }], amount_due_cents: 3_800 });
    expect(applyCredits(0, [credit("a", 1_200, null)], at)).toEqual({ applications: [], amount_due_cents: 0 });
  });

  it("never exceeds the amount due nor a credit's remainder, and skips expired credits", () => {
    const creditArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      remaining_cents: fc.integer({ min: 0, max: 1e9 }),
      expires_at: fc.option(fc.date({ min: utc("2026-01-01T00:00:00Z"), max: utc("2027-01-01T00:00:00Z"), noInvalidDate: true }), { nil: null }),
      created_at: fc.date({ min: utc("2025-01-01T00:00:00Z"), max: utc("2026-01-01T00:00:00Z"), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5e9 }), fc.uniqueArray(creditArb, { selector: (c) => c.id, maxLength: 12 }), (due, credits) => {
        const result = applyCredits(due, credits, at);
        const applied = result.applications.reduce((sum, a) => sum + a.amount_cents, 0);
        expect(applied).toBeLessThanOrEqual(due);
        expect(result.amount_due_cents).toBe(due - applied);
        const usable = credits.filter((c) => c.expires_at === null || c.expires_at.getTime() > at.getTime());
        const available = usable.reduce((sum, c) => sum + c.remaining_cents, 0);
        expect(applied).toBe(Math.min(due, available));
        for (const application of result.applications) {
          const source = credits.find((c) => c.id === application.credit_id)!;
          expect(usable).toContain(source);
          expect(application.amount_cents).toBeGreaterThan(0);
          expect(application.amount_cents).toBeLessThanOrEqual(source.remaining_cents);
        }
        // Expiring credits are drawn before any that never expire.
        const kinds = result.applications.map((a) => credits.find((c) => c.id === a.credit_id)!.expires_at === null);
        expect(kinds).toEqual([...kinds].sort((a, b) => Number(a) - Number(b)));
      }),
    );
  });
});
