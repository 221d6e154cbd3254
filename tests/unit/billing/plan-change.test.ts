import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRule, previewChange, selectRule, type ChangeItem, type ChangeRule, type RuleCandidate } from "@/lib/billing/plan-change";
import type { Period } from "@/lib/billing/periods";
import { perUnit, utc } from "./arbitraries";

const monthly = (id: string, subcents: number, quantity = 1): ChangeItem => ({ price_id: id, price: perUnit(subcents), quantity });
const yearly = (id: string, subcents: number, quantity = 1): ChangeItem => ({ price_id: id, price: perUnit(subcents, { recurring_interval: "year" }), quantity });
const rule = (proration_method: ChangeRule["proration_method"], extra: Partial<ChangeRule> = {}): ChangeRule => ({
  change_type: "upgrade",
  proration_method,
  timing: "immediate",
  bonus_discount: null,
  bonus_days: 0,
  message: null,
  ...extra,
});
const period = (start: string, end: string): Period => ({ start: utc(start), end: utc(end) });
const iso = (p: Period) => [p.start.toISOString(), p.end.toISOString()];
const amounts = (lines: { kind: string; amount_cents: number }[]) => lines.map((line) => [line.kind, line.amount_cents]);

describe("previewChange — worked examples", () => {
  it("R$ 79,90/month -> R$ 799,00/year on day 10 of November: credit 21/30, full annual charge", () => {
    const preview = previewChange({
      current: [monthly("monthly", 799_000)],
      target: [yearly("annual", 7_990_000)],
      rule: rule("prorate_immediately"),
      period: period("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
      at: utc("2026-11-10T00:00:00Z"),
    });
    // 79,90 × 21/30 = 55,93
    expect(amounts(preview.lines)).toEqual([["credit_unused", -5_593], ["charge_full", 79_900]]);
    expect(preview.amount_due_now_cents).toBe(74_307);
    expect(preview.credit_to_balance_cents).toBe(0);
    expect(preview.effective_at).toEqual(utc("2026-11-10T00:00:00Z"));
    expect(iso(preview.new_period)).toEqual(["2026-11-10T00:00:00.000Z", "2027-11-10T00:00:00.000Z"]);
    expect(preview.lines[1]).toMatchObject({ period_start: utc("2026-11-10T00:00:00Z"), period_end: utc("2027-11-10T00:00:00Z") });
    expect(preview.amount_due_at_renewal_cents).toBe(79_900);
  });

  it("R$ 49,90 -> R$ 99,90 monthly on day 16 of a 31-day month: 16/31 credited and charged", () => {
    const jan = period("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
    const preview = previewChange({ current: [monthly("basic", 499_000)], target: [monthly("pro", 999_000)], rule: rule("prorate_immediately"), period: jan, at: utc("2026-01-16T00:00:00Z") });
    // 49,90 × 16/31 = 25,7548 -> 25,75; 99,90 × 16/31 = 51,5613 -> 51,56
    expect(amounts(preview.lines)).toEqual([["credit_unused", -2_575], ["charge_remaining", 5_156]]);
    expect(preview.amount_due_now_cents).toBe(2_581);
    expect(iso(preview.new_period)).toEqual(iso(jan)); // same interval: the period is kept
    expect(preview.amount_due_at_renewal_cents).toBe(9_990);
  });

  it("downgrade at the end of the cycle: nothing now, the cheaper plan from the renewal", () => {
    const current = [monthly("pro", 999_000)];
    const target = [monthly("basic", 499_000)];
    const chosen = defaultRule(current, target);
    expect(chosen).toMatchObject({ change_type: "downgrade", proration_method: "none", timing: "end_of_cycle" });
    const preview = previewChange({ current, target, rule: chosen, period: period("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z"), at: utc("2026-05-20T15:00:00Z") });
    expect(preview).toMatchObject({ lines: [], amount_due_now_cents: 0, credit_to_balance_cents: 0, amount_due_at_renewal_cents: 4_990 });
    expect(preview.effective_at).toEqual(utc("2026-06-01T00:00:00Z"));
    expect(iso(preview.new_period)).toEqual(["2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"]);
  });

  it("end of cycle on a Jan 31 anchor continues the anchored cycle (Feb 28 -> Mar 31)", () => {
    const preview = previewChange({
      current: [monthly("pro", 999_000)],
      target: [monthly("basic", 499_000)],
      rule: rule("none", { timing: "end_of_cycle" }),
      period: period("2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z"),
      at: utc("2026-02-10T00:00:00Z"),
      anchor: utc("2026-01-31T00:00:00Z"),
    });
    expect(iso(preview.new_period)).toEqual(["2026-02-28T00:00:00.000Z", "2026-03-31T00:00:00.000Z"]);
  });

  it("5 -> 8 seats of R$ 29,90 with 11 of March's 31 days left: about 3 seats × 11/31", () => {
    const preview = previewChange({
      current: [monthly("seat", 299_000, 5)],
      target: [monthly("seat", 299_000, 8)],
      rule: rule("prorate_immediately"),
      period: period("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"),
      at: utc("2026-03-21T00:00:00Z"),
    });
    // 149,50 × 11/31 = 53,0484 -> 53,05; 239,20 × 11/31 = 84,8774 -> 84,88; 3 × 29,90 × 11/31 = 31,83
    expect(amounts(preview.lines)).toEqual([["credit_unused", -5_305], ["charge_remaining", 8_488]]);
    expect(preview.amount_due_now_cents).toBe(3_183);
    expect(preview.lines.map((line) => line.quantity)).toEqual([5, 8]);
    expect(preview.amount_due_at_renewal_cents).toBe(23_920);
  });

  it("charge_full: the whole new plan now, for a fresh period, no credit", () => {
    const preview = previewChange({
      current: [monthly("basic", 499_000)],
      target: [monthly("business", 1_499_000)],
      rule: rule("charge_full"),
      period: period("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z"),
      at: utc("2026-07-15T12:00:00Z"),
    });
    expect(amounts(preview.lines)).toEqual([["charge_full", 14_990]]);
    expect(preview.amount_due_now_cents).toBe(14_990);
    expect(iso(preview.new_period)).toEqual(["2026-07-15T12:00:00.000Z", "2026-08-15T12:00:00.000Z"]);
  });

  it("credit_unused larger than the new charge: the rest goes to the credit balance", () => {
    const preview = previewChange({
      current: [yearly("annual", 7_990_000)],
      target: [monthly("monthly", 299_000)],
      rule: rule("credit_unused", { change_type: "downgrade" }),
      period: period("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
      at: utc("2026-03-01T00:00:00Z"),
    });
    // 799,00 × 306/365 = 669,8466 -> 669,85 credited; 29,90 charged for Mar 1 – Apr 1
    expect(amounts(preview.lines)).toEqual([["credit_unused", -66_985], ["charge_full", 2_990]]);
    expect(preview).toMatchObject({ amount_due_now_cents: 0, credit_to_balance_cents: 63_995, amount_due_at_renewal_cents: 2_990 });
    expect(iso(preview.new_period)).toEqual(["2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"]);
  });

  it("leap year: upgrade on Feb 29, 2028 — one day of 29 left", () => {
    const preview = previewChange({
      current: [monthly("basic", 290_000)],
      target: [monthly("pro", 580_000)],
      rule: rule("prorate_immediately"),
      period: period("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"),
      at: utc("2028-02-29T00:00:00Z"),
    });
    // R$ 29,00 / 29 days = R$ 1,00 a day; R$ 58,00 / 29 = R$ 2,00
    expect(amounts(preview.lines)).toEqual([["credit_unused", -100], ["charge_remaining", 200]]);
    expect(preview.amount_due_now_cents).toBe(100);
  });

  it("bonus discount: 20% off the charge made now, for 3 months", () => {
    const preview = previewChange({
      current: [monthly("basic", 499_000)],
      target: [monthly("business", 1_499_000)],
      rule: rule("charge_full", { bonus_discount: { percent_bps: 2_000, months: 3 }, bonus_days: 7, message: "Welcome to Business" }),
      period: period("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z"),
      at: utc("2026-07-01T00:00:00Z"),
    });
    expect(amounts(preview.lines)).toEqual([["charge_full", 14_990], ["bonus_discount", -2_998]]);
    expect(preview.lines[1]?.description).toBe("Bonus: 20% off business for 3 months");
    expect(preview).toMatchObject({ amount_due_now_cents: 11_992, bonus_days: 7, message: "Welcome to Business", amount_due_at_renewal_cents: 14_990 });
  });

  it("none: switch now, nothing now, the period kept", () => {
    const current = period("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z");
    const preview = previewChange({ current: [monthly("a", 499_000)], target: [yearly("b", 4_990_000)], rule: rule("none"), period: current, at: utc("2026-07-10T00:00:00Z") });
    expect(preview).toMatchObject({ lines: [], amount_due_now_cents: 0, amount_due_at_renewal_cents: 49_900 });
    expect(preview.effective_at).toEqual(utc("2026-07-10T00:00:00Z"));
    expect(iso(preview.new_period)).toEqual(iso(current));
  });

  it("refuses an instant outside the period, mixed intervals, mixed currencies", () => {
    const base = { current: [monthly("a", 100)], target: [monthly("b", 200)], rule: rule("prorate_immediately"), period: period("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z"), at: utc("2026-07-10T00:00:00Z") };
    expect(() => previewChange({ ...base, at: utc("2026-08-02T00:00:00Z") })).toThrow(RangeError);
    expect(() => previewChange({ ...base, target: [monthly("b", 200), yearly("c", 200)] })).toThrow(RangeError);
    expect(() => previewChange({ ...base, target: [{ ...monthly("b", 200), price: perUnit(200, { currency: "USD" }) }] })).toThrow(RangeError);
  });
});

describe("previewChange — properties", () => {
  const methods = fc.constantFrom("prorate_immediately" as const, "credit_unused" as const, "none" as const, "charge_full" as const);
  const itemArb = fc.record({ subcents: fc.integer({ min: 0, max: 1e10 }), quantity: fc.integer({ min: 0, max: 1000 }) });
  const instantInJuly = fc.integer({ min: utc("2026-07-01T00:00:00Z").getTime(), max: utc("2026-08-01T00:00:00Z").getTime() }).map((t) => new Date(t));
  const july = period("2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z");

  it("due now and credit to balance are the non-negative sides of the sum of the lines", () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 3 }), fc.array(itemArb, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), methods, instantInJuly, fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }), (cur, tgt, curYearly, tgtYearly, method, at, bonusBps) => {
        const current = cur.map((spec, i) => (curYearly ? yearly(`c${i}`, spec.subcents, spec.quantity) : monthly(`c${i}`, spec.subcents, spec.quantity)));
        const target = tgt.map((spec, i) => (tgtYearly ? yearly(`t${i}`, spec.subcents, spec.quantity) : monthly(`t${i}`, spec.subcents, spec.quantity)));
        const bonus = bonusBps === null ? null : { percent_bps: bonusBps, months: 1 };
        const preview = previewChange({ current, target, rule: rule(method, { bonus_discount: bonus }), period: july, at });
        const sum = preview.lines.reduce((total, line) => total + line.amount_cents, 0);
        expect(preview.amount_due_now_cents - preview.credit_to_balance_cents).toBe(sum);
        expect(Math.min(preview.amount_due_now_cents, preview.credit_to_balance_cents)).toBe(0);
        for (const line of preview.lines) {
          expect(Number.isSafeInteger(line.amount_cents) && line.amount_cents !== 0).toBe(true);
          expect(line.amount_cents < 0).toBe(line.kind === "credit_unused" || line.kind === "bonus_discount");
        }
      }),
    );
  });

  it("changing to the very same items, prorated, costs exactly nothing at any instant", () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 3 }), instantInJuly, (specs, at) => {
        const items = specs.map((spec, i) => monthly(`p${i}`, spec.subcents, spec.quantity));
        const preview = previewChange({ current: items, target: items, rule: rule("prorate_immediately"), period: july, at });
        expect(preview.amount_due_now_cents).toBe(0);
        expect(preview.credit_to_balance_cents).toBe(0);
      }),
    );
  });
});

describe("selectRule", () => {
  const candidate = (id: string, priority: number, extra: Partial<RuleCandidate> = {}): RuleCandidate => ({
    ...rule("prorate_immediately"),
    id,
    from_plan_id: "basic",
    to_plan_id: "pro",
    priority,
    is_active: true,
    ...extra,
  });

  it("picks the highest-priority active rule for the pair, ties by lowest id", () => {
    const rules = [
      candidate("r3", 5),
      candidate("r2", 10),
      candidate("r1", 10),
      candidate("r0", 99, { is_active: false }),
      candidate("r9", 99, { to_plan_id: "business" }),
    ];
    expect(selectRule(rules, "basic", "pro")?.id).toBe("r1");
    expect(selectRule(rules, "basic", "business")?.id).toBe("r9");
    expect(selectRule(rules, "pro", "basic")).toBeNull();
    expect(selectRule([], "basic", "pro")).toBeNull();
  });
});

describe("defaultRule", () => {
  it("with the same billing period, compares the recurring amount exactly", () => {
    expect(defaultRule([monthly("a", 499_000)], [monthly("b", 999_000)])).toMatchObject({ change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate" });
    expect(defaultRule([monthly("a", 999_000)], [monthly("b", 499_000)])).toMatchObject({ change_type: "downgrade", proration_method: "none", timing: "end_of_cycle" });
    expect(defaultRule([monthly("a", 999_000)], [monthly("b", 999_000)])).toMatchObject({ change_type: "lateral", timing: "immediate" });
    expect(defaultRule([yearly("a", 7_990_000)], [yearly("b", 7_990_001)]).change_type).toBe("upgrade");
  });

  it("a longer billing period is a bigger commitment: an upgrade now; a shorter one a downgrade at the end of the cycle", () => {
    // The issue's own example: R$ 79,90 monthly -> R$ 799,00 annual is an upgrade (though cheaper per month).
    expect(defaultRule([monthly("a", 799_000)], [yearly("b", 7_990_000)])).toMatchObject({ change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate" });
    expect(defaultRule([yearly("a", 7_990_000)], [monthly("b", 799_000)])).toMatchObject({ change_type: "downgrade", proration_method: "none", timing: "end_of_cycle" });
    // Quarterly (month x 3) against monthly: a longer period, whatever the amounts.
    expect(defaultRule([monthly("a", 999_000)], [{ ...monthly("b", 2_700_000), price: perUnit(2_700_000, { interval_count: 3 }) }]).change_type).toBe("upgrade");
  });

  it("more seats of the same price is an upgrade, fewer a downgrade", () => {
    expect(defaultRule([monthly("seat", 299_000, 5)], [monthly("seat", 299_000, 8)]).change_type).toBe("upgrade");
    expect(defaultRule([monthly("seat", 299_000, 8)], [monthly("seat", 299_000, 5)]).change_type).toBe("downgrade");
  });
});
