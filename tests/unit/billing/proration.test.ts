import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { negate, roundSubcentsToCents } from "@/lib/billing/money";
import { addInterval, type Period } from "@/lib/billing/periods";
import { prorate, unusedCredit } from "@/lib/billing/proration";
import { DAY_MS, instantArb, utc } from "./arbitraries";

const november: Period = { start: utc("2026-11-01T00:00:00Z"), end: utc("2026-12-01T00:00:00Z") };
const amountArb = fc.integer({ min: 0, max: 1e13 });

/** A period of 1 ms up to 3 years, starting anywhere in 1970–2100. */
const periodArb = fc
  .tuple(instantArb, fc.integer({ min: 1, max: 3 * 366 * DAY_MS }))
  .map(([start, length]): Period => ({ start, end: new Date(start.getTime() + length) }));

/** A period and sorted instants strictly inside it, cutting it into parts. */
const partitionArb = periodArb.chain((period) =>
  fc
    .uniqueArray(fc.integer({ min: period.start.getTime() + 1, max: Math.max(period.start.getTime() + 1, period.end.getTime() - 1) }), { maxLength: 40 })
    .map((cuts) => {
      const inside = cuts.filter((t) => t < period.end.getTime()).sort((a, b) => a - b);
      return { period, boundaries: [period.start, ...inside.map((t) => new Date(t)), period.end] };
    }),
);

function parts(amount: number, period: Period, boundaries: Date[]): number[] {
  return boundaries.slice(1).map((to, i) => prorate(amount, period, boundaries[i]!, to));
}

describe("prorate — examples", () => {
  it("R$ 79,90 for the last 21 of November's 30 days = R$ 55,93", () => {
    expect(prorate(799_000, november, utc("2026-11-10T00:00:00Z"), november.end)).toBe(559_300);
    expect(unusedCredit(799_000, november, utc("2026-11-10T00:00:00Z"))).toBe(559_300);
  });

  it("the whole period is the whole amount; empty, reversed and outside ranges are 0", () => {
    expect(prorate(799_000, november, november.start, november.end)).toBe(799_000);
    expect(prorate(799_000, november, utc("2026-10-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"))).toBe(799_000);
    expect(prorate(799_000, november, utc("2026-11-10T00:00:00Z"), utc("2026-11-10T00:00:00Z"))).toBe(0);
    expect(prorate(799_000, november, utc("2026-11-20T00:00:00Z"), utc("2026-11-10T00:00:00Z"))).toBe(0);
    expect(prorate(799_000, november, utc("2027-01-01T00:00:00Z"), utc("2027-02-01T00:00:00Z"))).toBe(0);
  });

  it("a day is a day: one day of February 2028 (29 days) of R$ 29,00 is R$ 1,00", () => {
    const february: Period = { start: utc("2028-02-01T00:00:00Z"), end: utc("2028-03-01T00:00:00Z") };
    expect(prorate(290_000, february, utc("2028-02-29T00:00:00Z"), february.end)).toBe(10_000);
  });

  it("rejects an empty period and non-integer amounts", () => {
    expect(() => prorate(100, { start: november.end, end: november.start }, november.start, november.end)).toThrow(RangeError);
    expect(() => prorate(1.5, november, november.start, november.end)).toThrow(RangeError);
  });
});

describe("prorate — exactness", () => {
  it("the full period equals the full amount exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), periodArb, (amount, period) => {
        expect(prorate(amount, period, period.start, period.end)).toBe(amount);
      }),
    );
  });

  it("every month and year of 2024–2028 (incl. Feb 29) prorates to the full price, and its days add up to it", () => {
    for (let month = 0; month < 60; month++) {
      const period = { start: addInterval(utc("2024-01-01T00:00:00Z"), "month", 1, month), end: addInterval(utc("2024-01-01T00:00:00Z"), "month", 1, month + 1) };
      expect(prorate(799_000, period, period.start, period.end)).toBe(799_000);
      const days = (period.end.getTime() - period.start.getTime()) / DAY_MS;
      const boundaries = Array.from({ length: days + 1 }, (_, d) => new Date(period.start.getTime() + d * DAY_MS));
      const daily = parts(799_000, period, boundaries);
      expect(daily.reduce((a, b) => a + b, 0)).toBe(799_000);
      const dailyCents = daily.reduce((sum, part) => sum + roundSubcentsToCents(part), 0);
      expect(Math.abs(dailyCents - 7_990)).toBeLessThanOrEqual(days);
    }
    const leapAnchor = utc("2024-02-29T00:00:00Z");
    for (let year = 0; year < 5; year++) {
      const period = { start: addInterval(leapAnchor, "year", 1, year), end: addInterval(leapAnchor, "year", 1, year + 1) };
      expect(prorate(7_990_000, period, period.start, period.end)).toBe(7_990_000);
    }
  });

  it("parts of a period sum to the amount exactly in subcents, and within one cent per part after rounding", () => {
    fc.assert(
      fc.property(amountArb, partitionArb, (amount, { period, boundaries }) => {
        const subcentParts = parts(amount, period, boundaries);
        expect(subcentParts.reduce((a, b) => a + b, 0)).toBe(amount);
        const centParts = subcentParts.map((part) => roundSubcentsToCents(part));
        const drift = centParts.reduce((a, b) => a + b, 0) - roundSubcentsToCents(amount);
        expect(Math.abs(drift)).toBeLessThanOrEqual(subcentParts.length);
      }),
    );
  });

  it("each part is within one subcent of the exact rational share", () => {
    fc.assert(
      fc.property(amountArb, periodArb, instantArb, instantArb, (amount, period, a, b) => {
        const start = period.start.getTime();
        const end = period.end.getTime();
        const clamp = (t: number) => Math.min(end, Math.max(start, t));
        const [from, to] = [clamp(Math.min(a.getTime(), b.getTime())), clamp(Math.max(a.getTime(), b.getTime()))];
        const part = prorate(amount, period, new Date(from), new Date(to));
        const length = BigInt(end - start);
        const error = BigInt(part) * length - BigInt(amount) * BigInt(to - from); // (part - exact) × length
        expect(error <= length && error >= -length).toBe(true);
      }),
    );
  });

  it("used + unused credit = the amount at any instant; a credit is the exact negation of the charge", () => {
    fc.assert(
      fc.property(amountArb, periodArb, instantArb, (amount, period, at) => {
        expect(prorate(amount, period, period.start, at) + unusedCredit(amount, period, at)).toBe(amount);
        expect(prorate(-amount, period, at, period.end)).toBe(negate(unusedCredit(amount, period, at)));
      }),
    );
  });

  it("no drift over many cycles: 120 monthly periods from a Jan 31 anchor, each split at a random instant", () => {
    const anchor = utc("2024-01-31T00:00:00Z");
    fc.assert(
      fc.property(amountArb, fc.array(fc.nat(), { minLength: 120, maxLength: 120 }), (amount, splits) => {
        let totalSubcents = 0;
        let totalCents = 0;
        splits.forEach((split, n) => {
          const period = { start: addInterval(anchor, "month", 1, n), end: addInterval(anchor, "month", 1, n + 1) };
          const at = new Date(period.start.getTime() + (split % (period.end.getTime() - period.start.getTime())));
          totalSubcents += prorate(amount, period, period.start, at) + unusedCredit(amount, period, at);
          totalCents += roundSubcentsToCents(prorate(amount, period, period.start, period.end));
        });
        expect(totalSubcents).toBe(120 * amount);
        expect(totalCents).toBe(120 * roundSubcentsToCents(amount));
      }),
    );
  });
});
