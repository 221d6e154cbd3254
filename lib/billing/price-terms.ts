// The terms of a price, as the pricing library reads them, and their validation.
//
// validatePriceTerms returns the FIRST problem, naming the field the way the API reports it
// (`tiers[1].up_to`), so the API can answer 422 with `param`. Everything else in lib/billing
// assumes terms that pass it: the functions are total on that domain and throw RangeError
// outside it.

export type Tier = { up_to: number | null; unit_amount_subcents: number; flat_amount_subcents: number };

export type PriceTerms = {
  billing_scheme: "per_unit" | "tiered" | "volume" | "package";
  usage_type: "licensed" | "metered";
  /** Per unit; per package for `package`; the period's fixed fee for a metered allowance. */
  unit_amount_subcents: number;
  /** Units per package; required (>= 1) for `package`, null otherwise. */
  package_size: number | null;
  /** Required for tiered/volume: ascending up_to, the last one null (open-ended). */
  tiers: Tier[] | null;
  /** tiered needs graduated or volume; `volume` accepts null or "volume". */
  tiers_mode: "graduated" | "volume" | null;
  /** Metered only: units the period includes (not charged by the scheme). */
  included_quantity: number;
  /** Metered only: set = an allowance (fixed fee + this per unit beyond included_quantity). */
  excess_amount_subcents: number | null;
  /** One-time, never part of the recurring amount. */
  setup_amount_subcents: number;
  recurring_interval: "month" | "year";
  interval_count: number;
  currency: string;
};

export type PriceTermsProblem = { field: string; message: string };

/** Upper bound of a usage or seat quantity. */
export const MAX_QUANTITY = 1_000_000_000;
/** Upper bound of any single amount in the terms: 10^12 subcents = 100 million currency units. */
export const MAX_PRICE_AMOUNT_SUBCENTS = 1_000_000_000_000;
export const MAX_TIERS = 100;
/** A billing period is at most three years (month × 36 or year × 3). */
export const MAX_INTERVAL_MONTHS = 36;

const BILLING_SCHEMES = ["per_unit", "tiered", "volume", "package"] as const;
const USAGE_TYPES = ["licensed", "metered"] as const;
const INTERVALS = ["month", "year"] as const;

const problem = (field: string, message: string): PriceTermsProblem => ({ field, message });

function oneOf(field: string, value: unknown, allowed: readonly string[]): PriceTermsProblem | null {
  return allowed.includes(value as string) ? null : problem(field, `must be one of ${allowed.join(", ")}`);
}

function amountProblem(field: string, value: unknown): PriceTermsProblem | null {
  if (typeof value !== "number" || !Number.isInteger(value)) return problem(field, "must be an integer number of subcents");
  if (value < 0) return problem(field, "must not be negative");
  if (value > MAX_PRICE_AMOUNT_SUBCENTS) return problem(field, `must be at most ${MAX_PRICE_AMOUNT_SUBCENTS} subcents`);
  return null;
}

function countProblem(field: string, value: unknown, min: number, max: number): PriceTermsProblem | null {
  if (typeof value !== "number" || !Number.isInteger(value)) return problem(field, "must be an integer");
  if (value < min || value > max) return problem(field, `must be between ${min} and ${max}`);
  return null;
}

const isTiered = (p: PriceTerms) => p.billing_scheme === "tiered" || p.billing_scheme === "volume";

/** The first problem with the terms, or null when the library can price them. */
export function validatePriceTerms(p: PriceTerms): PriceTermsProblem | null {
  const checks: Array<() => PriceTermsProblem | null> = [
    () => oneOf("billing_scheme", p.billing_scheme, BILLING_SCHEMES),
    () => oneOf("usage_type", p.usage_type, USAGE_TYPES),
    () => (typeof p.currency === "string" && /^[A-Z]{3}$/.test(p.currency) ? null : problem("currency", "must be an ISO 4217 code in upper case, like BRL")),
    () => oneOf("recurring_interval", p.recurring_interval, INTERVALS),
    () => intervalCountProblem(p),
    () => amountProblem("unit_amount_subcents", p.unit_amount_subcents),
    () => (isTiered(p) && p.unit_amount_subcents !== 0 ? problem("unit_amount_subcents", "must be 0 for tiered and volume prices: the tiers carry the prices") : null),
    () => amountProblem("setup_amount_subcents", p.setup_amount_subcents),
    () => packageSizeProblem(p),
    () => tiersModeProblem(p),
    () => tiersProblem(p),
    () => meteredFieldsProblem(p),
  ];
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return null;
}

function intervalCountProblem(p: PriceTerms): PriceTermsProblem | null {
  const maxCount = p.recurring_interval === "year" ? MAX_INTERVAL_MONTHS / 12 : MAX_INTERVAL_MONTHS;
  return countProblem("interval_count", p.interval_count, 1, maxCount);
}

function packageSizeProblem(p: PriceTerms): PriceTermsProblem | null {
  if (p.billing_scheme !== "package") {
    return p.package_size === null ? null : problem("package_size", "only applies to package prices; must be null");
  }
  if (p.package_size === null || p.package_size === undefined) return problem("package_size", "is required for package prices");
  return countProblem("package_size", p.package_size, 1, MAX_QUANTITY);
}

function tiersModeProblem(p: PriceTerms): PriceTermsProblem | null {
  switch (p.billing_scheme) {
    case "tiered":
      return p.tiers_mode === "graduated" || p.tiers_mode === "volume" ? null : problem("tiers_mode", "must be graduated or volume for tiered prices");
    case "volume":
      return p.tiers_mode === null || p.tiers_mode === "volume" ? null : problem("tiers_mode", "must be null or volume for volume prices");
    default:
      return p.tiers_mode === null ? null : problem("tiers_mode", "only applies to tiered and volume prices; must be null");
  }
}

function tiersProblem(p: PriceTerms): PriceTermsProblem | null {
  if (!isTiered(p)) return p.tiers === null ? null : problem("tiers", "only applies to tiered and volume prices; must be null");
  if (!Array.isArray(p.tiers) || p.tiers.length === 0) return problem("tiers", "are required for tiered and volume prices");
  if (p.tiers.length > MAX_TIERS) return problem("tiers", `must have at most ${MAX_TIERS} tiers`);
  const last = p.tiers.length - 1;
  let previousUpTo = 0;
  for (const [i, tier] of p.tiers.entries()) {
    const at = `tiers[${i}]`;
    if (tier === null || typeof tier !== "object") return problem(at, "must be an object");
    if (tier.up_to === null) {
      if (i !== last) return problem(`${at}.up_to`, "only the last tier may be open-ended (null)");
    } else {
      if (typeof tier.up_to !== "number" || !Number.isSafeInteger(tier.up_to) || tier.up_to < 1) return problem(`${at}.up_to`, "must be a positive integer or null");
      if (tier.up_to <= previousUpTo) return problem(`${at}.up_to`, `must be greater than the previous tier's up_to (${previousUpTo})`);
      if (i === last) return problem(`${at}.up_to`, "the last tier must be open-ended (null)");
      previousUpTo = tier.up_to;
    }
    const amount = amountProblem(`${at}.unit_amount_subcents`, tier.unit_amount_subcents) ?? amountProblem(`${at}.flat_amount_subcents`, tier.flat_amount_subcents);
    if (amount) return amount;
  }
  return null;
}

function meteredFieldsProblem(p: PriceTerms): PriceTermsProblem | null {
  const included = countProblem("included_quantity", p.included_quantity, 0, MAX_QUANTITY);
  if (included) return included;
  if (p.usage_type === "licensed" && p.included_quantity > 0) return problem("included_quantity", "only applies to metered prices; must be 0");
  if (p.excess_amount_subcents === null) return null;
  if (p.usage_type === "licensed") return problem("excess_amount_subcents", "only applies to metered prices; must be null");
  if (p.billing_scheme !== "per_unit") return problem("excess_amount_subcents", "an allowance (fixed fee + excess) needs billing_scheme per_unit");
  return amountProblem("excess_amount_subcents", p.excess_amount_subcents);
}
