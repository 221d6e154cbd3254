import type { DiscountCode, Price } from "@/db/schema";
import { formatMoney, formatSubcents } from "@/lib/invoices/format";

// How the Catalog screens word prices, cycles and discounts. Amounts in pt-BR (R$ 49,90), the
// way staff type them into the forms.
export const MONEY_LOCALE = "pt-BR";

export const cents = (value: number, currency: string) => formatMoney(value, currency, MONEY_LOCALE);
export const subcents = (value: number, currency: string) => formatSubcents(value, currency, MONEY_LOCALE);

export function cycleText(interval: string, count: number): string {
  if (count === 1) return interval === "month" ? "monthly" : "yearly";
  return `every ${count} ${interval}s`;
}

const per = (interval: string, count: number) => (count === 1 ? `/ ${interval}` : `every ${count} ${interval}s`);

/** "R$ 49,90 / month", "R$ 10,00 per 5 units / month", "Graduated tiers (2) / month". */
export function priceTerms(p: Price): string {
  const cycle = per(p.recurringInterval, p.intervalCount);
  let amount: string;
  if (p.billingScheme === "package") amount = `${subcents(p.unitAmountSubcents, p.currency)} per ${p.packageSize} units`;
  else if (p.billingScheme === "tiered" || p.billingScheme === "volume") {
    amount = `${p.billingScheme === "volume" || p.tiersMode === "volume" ? "Volume" : "Graduated"} tiers (${p.tiers?.length ?? 0})`;
  } else amount = subcents(p.unitAmountSubcents, p.currency);
  const usage = p.usageType === "metered" ? `, metered${p.includedQuantity ? `: ${p.includedQuantity} included` : ""}${p.excessAmountSubcents !== null ? `, then ${subcents(p.excessAmountSubcents, p.currency)} each` : ""}` : "";
  const setup = p.setupAmountSubcents ? ` + ${subcents(p.setupAmountSubcents, p.currency)} setup` : "";
  return `${amount} ${cycle}${usage}${setup}`;
}

export const PRODUCT_TYPES = [
  { value: "base", label: "Base" },
  { value: "addon_fixed", label: "Add-on (fixed)" },
  { value: "addon_quantity", label: "Add-on (per quantity)" },
  { value: "metered", label: "Metered" },
] as const;

export const productTypeLabel = (t: string) => PRODUCT_TYPES.find((x) => x.value === t)?.label ?? t;

export const percentText = (bps: number) => `${(bps / 100).toLocaleString(MONEY_LOCALE, { maximumFractionDigits: 2 })}%`;

/** A UTC instant as a datetime-local value ("2026-12-31T23:59"): the forms read it back as UTC. */
export const utcLocal = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 16) : "");

export const statusBadge = (active: boolean) =>
  active ? "inline-flex rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200" : "inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300";

export const linkClass = "font-medium text-teal-800 underline hover:text-teal-950";
export const rowClass = "border-b border-slate-100 last:border-0";

/** "20% off, for 3 months". */
export function discountText(d: DiscountCode): string {
  const off = d.percentOffBps !== null ? `${percentText(d.percentOffBps)} off` : `${cents(d.amountOffCents ?? 0, d.currency ?? "BRL")} off`;
  const length = d.duration === "once" ? "once" : d.duration === "forever" ? "forever" : `for ${d.durationInMonths} months`;
  return `${off}, ${length}`;
}
