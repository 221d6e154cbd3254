// Money arithmetic for billing — integers only, never floats.
//
// Amounts are `*_cents` (1/100 of the currency unit) or `*_subcents` (1/10 000 of the unit, so
// 100 subcents = 1 cent); subcents let unit prices such as R$ 0,0125 per API call be exact.
//
// Rounding has ONE rule, in ONE function: `roundRatioHalfUp` (half up, and half away from zero
// for negatives, so a credit is always the exact negation of the matching charge).
// `roundSubcentsToCents` is that rule at the cent, `percentOf` is it at the basis point; nothing
// else in lib/billing rounds.

export const SUBCENTS_PER_CENT = 100;
/** Basis points in a whole: 10 000 bps = 100%. */
export const BPS_PER_WHOLE = 10_000;
/** Largest amount (in subcents or cents) a Number holds exactly; beyond it we refuse. */
export const MAX_AMOUNT_SUBCENTS = Number.MAX_SAFE_INTEGER;

/** An amount left the exactly-representable range: the inputs are outside the valid domain. */
export class AmountOutOfRangeError extends RangeError {
  constructor(what = "amount", limit = MAX_AMOUNT_SUBCENTS) {
    super(`${what} exceeds ${limit}`);
    this.name = "AmountOutOfRangeError";
  }
}

/**
 * numerator / denominator rounded to the nearest integer, halves away from zero
 * (2.5 -> 3, -2.5 -> -3). The single rounding rule of the billing library.
 */
export function roundRatioHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const magnitude = numerator < 0n ? -numerator : numerator;
  // floor(m/d + 1/2) without leaving integers.
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

/** Subcents to cents, half up (half away from zero for credits): 149 -> 1, 150 -> 2, -150 -> -2. */
export function roundSubcentsToCents(subcents: bigint | number): number {
  const exact = typeof subcents === "bigint" ? subcents : BigInt(assertSafeInteger(subcents, "subcents"));
  return toSafeNumber(roundRatioHalfUp(exact, BigInt(SUBCENTS_PER_CENT)), "cents");
}

/** bps basis points of amountCents, in cents, rounded by the same rule (1999 × 15% = 299.85 -> 300). */
export function percentOf(amountCents: number, bps: number): number {
  assertSafeInteger(amountCents, "amountCents");
  assertSafeInteger(bps, "bps");
  return toSafeNumber(roundRatioHalfUp(BigInt(amountCents) * BigInt(bps), BigInt(BPS_PER_WHOLE)), "percentOf");
}

/**
 * a + b for integer amounts, exact or refused. Float addition of safe integers is exact when the
 * true sum is safe, and lands at >= 2^53 when it is not, so the check after the fact is sound.
 */
export function checkedAdd(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new AmountOutOfRangeError();
  return sum;
}

/** a × b for integer amounts/quantities, exact or refused (same argument as checkedAdd). */
export function checkedMul(a: number, b: number): number {
  const product = a * b;
  if (!Number.isSafeInteger(product)) throw new AmountOutOfRangeError();
  return product;
}

/** A BigInt result back to a Number, refusing anything a Number cannot hold exactly. */
export function toSafeNumber(value: bigint, what = "amount"): number {
  if (value > BigInt(MAX_AMOUNT_SUBCENTS) || value < -BigInt(MAX_AMOUNT_SUBCENTS)) {
    throw new AmountOutOfRangeError(what);
  }
  return Number(value);
}

export function assertSafeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
  return value;
}

/** -n, but never -0: a zero credit must compare equal (Object.is) to a zero charge. */
export function negate(n: number): number {
  return n === 0 ? 0 : -n;
}
