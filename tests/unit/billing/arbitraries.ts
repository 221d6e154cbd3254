// fast-check generators for the billing library's valid domain, shared by the property tests.
import fc from "fast-check";
import { MAX_PRICE_AMOUNT_SUBCENTS, MAX_QUANTITY, type PriceTerms, type Tier } from "@/lib/billing/price-terms";

export const BASE_TERMS: PriceTerms = {
  billing_scheme: "per_unit",
  usage_type: "licensed",
  unit_amount_subcents: 0,
  package_size: null,
  tiers: null,
  tiers_mode: null,
  included_quantity: 0,
  excess_amount_subcents: null,
  setup_amount_subcents: 0,
  recurring_interval: "month",
  interval_count: 1,
  currency: "BRL",
};

/** A per-unit monthly BRL price: the common case in examples. */
export function perUnit(unitAmountSubcents: number, overrides: Partial<PriceTerms> = {}): PriceTerms {
  return { ...BASE_TERMS, unit_amount_subcents: unitAmountSubcents, ...overrides };
}

type Bounds = { maxAmount?: number; maxBoundary?: number; maxTiers?: number };

/** Valid tiers: strictly ascending up_to, the last one open-ended. */
export function tiersArb({ maxAmount = MAX_PRICE_AMOUNT_SUBCENTS, maxBoundary = MAX_QUANTITY, maxTiers = 6 }: Bounds = {}): fc.Arbitrary<Tier[]> {
  const amount = fc.integer({ min: 0, max: maxAmount });
  return fc
    .uniqueArray(fc.integer({ min: 1, max: maxBoundary }), { maxLength: maxTiers - 1 })
    .chain((boundaries) => {
      const upTos: Array<number | null> = [...boundaries.sort((a, b) => a - b), null];
      return fc.tuple(...upTos.map((upTo) => fc.record({ up_to: fc.constant(upTo), unit_amount_subcents: amount, flat_amount_subcents: amount })));
    });
}

const intervalArb = fc.oneof(
  fc.record({ recurring_interval: fc.constant("month" as const), interval_count: fc.integer({ min: 1, max: 36 }) }),
  fc.record({ recurring_interval: fc.constant("year" as const), interval_count: fc.integer({ min: 1, max: 3 }) }),
);

/** Any PriceTerms that validatePriceTerms accepts (amounts bounded by maxAmount). */
export function priceTermsArb(bounds: Bounds = {}): fc.Arbitrary<PriceTerms> {
  const maxAmount = bounds.maxAmount ?? MAX_PRICE_AMOUNT_SUBCENTS;
  const maxBoundary = bounds.maxBoundary ?? MAX_QUANTITY;
  const amount = fc.integer({ min: 0, max: maxAmount });
  const common = fc.record({
    usage_type: fc.constantFrom("licensed" as const, "metered" as const),
    setup_amount_subcents: amount,
    interval: intervalArb,
    included: fc.integer({ min: 0, max: maxBoundary }),
  });
  const scheme = fc.oneof(
    fc.record({ billing_scheme: fc.constant("per_unit" as const), unit_amount_subcents: amount }),
    fc.record({ billing_scheme: fc.constant("package" as const), unit_amount_subcents: amount, package_size: fc.integer({ min: 1, max: maxBoundary }) }),
    fc.record({ billing_scheme: fc.constant("tiered" as const), tiers_mode: fc.constantFrom("graduated" as const, "volume" as const), tiers: tiersArb(bounds) }),
    fc.record({ billing_scheme: fc.constant("volume" as const), tiers_mode: fc.constantFrom(null, "volume" as const), tiers: tiersArb(bounds) }),
  );
  const allowance = fc.option(amount, { nil: null });
  return fc.tuple(common, scheme, allowance).map(([c, s, excess]): PriceTerms => {
    const metered = c.usage_type === "metered";
    return {
      ...BASE_TERMS,
      ...c.interval,
      ...s,
      usage_type: c.usage_type,
      setup_amount_subcents: c.setup_amount_subcents,
      included_quantity: metered ? c.included : 0,
      excess_amount_subcents: metered && s.billing_scheme === "per_unit" ? excess : null,
    };
  });
}

export const quantityArb = (max = MAX_QUANTITY) => fc.integer({ min: 0, max });

/** A valid Date between 1970 and 2100 at millisecond precision. */
export const instantArb = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true });

export const DAY_MS = 86_400_000;
export const utc = (iso: string) => new Date(iso);
