// The amount of a price for a quantity — one period's charge, as invoice lines.
//
// Semantics (billable = max(0, quantity - included_quantity)):
// - per_unit: billable × unit_amount.
// - package: ceil(billable / package_size) packages × unit_amount (the unit is per package);
//   a started package is charged in full.
// - tiered + graduated: each tier charges the units that fall in it at its own unit price, plus
//   its flat fee when at least one unit falls in it (a tier with no units costs nothing).
// - volume (scheme `volume`, or tiered + tiers_mode volume): the tier containing the whole
//   billable quantity prices every unit, plus that tier's flat fee. Quantity 0 costs 0.
// - metered allowance (excess_amount_subcents set, per_unit only): unit_amount is the period's
//   fixed fee, charged whatever the usage ("Included: N units"), plus billable ×
//   excess_amount ("Excess: M units"). Without excess_amount, included units are simply free
//   and the scheme prices the billable quantity.
//
// Lines: one per thing charged; a line appears only for units actually billed (plus the
// allowance's fixed fee), and always amount = quantity × (unit ?? 0) + flat, in subcents.
// amount_subcents is the exact sum of the lines; amount_cents rounds it ONCE, at the end.
//
// Domain: terms that pass validatePriceTerms, integer quantity 0..MAX_QUANTITY, and a result
// that fits in Number.MAX_SAFE_INTEGER subcents. Arithmetic is checked (checkedMul/checkedAdd),
// so an out-of-range quote throws AmountOutOfRangeError instead of losing precision;
// quoteFits tells callers beforehand.
import { AmountOutOfRangeError, checkedAdd, checkedMul, roundSubcentsToCents } from "./money";
import { MAX_QUANTITY, type PriceTerms, type Tier } from "./price-terms";

export type QuoteLine = {
  description: string;
  quantity: number;
  unit_amount_subcents: number | null;
  flat_amount_subcents: number;
  amount_subcents: number;
};

export type Quote = {
  quantity: number;
  billable_quantity: number;
  lines: QuoteLine[];
  amount_subcents: number;
  amount_cents: number;
};

export function priceAmount(price: PriceTerms, quantity: number): Quote {
  if (Number.isInteger(quantity) && quantity > MAX_QUANTITY) throw new AmountOutOfRangeError(`quantity ${quantity}`, MAX_QUANTITY);
  if (!isValidQuantity(quantity)) throw new RangeError(`quantity must be an integer between 0 and ${MAX_QUANTITY}, got ${quantity}`);
  const billable = Math.max(0, quantity - price.included_quantity);
  const lines =
    price.excess_amount_subcents === null ? schemeLines(price, billable) : allowanceLines(price, billable, price.excess_amount_subcents);
  let amountSubcents = 0;
  for (const line of lines) amountSubcents = checkedAdd(amountSubcents, line.amount_subcents);
  return { quantity, billable_quantity: billable, lines, amount_subcents: amountSubcents, amount_cents: roundSubcentsToCents(amountSubcents) };
}

/** True when priceAmount(price, quantity) is defined: a valid quantity and a result that fits exactly. */
export function quoteFits(price: PriceTerms, quantity: number): boolean {
  if (!isValidQuantity(quantity)) return false;
  try {
    priceAmount(price, quantity);
    return true;
  } catch (error) {
    if (error instanceof AmountOutOfRangeError) return false;
    throw error;
  }
}

/** The one-time setup fee, in cents (never part of the recurring amount). */
export function setupFee(price: PriceTerms): number {
  return roundSubcentsToCents(price.setup_amount_subcents);
}

function isValidQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 0 && quantity <= MAX_QUANTITY;
}

function line(description: string, quantity: number, unitAmountSubcents: number | null, flatAmountSubcents: number): QuoteLine {
  const amountSubcents = checkedAdd(checkedMul(quantity, unitAmountSubcents ?? 0), flatAmountSubcents);
  return { description, quantity, unit_amount_subcents: unitAmountSubcents, flat_amount_subcents: flatAmountSubcents, amount_subcents: amountSubcents };
}

const units = (n: number) => (n === 1 ? "1 unit" : `${n} units`);

function schemeLines(price: PriceTerms, billable: number): QuoteLine[] {
  if (billable === 0) return [];
  switch (price.billing_scheme) {
    case "per_unit":
      return [line(units(billable), billable, price.unit_amount_subcents, 0)];
    case "package":
      return packageLines(price, billable);
    case "volume":
      return volumeLines(tiersOf(price), billable);
    case "tiered":
      return price.tiers_mode === "volume" ? volumeLines(tiersOf(price), billable) : graduatedLines(tiersOf(price), billable);
  }
}

function packageLines(price: PriceTerms, billable: number): QuoteLine[] {
  const size = price.package_size;
  if (size === null || !Number.isInteger(size) || size < 1) throw new RangeError("package_size must be a positive integer");
  const remainder = billable % size;
  const packages = (billable - remainder) / size + (remainder > 0 ? 1 : 0);
  return [line(`${packages} × package of ${units(size)} (${units(billable)})`, packages, price.unit_amount_subcents, 0)];
}

function graduatedLines(tiers: Tier[], billable: number): QuoteLine[] {
  const lines: QuoteLine[] = [];
  let below = 0; // units already charged by lower tiers
  for (const [i, tier] of tiers.entries()) {
    if (below >= billable) break;
    const upTo = tier.up_to === null ? billable : Math.min(tier.up_to, billable);
    const inTier = upTo - below;
    if (inTier > 0) {
      lines.push(line(`Tier ${i + 1} (${tierRange(tiers, i)}): ${units(inTier)}`, inTier, tier.unit_amount_subcents, tier.flat_amount_subcents));
    }
    below = upTo;
  }
  return lines;
}

function volumeLines(tiers: Tier[], billable: number): QuoteLine[] {
  const index = tiers.findIndex((tier) => tier.up_to === null || billable <= tier.up_to);
  const tier = tiers[index];
  if (tier === undefined) throw new RangeError("the last tier must be open-ended");
  return [line(`${units(billable)} at tier ${index + 1} (${tierRange(tiers, index)})`, billable, tier.unit_amount_subcents, tier.flat_amount_subcents)];
}

function allowanceLines(price: PriceTerms, billable: number, excessAmountSubcents: number): QuoteLine[] {
  const included = price.included_quantity;
  const lines = [line(included > 0 ? `Included: ${units(included)}` : "Base fee", included, null, price.unit_amount_subcents)];
  if (billable > 0) lines.push(line(`Excess: ${units(billable)}`, billable, excessAmountSubcents, 0));
  return lines;
}

function tiersOf(price: PriceTerms): Tier[] {
  if (!price.tiers || price.tiers.length === 0) throw new RangeError("tiers are required for tiered and volume prices");
  return price.tiers;
}

/** "1–10", "11–50", "51+": the units a tier covers, for line descriptions. */
function tierRange(tiers: Tier[], index: number): string {
  const from = (index === 0 ? 0 : (tiers[index - 1]?.up_to ?? 0)) + 1;
  const upTo = tiers[index]?.up_to ?? null;
  return upTo === null ? `${from}+` : `${from}–${upTo}`;
}
