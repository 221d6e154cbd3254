// Proration: the share of a period's amount that falls between two instants.
//
// Time is measured in milliseconds (Date's precision) everywhere, so a day is a day whatever
// the month: R$ 79,90 over November's 30 days is R$ 2,66333… a day, over January's 31 days less.
//
// Exactness: the share is amount × elapsed / length, an exact rational computed with BigInt
// (amount × milliseconds overflows 2^53 within a day). The result is integer SUBCENTS, so it
// is rounded once at the subcent level (roundRatioHalfUp); rounding to CENTS still happens once,
// by the caller, through roundSubcentsToCents.
//
// To keep parts of a period adding up, prorate(from, to) is a difference of the rounded
// cumulative share: elapsed(to) - elapsed(from), where elapsed(t) = round(amount × (t - start) /
// length). Consecutive parts therefore telescope: any partition of the period sums to exactly
// the amount in subcents, the used part plus the unused credit at any instant is exactly the
// amount, and the whole period is exactly the amount. Each part is within 1 subcent of the exact
// rational; after each part's cents rounding, k parts sum to the amount within k cents.
import { assertSafeInteger, roundRatioHalfUp, toSafeNumber } from "./money";
import { assertValidDate, assertValidPeriod, type Period } from "./periods";

/**
 * The part of amountSubcents for [from, to) of the period, in subcents; from and to are clamped
 * to the period, and an empty or reversed range is 0.
 */
export function prorate(amountSubcents: number, period: Period, from: Date, to: Date): number {
  assertSafeInteger(amountSubcents, "amountSubcents");
  assertValidPeriod(period);
  assertValidDate(from, "from");
  assertValidDate(to, "to");
  const start = period.start.getTime();
  const end = period.end.getTime();
  const fromMs = clamp(from.getTime(), start, end);
  const toMs = clamp(to.getTime(), start, end);
  if (toMs <= fromMs || amountSubcents === 0) return 0; // also turns a -0 amount into 0
  return elapsedShare(amountSubcents, start, end, toMs) - elapsedShare(amountSubcents, start, end, fromMs);
}

/** The unused part of the period from `at` to its end, in subcents (positive; callers negate). */
export function unusedCredit(amountSubcents: number, period: Period, at: Date): number {
  return prorate(amountSubcents, period, at, period.end);
}

/** round(amount × (t - start) / (end - start)), exact at both ends. */
function elapsedShare(amountSubcents: number, start: number, end: number, t: number): number {
  if (t === start) return 0;
  if (t === end) return amountSubcents;
  return toSafeNumber(roundRatioHalfUp(BigInt(amountSubcents) * BigInt(t - start), BigInt(end - start)));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
