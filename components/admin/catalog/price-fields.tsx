"use client";

import type { AdminFormState } from "@/lib/admin/form-state";
import { MONEY_HINT } from "@/lib/admin/money-input";
import { textAfter } from "../forms/action-form";
import { Field, inputClass } from "../forms/field";

// A price's terms, as POST /prices (and the prices of POST /products) take them; input names are
// the API's fields, under `prefix` ("prices." in the new-product form). Amounts are typed as
// decimals (49,90) and saved as exact subcents. Tiers: one a line, "up to | unit amount | flat amount".
export function PriceFields({ prefix = "", state, optional = false, saved }: { prefix?: string; state: AdminFormState; optional?: boolean; saved?: Record<string, string> }) {
  const n = (name: string) => `${prefix}${name}`;
  const v = (name: string, fallback = "") => textAfter(state, n(name), saved?.[name] ?? fallback);
  const err = (name: string) => state.fields[n(name)];
  const text = (name: string, label: string, hint?: string, extra: Record<string, string> = {}) => (
    <Field name={n(name)} label={label} hint={hint} error={err(name)}>
      {(a11y) => <input {...a11y} name={n(name)} type="text" autoComplete="off" defaultValue={v(name)} className={inputClass} {...extra} />}
    </Field>
  );
  const select = (name: string, label: string, options: ReadonlyArray<[string, string]>, fallback: string, hint?: string) => (
    <Field name={n(name)} label={label} hint={hint} error={err(name)}>
      {(a11y) => (
        <select {...a11y} name={n(name)} defaultValue={v(name, fallback)} className={inputClass}>
          {options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      )}
    </Field>
  );
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {text("name", optional ? "Price name (leave empty for no price yet)" : "Price name", undefined, { placeholder: "Pro mensal" })}
        {text("currency", "Currency (optional)", "ISO 4217; empty = the organization's currency (BRL).", { placeholder: "BRL" })}
        {select("recurring_interval", "Billing interval", [["month", "Month"], ["year", "Year"]], "month")}
        <Field name={n("interval_count")} label="Every how many intervals" hint="1 = every month/year; 3 months = quarterly." error={err("interval_count")}>
          {(a11y) => <input {...a11y} name={n("interval_count")} type="number" min={1} max={36} inputMode="numeric" defaultValue={v("interval_count", "1")} className={inputClass} />}
        </Field>
        {select("billing_scheme", "Pricing model", [["per_unit", "Per unit (flat)"], ["package", "Package (per N units)"], ["tiered", "Tiered"], ["volume", "Volume"]], "per_unit")}
        {select("usage_type", "Usage type", [["licensed", "Licensed (quantity set on the subscription)"], ["metered", "Metered (usage reported)"]], "licensed", "Metered products take metered prices only.")}
        {text("unit_amount_subcents", "Unit amount (R$)", `${MONEY_HINT} Up to 4 decimals for fractions of a cent. Not used by tiered and volume prices.`, { inputMode: "decimal", placeholder: "49,90" })}
        {text("setup_amount_subcents", "Setup fee (optional)", "Charged once, on the first invoice.", { inputMode: "decimal" })}
        {text("package_size", "Package size", "Package pricing only: units per package.", { inputMode: "numeric" })}
        {select("tiers_mode", "Tiers mode", [["", "—"], ["graduated", "Graduated (each tier prices its units)"], ["volume", "Volume (the reached tier prices all units)"]], "", "Tiered pricing only.")}
      </div>
      <Field name={n("tiers")} label="Tiers (tiered and volume pricing)" hint="One tier a line: up to | unit amount | flat amount, e.g. “10 | 5,00” then “∞ | 4,00”. The last tier has no upper limit (∞ or empty)." error={err("tiers")}>
        {(a11y) => <textarea {...a11y} name={n("tiers")} rows={3} defaultValue={v("tiers")} className={`${inputClass} font-mono`} />}
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field name={n("included_quantity")} label="Included quantity (metered)" hint="Units included before excess is charged." error={err("included_quantity")}>
          {(a11y) => <input {...a11y} name={n("included_quantity")} type="number" min={0} inputMode="numeric" defaultValue={v("included_quantity")} className={inputClass} />}
        </Field>
        {text("excess_amount_subcents", "Excess amount per unit (metered, optional)", "Price of each unit above the included quantity.", { inputMode: "decimal" })}
      </div>
    </div>
  );
}
