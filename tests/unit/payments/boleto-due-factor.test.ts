import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dueDateFromFactor, dueFactor } from "@/lib/payments/boleto";
import { addDays, day, daysSinceBase, dueDateArb } from "./arbitraries";

describe("dueFactor — FEBRABAN due-date factor with the 2025 wrap", () => {
  it.each([
    ["2000-07-03", 1000], // days since 1997-10-07 = 1000: the first factor in use
    ["2000-07-04", 1001],
    ["2012-04-27", 5316], // example from FEBRABAN's 2012 operational manual
    ["2025-02-20", 9998],
    ["2025-02-21", 9999], // last day of the first cycle (days = 9999)
    ["2025-02-22", 1000], // days = 10000 -> ((10000 − 1000) mod 9000) + 1000 = 1000: the restart
    ["2025-02-23", 1001],
    // 2026-03-10: days = 10381 -> ((10381 − 1000) mod 9000) + 1000 = 381 + 1000 = 1381.
    // Cross-check: 2025-02-22 -> 2026-02-22 is 365 days, + 6 to 2026-02-28, + 10 to 03-10 = 381.
    ["2026-03-10", 1381],
    ["2049-10-13", 9999], // days = 18999: the end of the second cycle
    ["2049-10-14", 1000], // and the next wrap
  ])("%s -> %i", (iso, factor) => {
    expect(dueFactor(day(iso))).toBe(factor);
  });

  it("uses the UTC calendar day, ignoring the time of day", () => {
    expect(dueFactor(new Date("2026-03-10T23:59:59.999Z"))).toBe(1381);
    expect(dueFactor(new Date("2026-03-10T00:00:00Z"))).toBe(1381);
  });

  it("refuses dates before 2000-07-03 and invalid dates", () => {
    expect(() => dueFactor(day("2000-07-02"))).toThrow(RangeError);
    expect(() => dueFactor(new Date("not a date"))).toThrow(/invalid Date/);
  });

  it("always lands in 1000..9999 and advances one a day except at the wrap", () => {
    fc.assert(
      fc.property(dueDateArb, (date) => {
        const factor = dueFactor(date);
        expect(factor).toBeGreaterThanOrEqual(1000);
        expect(factor).toBeLessThanOrEqual(9999);
        expect(dueFactor(addDays(date, 1))).toBe(factor === 9999 ? 1000 : factor + 1);
        expect(dueFactor(addDays(date, 9000))).toBe(factor); // one cycle later, same factor
      }),
    );
  });
});

describe("dueDateFromFactor — the reference date picks the cycle", () => {
  it("reads factor 1000 as 2000-07-03 or 2025-02-22 depending on today", () => {
    expect(dueDateFromFactor(1000, day("2001-01-01"))).toEqual(day("2000-07-03"));
    expect(dueDateFromFactor(1000, day("2026-01-01"))).toEqual(day("2025-02-22"));
    expect(dueDateFromFactor(1381, day("2026-03-01"))).toEqual(day("2026-03-10"));
    expect(dueDateFromFactor(9999, day("2026-03-01"))).toEqual(day("2025-02-21")); // overdue, same window
  });

  it("uses the window [reference − 3000 days, reference + 6000 days)", () => {
    const reference = day("2030-06-15");
    const oldest = addDays(reference, -3000);
    expect(dueDateFromFactor(dueFactor(oldest), reference)).toEqual(oldest);
    const tooOld = addDays(reference, -3001); // read as the next cycle instead
    expect(dueDateFromFactor(dueFactor(tooOld), reference)).toEqual(addDays(tooOld, 9000));
    const latest = addDays(reference, 5999);
    expect(dueDateFromFactor(dueFactor(latest), reference)).toEqual(latest);
  });

  it("round-trips every date within the window", () => {
    fc.assert(
      fc.property(dueDateArb, fc.integer({ min: -3000, max: 5999 }), (reference, offset) => {
        const due = addDays(reference, offset);
        fc.pre(daysSinceBase(due) >= 1000);
        expect(dueDateFromFactor(dueFactor(due), reference)).toEqual(due);
      }),
    );
  });

  it("refuses factors outside 1000..9999", () => {
    for (const factor of [0, 999, 10_000, 1000.5]) expect(() => dueDateFromFactor(factor, day("2026-01-01"))).toThrow(RangeError);
  });
});
