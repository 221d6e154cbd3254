import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validatePriceTerms, type PriceTerms } from "@/lib/billing/price-terms";
import { BASE_TERMS, perUnit, priceTermsArb } from "./arbitraries";

const graduated: PriceTerms = {
  ...BASE_TERMS,
  billing_scheme: "tiered",
  tiers_mode: "graduated",
  tiers: [
    { up_to: 10, unit_amount_subcents: 100_000, flat_amount_subcents: 0 },
    { up_to: 50, unit_amount_subcents: 80_000, flat_amount_subcents: 0 },
    { up_to: null, unit_amount_subcents: 50_000, flat_amount_subcents: 0 },
  ],
};
const allowance = perUnit(990_000, { usage_type: "metered", included_quantity: 1000, excess_amount_subcents: 500 });
const pkg = perUnit(150_000, { billing_scheme: "package", package_size: 10 });

describe("validatePriceTerms", () => {
  it.each([
    ["per_unit", perUnit(799_000)],
    ["package", pkg],
    ["tiered graduated", graduated],
    ["tiered volume", { ...graduated, tiers_mode: "volume" as const }],
    ["volume without tiers_mode", { ...graduated, billing_scheme: "volume" as const, tiers_mode: null }],
    ["metered allowance", allowance],
    ["metered with free units", perUnit(500, { usage_type: "metered", included_quantity: 100 })],
    ["quarterly", perUnit(799_000, { interval_count: 3 })],
    ["sub-cent unit price", perUnit(125, { usage_type: "metered" })],
  ])("accepts %s", (_, terms) => {
    expect(validatePriceTerms(terms)).toBeNull();
  });

  const t = (i: number) => graduated.tiers![i]!;
  it.each<[string, PriceTerms, string]>([
    ["tiered without tiers", { ...graduated, tiers: null }, "tiers"],
    ["tiered with no tiers", { ...graduated, tiers: [] }, "tiers"],
    ["tiers out of order", { ...graduated, tiers: [t(0), { ...t(1), up_to: 5 }, t(2)] }, "tiers[1].up_to"],
    ["tiers not strictly ascending", { ...graduated, tiers: [t(0), { ...t(1), up_to: 10 }, t(2)] }, "tiers[1].up_to"],
    ["last tier not open-ended", { ...graduated, tiers: [t(0), t(1), { ...t(2), up_to: 100 }] }, "tiers[2].up_to"],
    ["open-ended tier in the middle", { ...graduated, tiers: [{ ...t(0), up_to: null }, t(1), t(2)] }, "tiers[0].up_to"],
    ["fractional up_to", { ...graduated, tiers: [{ ...t(0), up_to: 2.5 }, t(1), t(2)] }, "tiers[0].up_to"],
    ["negative tier flat fee", { ...graduated, tiers: [t(0), { ...t(1), flat_amount_subcents: -1 }, t(2)] }, "tiers[1].flat_amount_subcents"],
    ["fractional tier unit price", { ...graduated, tiers: [t(0), t(1), { ...t(2), unit_amount_subcents: 0.5 }] }, "tiers[2].unit_amount_subcents"],
    ["tiered with a unit price", { ...graduated, unit_amount_subcents: 100 }, "unit_amount_subcents"],
    ["tiered without tiers_mode", { ...graduated, tiers_mode: null }, "tiers_mode"],
    ["volume scheme with graduated tiers_mode", { ...graduated, billing_scheme: "volume", tiers_mode: "graduated" }, "tiers_mode"],
    ["per_unit with tiers_mode", perUnit(100, { tiers_mode: "graduated" }), "tiers_mode"],
    ["per_unit with tiers", perUnit(100, { tiers: graduated.tiers }), "tiers"],
    ["package without package_size", { ...pkg, package_size: null }, "package_size"],
    ["package_size 0", { ...pkg, package_size: 0 }, "package_size"],
    ["package_size on per_unit", perUnit(100, { package_size: 10 }), "package_size"],
    ["included_quantity on a licensed price", perUnit(100, { included_quantity: 5 }), "included_quantity"],
    ["excess on a licensed price", perUnit(100, { excess_amount_subcents: 50 }), "excess_amount_subcents"],
    ["excess on a tiered price", { ...graduated, usage_type: "metered", excess_amount_subcents: 50 }, "excess_amount_subcents"],
    ["negative excess", { ...allowance, excess_amount_subcents: -5 }, "excess_amount_subcents"],
    ["negative included_quantity", { ...allowance, included_quantity: -1 }, "included_quantity"],
    ["negative unit price", perUnit(-1), "unit_amount_subcents"],
    ["fractional unit price", perUnit(1.5), "unit_amount_subcents"],
    ["unit price beyond 10^12", perUnit(1e12 + 1), "unit_amount_subcents"],
    ["NaN unit price", perUnit(Number.NaN), "unit_amount_subcents"],
    ["negative setup fee", perUnit(100, { setup_amount_subcents: -100 }), "setup_amount_subcents"],
    ["interval_count 0", perUnit(100, { interval_count: 0 }), "interval_count"],
    ["more than three years", perUnit(100, { recurring_interval: "year", interval_count: 4 }), "interval_count"],
    ["lower-case currency", perUnit(100, { currency: "brl" }), "currency"],
    ["unknown scheme", { ...perUnit(100), billing_scheme: "stairstep" as PriceTerms["billing_scheme"] }, "billing_scheme"],
  ])("rejects %s, naming %s", (_, terms, field) => {
    const found = validatePriceTerms(terms);
    expect(found?.field).toBe(field);
    expect(found?.message).toEqual(expect.any(String));
  });

  it("reports the first problem only", () => {
    expect(validatePriceTerms(perUnit(-1, { setup_amount_subcents: -1 }))?.field).toBe("unit_amount_subcents");
  });

  it("accepts every generated valid price", () => {
    fc.assert(
      fc.property(priceTermsArb(), (terms) => {
        expect(validatePriceTerms(terms)).toBeNull();
      }),
    );
  });
});
