// Preview of a plan change: what is credited and charged now, from when, and what renews.
//
// By timing and proration_method:
// - end_of_cycle (whatever the method): nothing now; the change takes effect at period.end and
//   the new period is the one after the current: with the same period length and an `anchor`,
//   the anchored cycle continues (anchor Jan 31: Feb 28 -> Mar 31); otherwise it is counted from
//   period.end, [period.end, period.end + target interval).
// - none: switch now, nothing charged or credited now; the current period is kept and the
//   target is billed from the next renewal (period.end).
// - prorate_immediately: a credit for the unused part of each current item, and, when the target
//   has the same period length (month × 12 = year × 1), a charge for the remaining part of the
//   current period per target item (the period is kept); when the length changes, a full charge
//   of the target for a fresh period starting now.
// - credit_unused: the unused credit plus a full charge for a fresh period starting now.
// - charge_full: a full charge for a fresh period starting now, no credit.
// - bonus_discount: one negative line per target charge made now, percent_bps of that line's
//   cents (via percentOf), its months noted in the description. Later months are the invoicing
//   engine's business: the renewal amount here is undiscounted.
//
// Each line is rounded to cents once, from exact subcents; lines of R$ 0,00 are omitted. The net
// of the lines is due now when positive, and goes to the account's credit balance when negative.
// bonus_days are passed through: extending the period by them is the caller's decision.
// The setup fee is not charged by a plan change.
import { BPS_PER_WHOLE, checkedAdd, negate, percentOf, roundSubcentsToCents } from "./money";
import { addInterval, assertValidDate, assertValidPeriod, periodContaining, type Period } from "./periods";
import { prorate, unusedCredit } from "./proration";
import { itemAmountSubcents, itemMonths, type ChangeItem, type ChangeRule } from "./change-rules";

export { compareMonthlyRate, defaultRule, selectRule } from "./change-rules";
export type { ChangeItem, ChangeRule, RuleCandidate } from "./change-rules";

export type ChangeLine = {
  kind: "credit_unused" | "charge_remaining" | "charge_full" | "bonus_discount";
  price_id: string;
  description: string;
  quantity: number;
  period_start: Date;
  period_end: Date;
  amount_cents: number;
};

export type ChangePreview = {
  change_type: ChangeRule["change_type"];
  proration_method: ChangeRule["proration_method"];
  timing: ChangeRule["timing"];
  message: string | null;
  effective_at: Date;
  new_period: Period;
  lines: ChangeLine[];
  amount_due_now_cents: number;
  credit_to_balance_cents: number;
  amount_due_at_renewal_cents: number;
  bonus_days: number;
};

export type ChangeInput = {
  current: ChangeItem[];
  target: ChangeItem[];
  rule: ChangeRule;
  period: Period;
  at: Date;
  /** The subscription's billing cycle anchor; keeps end-of-month anchors when the cycle continues. */
  anchor?: Date | null;
};

export function previewChange(input: ChangeInput): ChangePreview {
  const { current, target, rule, period, at } = input;
  assertChangeInput(input);
  const renewalCents = target.reduce((sum, item) => checkedAdd(sum, roundSubcentsToCents(itemAmountSubcents(item))), 0);
  const outcome = (effectiveAt: Date, newPeriod: Period, lines: ChangeLine[]): ChangePreview => {
    const net = lines.reduce((sum, line) => checkedAdd(sum, line.amount_cents), 0);
    return {
      change_type: rule.change_type,
      proration_method: rule.proration_method,
      timing: rule.timing,
      message: rule.message,
      effective_at: effectiveAt,
      new_period: newPeriod,
      lines,
      amount_due_now_cents: net > 0 ? net : 0,
      credit_to_balance_cents: net < 0 ? -net : 0,
      amount_due_at_renewal_cents: renewalCents,
      bonus_days: rule.bonus_days,
    };
  };

  const samePeriodLength = itemMonths(current[0]!) === itemMonths(target[0]!);
  if (rule.timing === "end_of_cycle") {
    const { recurring_interval, interval_count } = target[0]!.price;
    const next = samePeriodLength && input.anchor ? periodContaining(input.anchor, recurring_interval, interval_count, period.end) : freshPeriod(period.end, target);
    return outcome(period.end, next, []);
  }

  const fresh = freshPeriod(at, target);
  let lines: ChangeLine[];
  let newPeriod: Period;
  switch (rule.proration_method) {
    case "none":
      [lines, newPeriod] = [[], period];
      break;
    case "prorate_immediately":
      [lines, newPeriod] = samePeriodLength
        ? [[...creditLines(current, period, at), ...remainingLines(target, period, at)], period]
        : [[...creditLines(current, period, at), ...fullLines(target, fresh)], fresh];
      break;
    case "credit_unused":
      [lines, newPeriod] = [[...creditLines(current, period, at), ...fullLines(target, fresh)], fresh];
      break;
    case "charge_full":
      [lines, newPeriod] = [fullLines(target, fresh), fresh];
      break;
  }
  if (rule.bonus_discount) lines = [...lines, ...bonusLines(lines, rule.bonus_discount)];
  return outcome(at, newPeriod, lines);
}

function creditLines(items: ChangeItem[], period: Period, at: Date): ChangeLine[] {
  return items.map((item) => ({
    kind: "credit_unused" as const,
    price_id: item.price_id,
    description: `Unused time on ${item.price_id} × ${item.quantity}`,
    quantity: item.quantity,
    period_start: at,
    period_end: period.end,
    amount_cents: negate(roundSubcentsToCents(unusedCredit(itemAmountSubcents(item), period, at))),
  })).filter(nonZero);
}

function remainingLines(items: ChangeItem[], period: Period, at: Date): ChangeLine[] {
  return items.map((item) => ({
    kind: "charge_remaining" as const,
    price_id: item.price_id,
    description: `Remaining time on ${item.price_id} × ${item.quantity}`,
    quantity: item.quantity,
    period_start: at,
    period_end: period.end,
    amount_cents: roundSubcentsToCents(prorate(itemAmountSubcents(item), period, at, period.end)),
  })).filter(nonZero);
}

function fullLines(items: ChangeItem[], period: Period): ChangeLine[] {
  return items.map((item) => ({
    kind: "charge_full" as const,
    price_id: item.price_id,
    description: `${item.price_id} × ${item.quantity}`,
    quantity: item.quantity,
    period_start: period.start,
    period_end: period.end,
    amount_cents: roundSubcentsToCents(itemAmountSubcents(item)),
  })).filter(nonZero);
}

function bonusLines(lines: ChangeLine[], bonus: NonNullable<ChangeRule["bonus_discount"]>): ChangeLine[] {
  const months = bonus.months === 1 ? "1 month" : `${bonus.months} months`;
  return lines
    .filter((line) => line.kind === "charge_remaining" || line.kind === "charge_full")
    .map((charge) => ({
      ...charge,
      kind: "bonus_discount" as const,
      description: `Bonus: ${formatBps(bonus.percent_bps)} off ${charge.price_id} for ${months}`,
      amount_cents: negate(percentOf(charge.amount_cents, bonus.percent_bps)),
    }))
    .filter(nonZero);
}

const nonZero = (line: ChangeLine) => line.amount_cents !== 0;

/** The target's first period starting at `start` (all target items share one interval). */
function freshPeriod(start: Date, target: ChangeItem[]): Period {
  const { recurring_interval, interval_count } = target[0]!.price;
  return { start, end: addInterval(start, recurring_interval, interval_count) };
}

/** 2000 -> "20%", 1250 -> "12.5%", 333 -> "3.33%" (string arithmetic on integers, no floats). */
function formatBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = String(bps % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
}

function assertChangeInput({ current, target, rule, period, at }: ChangeInput): void {
  assertValidPeriod(period);
  assertValidDate(at, "at");
  if (at.getTime() < period.start.getTime() || at.getTime() > period.end.getTime()) throw new RangeError("at must be within the current period");
  for (const [side, items] of [["current", current], ["target", target]] as const) {
    if (items.length === 0) throw new RangeError(`${side} must have at least one item`);
    // A subscription bills all its items on one cycle, in one currency.
    const months = itemMonths(items[0]!);
    if (items.some((item) => itemMonths(item) !== months)) throw new RangeError(`${side} items must share one billing interval`);
  }
  const currency = current[0]!.price.currency;
  if ([...current, ...target].some((item) => item.price.currency !== currency)) throw new RangeError("all items must be in one currency");
  const bonus = rule.bonus_discount;
  if (bonus && (!Number.isSafeInteger(bonus.percent_bps) || bonus.percent_bps < 0 || bonus.percent_bps > BPS_PER_WHOLE)) {
    throw new RangeError("bonus_discount.percent_bps must be between 0 and 10000");
  }
}
