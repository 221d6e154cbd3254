import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addInterval, daysInMonth, periodContaining } from "@/lib/billing/periods";
import { DAY_MS, instantArb, utc } from "./arbitraries";

const iso = (date: Date) => date.toISOString();
const timeOfDay = (date: Date) => ((date.getTime() % DAY_MS) + DAY_MS) % DAY_MS;

describe("addInterval", () => {
  it("clamps to the month's end but keeps the anchor's day (Jan 31)", () => {
    const anchor = utc("2026-01-31T09:30:00Z");
    const months = [1, 2, 3, 4, 12, 13].map((n) => iso(addInterval(anchor, "month", 1, n)));
    expect(months).toEqual([
      "2026-02-28T09:30:00.000Z",
      "2026-03-31T09:30:00.000Z", // computed from the anchor: chaining would give Mar 28
      "2026-04-30T09:30:00.000Z",
      "2026-05-31T09:30:00.000Z",
      "2027-01-31T09:30:00.000Z",
      "2027-02-28T09:30:00.000Z",
    ]);
    expect(iso(addInterval(utc("2028-01-31T00:00:00Z"), "month", 1))).toBe("2028-02-29T00:00:00.000Z");
  });

  it("anchored on Feb 29: Feb 28 in common years, Feb 29 again in leap years", () => {
    const anchor = utc("2024-02-29T00:00:00Z");
    expect([1, 2, 3, 4, 8].map((n) => iso(addInterval(anchor, "year", 1, n)))).toEqual([
      "2025-02-28T00:00:00.000Z",
      "2026-02-28T00:00:00.000Z",
      "2027-02-28T00:00:00.000Z",
      "2028-02-29T00:00:00.000Z",
      "2032-02-29T00:00:00.000Z",
    ]);
  });

  it("handles counts (quarterly = month × 3), year × 1 = month × 12, and going backwards", () => {
    const anchor = utc("2026-11-30T00:00:00Z");
    expect(iso(addInterval(anchor, "month", 3))).toBe("2027-02-28T00:00:00.000Z");
    expect(iso(addInterval(anchor, "month", 3, 2))).toBe("2027-05-30T00:00:00.000Z");
    expect(addInterval(anchor, "year", 1).getTime()).toBe(addInterval(anchor, "month", 12).getTime());
    expect(iso(addInterval(anchor, "month", 1, -9))).toBe("2026-02-28T00:00:00.000Z");
    expect(addInterval(anchor, "month", 1, 0).getTime()).toBe(anchor.getTime());
  });

  it("always lands on min(anchor day, days in the target month) at the anchor's time", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: -240, max: 240 }), fc.integer({ min: 1, max: 36 }), (anchor, n, count) => {
        const result = addInterval(anchor, "month", count, n);
        const monthIndex = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + n * count;
        expect(result.getUTCFullYear() * 12 + result.getUTCMonth()).toBe(monthIndex);
        expect(result.getUTCDate()).toBe(Math.min(anchor.getUTCDate(), daysInMonth(result.getUTCFullYear(), result.getUTCMonth())));
        expect(timeOfDay(result)).toBe(timeOfDay(anchor));
      }),
    );
  });

  it("rejects a count below 1 or an invalid date", () => {
    expect(() => addInterval(utc("2026-01-01T00:00:00Z"), "month", 0)).toThrow(RangeError);
    expect(() => addInterval(new Date(Number.NaN), "month", 1)).toThrow(RangeError);
  });
});

describe("daysInMonth", () => {
  it.each([
    [2024, 1, 29],
    [2025, 1, 28],
    [2000, 1, 29],
    [2100, 1, 28],
    [2026, 0, 31],
    [2026, 3, 30],
    [2026, 11, 31],
  ])("%i-%i has %i days", (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe("periodContaining", () => {
  it("finds the anchored period around an instant", () => {
    const anchor = utc("2026-01-31T00:00:00Z");
    const period = periodContaining(anchor, "month", 1, utc("2026-03-15T12:00:00Z"));
    expect([iso(period.start), iso(period.end)]).toEqual(["2026-02-28T00:00:00.000Z", "2026-03-31T00:00:00.000Z"]);
    // The end is exclusive: at the boundary the next period begins.
    expect(iso(periodContaining(anchor, "month", 1, utc("2026-03-31T00:00:00Z")).start)).toBe("2026-03-31T00:00:00.000Z");
    // Before the anchor, periods extend backwards.
    expect(iso(periodContaining(anchor, "month", 1, utc("2026-01-15T00:00:00Z")).start)).toBe("2025-12-31T00:00:00.000Z");
  });

  it("yearly period of a leap-day anchor", () => {
    const period = periodContaining(utc("2024-02-29T00:00:00Z"), "year", 1, utc("2028-03-01T00:00:00Z"));
    expect([iso(period.start), iso(period.end)]).toEqual(["2028-02-29T00:00:00.000Z", "2029-02-28T00:00:00.000Z"]);
  });

  it("contains the instant, between consecutive anchored boundaries of real calendar length", () => {
    const interval = fc.oneof(
      fc.record({ interval: fc.constant("month" as const), count: fc.integer({ min: 1, max: 36 }) }),
      fc.record({ interval: fc.constant("year" as const), count: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(instantArb, instantArb, interval, (anchor, at, { interval, count }) => {
        const { start, end } = periodContaining(anchor, interval, count, at);
        expect(start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(end.getTime()).toBeGreaterThan(at.getTime());
        const months = interval === "year" ? count * 12 : count;
        const days = (end.getTime() - start.getTime()) / DAY_MS;
        expect(days).toBeGreaterThanOrEqual(Math.floor(months * 28));
        expect(days).toBeLessThanOrEqual(months * 31);
        // end is the next anchored boundary: computed from the anchor, it is start's successor.
        const next = periodContaining(anchor, interval, count, end);
        expect(next.start.getTime()).toBe(end.getTime());
      }),
    );
  });

  it("monthly periods are 28 to 31 days and yearly ones 365 or 366", () => {
    fc.assert(
      fc.property(instantArb, instantArb, (anchor, at) => {
        const month = periodContaining(anchor, "month", 1, at);
        expect([28, 29, 30, 31]).toContain((month.end.getTime() - month.start.getTime()) / DAY_MS);
        const year = periodContaining(anchor, "year", 1, at);
        expect([365, 366]).toContain((year.end.getTime() - year.start.getTime()) / DAY_MS);
      }),
    );
  });
});
