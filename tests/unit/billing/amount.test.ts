import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { priceAmount, quoteFits, setupFee } from "@/lib/billing/amount";
import { AmountOutOfRangeError } from "@/lib/billing/money";
import type { PriceTerms, Tier } from "@/lib/billing/price-terms";
import { BASE_TERMS, perUnit, priceTermsArb, quantityArb, tiersArb } from "./arbitraries";

const tiered = (tiers: Tier[], tiers_mode: "graduated" | "volume"): PriceTerms => ({ ...BASE_TERMS, billing_scheme: "tiered", tiers_mode, tiers });
const seatTiers: Tier[] = [
  { up_to: 10, unit_amount_subcents: 100_000, flat_amount_subcents: 0 }, // R$ 10,00 each for 1–10
  { up_to: 50, unit_amount_subcents: 80_000, flat_amount_subcents: 500_000 }, // R$ 8,00 + R$ 50,00 flat for 11–50
  { up_to: null, unit_amount_subcents: 50_000, flat_amount_subcents: 0 }, // R$ 5,00 from 51
];

// Small amounts and boundaries so unit-by-unit brute force stays fast.
const smallTiers = tiersArb({ maxAmount: 1_000_000, maxBoundary: 300 });
const smallQuantity = fc.integer({ min: 0, max: 400 });

/** The tier containing unit number `unit` (1-based), by scanning the ranges. */
function tierOfUnit(tiers: Tier[], unit: number): Tier {
  let lower = 1;
  for (const tier of tiers) {
    if (tier.up_to === null || unit <= tier.up_to) return tier;
    lower = tier.up_to + 1;
  }
  throw new Error(`no tier for unit ${unit} (lower ${lower})`);
}

describe("priceAmount — worked examples", () => {
  it("per_unit: 5 seats × R$ 29,90 = R$ 149,50", () => {
    const quote = priceAmount(perUnit(299_000), 5);
    expect(quote).toMatchObject({ quantity: 5, billable_quantity: 5, amount_subcents: 1_495_000, amount_cents: 14_950 });
    expect(quote.lines).toEqual([{ description: "5 units", quantity: 5, unit_amount_subcents: 299_000, flat_amount_subcents: 0, amount_subcents: 1_495_000 }]);
  });

  it("package: 25 units in packages of 10 at R$ 15,00 -> 3 packages", () => {
    const quote = priceAmount(perUnit(150_000, { billing_scheme: "package", package_size: 10 }), 25);
    expect(quote.amount_cents).toBe(4_500);
    expect(quote.lines[0]).toMatchObject({ quantity: 3, unit_amount_subcents: 150_000 });
  });

  it("graduated: 60 seats = 10 × 10 + (50 + 40 × 8) + 10 × 5 = R$ 520,00", () => {
    const quote = priceAmount(tiered(seatTiers, "graduated"), 60);
    expect(quote.amount_cents).toBe(52_000);
    expect(quote.lines.map((line) => [line.quantity, line.amount_subcents])).toEqual([[10, 1_000_000], [40, 3_700_000], [10, 500_000]]);
    expect(quote.lines[1]?.description).toBe("Tier 2 (11–50): 40 units");
  });

  it("graduated: a tier with no units charges no flat fee", () => {
    expect(priceAmount(tiered(seatTiers, "graduated"), 10).amount_cents).toBe(10_000);
    expect(priceAmount(tiered(seatTiers, "graduated"), 0)).toMatchObject({ lines: [], amount_cents: 0 });
  });

  it("volume: 60 seats all at tier 3 = R$ 300,00; 11 seats = 11 × 8 + 50", () => {
    expect(priceAmount(tiered(seatTiers, "volume"), 60).amount_cents).toBe(30_000);
    expect(priceAmount({ ...tiered(seatTiers, "volume"), billing_scheme: "volume" }, 11).amount_cents).toBe(13_800);
    expect(priceAmount(tiered(seatTiers, "volume"), 0)).toMatchObject({ lines: [], amount_cents: 0 });
  });

  it("metered allowance: R$ 99,00 includes 1000 calls, R$ 0,05 per extra call", () => {
    const api = perUnit(990_000, { usage_type: "metered", included_quantity: 1000, excess_amount_subcents: 500 });
    const over = priceAmount(api, 1250);
    expect(over).toMatchObject({ billable_quantity: 250, amount_subcents: 1_115_000, amount_cents: 11_150 });
    expect(over.lines.map((line) => line.description)).toEqual(["Included: 1000 units", "Excess: 250 units"]);
    const under = priceAmount(api, 10);
    expect(under).toMatchObject({ billable_quantity: 0, amount_cents: 9_900 });
    expect(under.lines).toHaveLength(1);
  });

  it("metered with free units and no excess price: the scheme prices what is beyond them", () => {
    expect(priceAmount(perUnit(500, { usage_type: "metered", included_quantity: 100 }), 130).amount_subcents).toBe(15_000);
  });

  it("rounds once, at the end: 1234 calls × R$ 0,0125 = R$ 15,425 -> R$ 15,43", () => {
    expect(priceAmount(perUnit(125, { usage_type: "metered" }), 1234)).toMatchObject({ amount_subcents: 154_250, amount_cents: 1_543 });
    // Three lines of 0.5 cent each: rounding per line would give 3 cents, once gives 2.
    const halfCents = tiered([{ up_to: 1, unit_amount_subcents: 50, flat_amount_subcents: 0 }, { up_to: 2, unit_amount_subcents: 50, flat_amount_subcents: 0 }, { up_to: null, unit_amount_subcents: 50, flat_amount_subcents: 0 }], "graduated");
    expect(priceAmount(halfCents, 3)).toMatchObject({ amount_subcents: 150, amount_cents: 2 });
  });

  it("setupFee is in cents and outside the recurring amount", () => {
    const price = perUnit(799_000, { setup_amount_subcents: 1_990_050 });
    expect(setupFee(price)).toBe(19_901);
    expect(priceAmount(price, 1).amount_cents).toBe(7_990);
  });
});

describe("priceAmount — domain", () => {
  it("refuses quantities outside 0..1e9 and results beyond MAX_SAFE_INTEGER", () => {
    for (const quantity of [-1, 1.5, 1e9 + 1, Number.NaN]) {
      expect(quoteFits(perUnit(100), quantity)).toBe(false);
      expect(() => priceAmount(perUnit(100), quantity)).toThrow(RangeError);
    }
    expect(quoteFits(perUnit(1e12), 1e9)).toBe(false);
    expect(() => priceAmount(perUnit(1e12), 1e9)).toThrow(AmountOutOfRangeError);
    expect(quoteFits(perUnit(9_007_199), 1e9)).toBe(true);
  });

  it("is total on valid terms: quoteFits decides, and fitting quotes are sane integers", () => {
    fc.assert(
      fc.property(priceTermsArb(), quantityArb(), (price, quantity) => {
        if (!quoteFits(price, quantity)) {
          expect(() => priceAmount(price, quantity)).toThrow(AmountOutOfRangeError);
          return;
        }
        const quote = priceAmount(price, quantity);
        for (const value of [quote.amount_subcents, quote.amount_cents, quote.billable_quantity]) {
          expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
        }
        // The total is the sum of the lines, and each line is quantity × unit + flat.
        expect(quote.lines.reduce((sum, line) => sum + line.amount_subcents, 0)).toBe(quote.amount_subcents);
        for (const line of quote.lines) {
          expect(line.amount_subcents).toBe(line.quantity * (line.unit_amount_subcents ?? 0) + line.flat_amount_subcents);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is non-decreasing in quantity for every scheme but volume", () => {
    const notVolume = priceTermsArb({ maxAmount: 1e6 }).filter((p) => p.billing_scheme !== "volume" && p.tiers_mode !== "volume");
    fc.assert(
      fc.property(notVolume, quantityArb(), quantityArb(), (price, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(priceAmount(price, low).amount_subcents).toBeLessThanOrEqual(priceAmount(price, high).amount_subcents);
      }),
    );
  });
});

describe("priceAmount — schemes agree with their definitions (brute force)", () => {
  it("per_unit is the unit price added once per unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), smallQuantity, (unit, quantity) => {
        let sum = 0;
        for (let i = 0; i < quantity; i++) sum += unit;
        expect(priceAmount(perUnit(unit), quantity).amount_subcents).toBe(sum);
      }),
    );
  });

  it("graduated tiers equal the unit-by-unit sum plus the flat fee of every tier reached", () => {
    fc.assert(
      fc.property(smallTiers, smallQuantity, (tiers, quantity) => {
        let sum = 0;
        const reached = new Set<Tier>();
        for (let unit = 1; unit <= quantity; unit++) {
          const tier = tierOfUnit(tiers, unit);
          sum += tier.unit_amount_subcents;
          reached.add(tier);
        }
        for (const tier of reached) sum += tier.flat_amount_subcents;
        expect(priceAmount(tiered(tiers, "graduated"), quantity).amount_subcents).toBe(sum);
      }),
    );
  });

  it("volume prices every unit at the tier holding the total (plus its flat fee); scheme volume = tiered/volume", () => {
    fc.assert(
      fc.property(smallTiers, smallQuantity, (tiers, quantity) => {
        let expected = 0;
        if (quantity > 0) {
          const tier = tierOfUnit(tiers, quantity);
          for (let unit = 1; unit <= quantity; unit++) expected += tier.unit_amount_subcents;
          expected += tier.flat_amount_subcents;
        }
        expect(priceAmount(tiered(tiers, "volume"), quantity).amount_subcents).toBe(expected);
        expect(priceAmount({ ...tiered(tiers, "volume"), billing_scheme: "volume", tiers_mode: null }, quantity).amount_subcents).toBe(expected);
      }),
    );
  });

  it("package charges whole packages: the fewest packages that hold the quantity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 50 }), smallQuantity, (unit, size, quantity) => {
        let packages = 0;
        while (packages * size < quantity) packages++;
        const price = perUnit(unit, { billing_scheme: "package", package_size: size });
        expect(priceAmount(price, quantity).amount_subcents).toBe(packages * unit);
      }),
    );
  });

  it("included units without an excess price are free, and the scheme applies to the rest", () => {
    fc.assert(
      fc.property(priceTermsArb({ maxAmount: 1e6, maxBoundary: 1000 }), fc.integer({ min: 0, max: 1000 }), quantityArb(2000), (price, included, quantity) => {
        const metered = { ...price, usage_type: "metered" as const, excess_amount_subcents: null };
        const withIncluded = priceAmount({ ...metered, included_quantity: included }, quantity);
        const withoutIncluded = priceAmount({ ...metered, included_quantity: 0 }, Math.max(0, quantity - included));
        expect(withIncluded.amount_subcents).toBe(withoutIncluded.amount_subcents);
      }),
    );
  });

  it("an allowance is its fixed fee plus the excess per unit beyond the included quantity", () => {
    const amount = fc.integer({ min: 0, max: 1e9 });
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 0, max: 1e6 }), quantityArb(2e6), (fee, excess, included, quantity) => {
        const price = perUnit(fee, { usage_type: "metered", included_quantity: included, excess_amount_subcents: excess });
        expect(priceAmount(price, quantity).amount_subcents).toBe(fee + Math.max(0, quantity - included) * excess);
      }),
    );
  });
});
