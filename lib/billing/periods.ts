// Calendar billing periods, in UTC.
//
// A subscription's periods are anchor + n × interval for n = 0, 1, 2, …, each computed FROM THE
// ANCHOR (never by chaining the previous end), with end-of-month clamping that keeps the anchor's
// day: anchored on Jan 31, +1 month is Feb 28 (29 in a leap year) and +2 months is Mar 31 — a
// chain would drift to Mar 28 and stay there. The time of day of the anchor is kept.
// Month lengths and leap years come from the Date calendar, not from a 30-day convention.
export type Interval = "month" | "year";
export type Period = { start: Date; end: Date };

const MONTHS_PER_YEAR = 12;

/** Length of interval × count in calendar months (year × 1 = month × 12: the same period). */
export function intervalMonths(interval: Interval, count: number): number {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`interval_count must be a positive integer, got ${count}`);
  if (interval === "month") return count;
  if (interval === "year") return count * MONTHS_PER_YEAR;
  throw new RangeError(`unknown interval ${String(interval)}`);
}

/** anchor + n × (interval × count); n may be 0 or negative (periods before the anchor). */
export function addInterval(anchor: Date, interval: Interval, count: number, n = 1): Date {
  assertValidDate(anchor, "anchor");
  if (!Number.isSafeInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  const monthIndex = anchor.getUTCFullYear() * MONTHS_PER_YEAR + anchor.getUTCMonth() + intervalMonths(interval, count) * n;
  const year = Math.floor(monthIndex / MONTHS_PER_YEAR);
  const month = monthIndex - year * MONTHS_PER_YEAR;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const result = new Date(0);
  result.setUTCFullYear(year, month, day);
  result.setUTCHours(anchor.getUTCHours(), anchor.getUTCMinutes(), anchor.getUTCSeconds(), anchor.getUTCMilliseconds());
  assertValidDate(result, "result");
  return result;
}

/** The period [start, end) of the anchored cycle that contains `at` (start <= at < end). */
export function periodContaining(anchor: Date, interval: Interval, count: number, at: Date): Period {
  assertValidDate(at, "at");
  const step = intervalMonths(interval, count);
  const monthsApart =
    (at.getUTCFullYear() - anchor.getUTCFullYear()) * MONTHS_PER_YEAR + (at.getUTCMonth() - anchor.getUTCMonth());
  // The month count is at most one period off (day and time within the month); correct it.
  let n = Math.floor(monthsApart / step);
  while (addInterval(anchor, interval, count, n).getTime() > at.getTime()) n--;
  while (addInterval(anchor, interval, count, n + 1).getTime() <= at.getTime()) n++;
  return { start: addInterval(anchor, interval, count, n), end: addInterval(anchor, interval, count, n + 1) };
}

/** Days in a month of the proleptic Gregorian calendar (month 0 = January). */
export function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month + 1, 0); // day 0 of the next month = last day of this one
  return lastDay.getUTCDate();
}

export function assertValidDate(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${what} must be a valid Date`);
}

export function assertValidPeriod(period: Period): void {
  assertValidDate(period.start, "period.start");
  assertValidDate(period.end, "period.end");
  if (period.end.getTime() <= period.start.getTime()) throw new RangeError("period.end must be after period.start");
}
