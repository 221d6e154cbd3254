// Which rule governs a plan change: the merchant's configured rule for the pair, or the default.
//
// The default compares the recurring amounts normalized PER MONTH (a year is exactly 12 months,
// so R$ 799,00/year is R$ 66,58…/month), exactly: each side is sum(amount_i / months_i), compared
// by bringing both to a common denominator in BigInt — no floats, no rounding, no calendar.
import { priceAmount } from "./amount";
import type { PriceTerms } from "./price-terms";
import { intervalMonths } from "./periods";

export type ChangeItem = { price_id: string; price: PriceTerms; quantity: number };

export type ChangeRule = {
  change_type: "upgrade" | "downgrade" | "lateral";
  proration_method: "prorate_immediately" | "credit_unused" | "none" | "charge_full";
  timing: "immediate" | "end_of_cycle";
  bonus_discount: { percent_bps: number; months: number } | null;
  bonus_days: number;
  message: string | null;
};

export type RuleCandidate = ChangeRule & { id: string; from_plan_id: string; to_plan_id: string; priority: number; is_active: boolean };

/** The active rule for from -> to with the highest priority (ties: lowest id), or null. */
export function selectRule(rules: RuleCandidate[], fromPlanId: string, toPlanId: string): RuleCandidate | null {
  let best: RuleCandidate | null = null;
  for (const rule of rules) {
    if (!rule.is_active || rule.from_plan_id !== fromPlanId || rule.to_plan_id !== toPlanId) continue;
    if (best === null || rule.priority > best.priority || (rule.priority === best.priority && rule.id < best.id)) best = rule;
  }
  return best;
}

/**
 * Without a configured rule. A longer billing period is a bigger commitment: monthly -> annual
 * is an upgrade, applied now and prorated (the customer wants the annual terms at once);
 * annual -> monthly a downgrade at the end of the paid year. With the same period: dearer ->
 * upgrade, prorated, now; cheaper -> downgrade at the end of the cycle with nothing prorated
 * (the customer keeps what they paid for); the same -> lateral, prorated, now.
 */
export function defaultRule(current: ChangeItem[], target: ChangeItem[]): ChangeRule {
  const months = (items: ChangeItem[]) => Math.max(0, ...items.map(itemMonths));
  const commitment = Math.sign(months(current) - months(target));
  const comparison = current.length > 0 && target.length > 0 && commitment !== 0 ? commitment : compareMonthlyRate(current, target);
  const base = { bonus_discount: null, bonus_days: 0, message: null };
  if (comparison < 0) return { ...base, change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate" };
  if (comparison > 0) return { ...base, change_type: "downgrade", proration_method: "none", timing: "end_of_cycle" };
  return { ...base, change_type: "lateral", proration_method: "prorate_immediately", timing: "immediate" };
}

/** Sign of (current per month - target per month): -1, 0 or 1, exactly. */
export function compareMonthlyRate(current: ChangeItem[], target: ChangeItem[]): number {
  const all = [...current, ...target];
  const commonMonths = all.reduce((acc, item) => lcm(acc, BigInt(itemMonths(item))), 1n);
  const perCommonPeriod = (items: ChangeItem[]) =>
    items.reduce((sum, item) => sum + BigInt(itemAmountSubcents(item)) * (commonMonths / BigInt(itemMonths(item))), 0n);
  const difference = perCommonPeriod(current) - perCommonPeriod(target);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** One period's amount of an item, in exact subcents. */
export function itemAmountSubcents(item: ChangeItem): number {
  return priceAmount(item.price, item.quantity).amount_subcents;
}

export function itemMonths(item: ChangeItem): number {
  return intervalMonths(item.price.recurring_interval, item.price.interval_count);
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
