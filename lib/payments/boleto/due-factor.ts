// The boleto "fator de vencimento": the due date as 4 digits in the barcode (positions 6–9).
//
// FEBRABAN (Carta-Circular BCB 2.926/2000) counts days from the base date 1997-10-07; the first
// factor in use is 1000 = 2000-07-03. Four digits run out at 9999 = 2025-02-21, so FEBRABAN
// restarted the count: 2025-02-22 is 1000 again, 2025-02-23 is 1001, … and every 9000 days after
// that the factor wraps once more (9999 = 2049-10-13, 1000 = 2049-10-14). In one formula:
//
//   days   = calendar days from 1997-10-07 to the due date   (domain: days >= 1000)
//   factor = ((days − 1000) mod 9000) + 1000
//
// A factor therefore names one date per 9000-day cycle; reading it back needs a reference date
// (normally "today") to pick the cycle — see dueDateFromFactor.
//
// Dates are calendar days in UTC: a Date is reduced to its UTC year-month-day (pass
// `new Date("2026-03-10")`, which is UTC midnight). Nothing here reads the clock.

const MS_PER_DAY = 86_400_000;
const FACTOR_BASE_MS = Date.UTC(1997, 9, 7); // 1997-10-07

export const MIN_DUE_FACTOR = 1000;
export const MAX_DUE_FACTOR = 9999;
/** Days in one factor cycle (1000..9999). */
export const DUE_FACTOR_CYCLE_DAYS = 9000;
/** The factor written when the boleto has no due date ("contra-apresentação" without factor). */
export const NO_DUE_DATE_FACTOR = 0;

/**
 * The window in which a factor is read back: from `DUE_FACTOR_WINDOW_DAYS_BEFORE` days before
 * the reference date up to one full cycle (9000 days) later, so every factor has exactly one
 * reading. The split is Ciclo's choice: a slip over 8 years overdue is far rarer than one due
 * up to ~16 years ahead, and neither is near the edge of the window.
 */
export const DUE_FACTOR_WINDOW_DAYS_BEFORE = 3000;

/** Calendar days from 1997-10-07 to the UTC day of `date`. */
function daysSinceFactorBase(date: Date, what: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid Date`);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.round((day - FACTOR_BASE_MS) / MS_PER_DAY);
}

/** The due-date factor (1000..9999) of a due date on or after 2000-07-03. */
export function dueFactor(dueDate: Date): number {
  const days = daysSinceFactorBase(dueDate, "dueDate");
  if (days < MIN_DUE_FACTOR) {
    throw new RangeError("due dates before 2000-07-03 have no due-date factor (FEBRABAN factor 1000 = 2000-07-03)");
  }
  return ((days - MIN_DUE_FACTOR) % DUE_FACTOR_CYCLE_DAYS) + MIN_DUE_FACTOR;
}

/**
 * The due date a factor names, choosing the cycle whose date falls in
 * [referenceDate − 3000 days, referenceDate + 6000 days). Before the first wrap could matter
 * (references up to 2008) the first-cycle date is returned, as it is the only one.
 */
export function dueDateFromFactor(factor: number, referenceDate: Date): Date {
  if (!Number.isInteger(factor) || factor < MIN_DUE_FACTOR || factor > MAX_DUE_FACTOR) {
    throw new RangeError(`due-date factor must be an integer from ${MIN_DUE_FACTOR} to ${MAX_DUE_FACTOR}, got ${factor}`);
  }
  const windowStart = daysSinceFactorBase(referenceDate, "referenceDate") - DUE_FACTOR_WINDOW_DAYS_BEFORE;
  const firstCycleDays = factor; // in the first cycle, factor = days since the base
  const cycles = Math.max(0, Math.ceil((windowStart - firstCycleDays) / DUE_FACTOR_CYCLE_DAYS));
  return new Date(FACTOR_BASE_MS + (firstCycleDays + cycles * DUE_FACTOR_CYCLE_DAYS) * MS_PER_DAY);
}
