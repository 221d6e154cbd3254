"use client";

import { useState } from "react";
import type { AdminFormState } from "@/lib/admin/form-state";
import type { PlanOption, PriceOption } from "@/lib/admin/proposal-options";
import { Field, inputClass } from "../forms/field";

// What is offered: a plan (its items on the chosen cycle, quantities editable, optional items as
// add-ons) or individual prices. Input names are the API's paths: plan_id, quantities.<price_id>,
// add_ons.<price_id> (a quantity; 0 leaves it out), items.<row>.price_id and items.<row>.quantity.
type Props = { state: AdminFormState; plans: PlanOption[]; prices: PriceOption[] };

const sent = (state: AdminFormState, name: string, fallback = "") => state.values?.[name] ?? fallback;

function rowsSent(state: AdminFormState): string[] {
  const rows = Object.keys(state.values ?? {}).flatMap((k) => /^items\.(\d+)\.price_id$/.exec(k)?.[1] ?? []);
  return rows.length > 0 ? rows : ["0"];
}

export function OfferFields({ state, plans, prices }: Props) {
  const [offer, setOffer] = useState(sent(state, "offer_type", plans.length > 0 ? "plan" : "items"));
  const [planId, setPlanId] = useState(sent(state, "plan_id", plans[0]?.id ?? ""));
  const [interval, setCycleInterval] = useState(sent(state, "billing_cycle.interval"));
  const [count, setCount] = useState(sent(state, "billing_cycle.interval_count", "1"));
  const [rows, setRows] = useState(rowsSent(state));
  const plan = plans.find((p) => p.id === planId);
  const cycle = interval ? { interval, interval_count: Number(count) || 1 } : plan?.cycles[0];
  const onCycle = (plan?.items ?? []).filter((i) => !cycle || (i.interval === cycle.interval && i.intervalCount === cycle.interval_count));
  const radio = (value: string, label: string) => (
    <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
      <input type="radio" name="offer_type" value={value} checked={offer === value} onChange={() => setOffer(value)} className="h-4 w-4 text-teal-700 focus:ring-2 focus:ring-teal-700/40" />
      {label}
    </label>
  );
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Offer</legend>
        <div className="mt-2 flex flex-wrap gap-6">
          {radio("plan", "A plan")}
          {radio("items", "Individual prices")}
        </div>
      </fieldset>
      {offer === "plan" ? (
        <>
          <Field name="plan_id" label="Plan" error={state.fields.plan_id}>
            {(a11y) => (
              <select {...a11y} name="plan_id" value={planId} onChange={(e) => setPlanId(e.target.value)} className={inputClass}>
                {plans.length === 0 ? <option value="">No active plans</option> : null}
                {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            )}
          </Field>
          {plan ? (
            <div className="rounded-lg bg-slate-50 p-4" data-testid="plan-items">
              <p className="text-sm text-slate-700">
                Items on the {cycle ? `${cycle.interval_count === 1 ? "" : `${cycle.interval_count}-`}${cycle.interval}ly` : "plan's"} cycle{plan.trialDays ? ` · plan's trial: ${plan.trialDays} days` : ""}.
              </p>
              {onCycle.length === 0 ? <p className="mt-2 text-sm text-slate-700">The plan has no items on this billing cycle.</p> : null}
              <div className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2">
                {onCycle.map((item) => {
                  const name = item.optional ? `add_ons.${item.id}` : `quantities.${item.id}`;
                  return (
                    <Field key={name} name={name} label={`${item.optional ? "Add-on: " : ""}${item.label}`} hint={item.optional ? "Quantity; 0 leaves it out." : "Quantity."} error={state.fields[name]}>
                      {(a11y) => <input {...a11y} name={name} type="number" min={0} inputMode="numeric" defaultValue={sent(state, name, String(item.optional ? 0 : item.quantity))} className={inputClass} />}
                    </Field>
                  );
                })}
              </div>
            </div>
          ) : null}
        </>
      ) : (
        <div className="space-y-3" data-testid="item-rows">
          {rows.map((row, i) => (
            <div key={row} className="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_7rem_auto] sm:items-end">
              <Field name={`items.${row}.price_id`} label={`Price ${i + 1}`} error={state.fields[`items.${row}.price_id`]}>
                {(a11y) => (
                  <select {...a11y} name={`items.${row}.price_id`} defaultValue={sent(state, `items.${row}.price_id`)} className={inputClass}>
                    <option value="">Choose a price</option>
                    {prices.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
                  </select>
                )}
              </Field>
              <Field name={`items.${row}.quantity`} label={`Quantity ${i + 1}`} error={state.fields[`items.${row}.quantity`]}>
                {(a11y) => <input {...a11y} name={`items.${row}.quantity`} type="number" min={0} inputMode="numeric" defaultValue={sent(state, `items.${row}.quantity`, "1")} className={inputClass} />}
              </Field>
              {rows.length > 1 ? (
                <button type="button" onClick={() => setRows(rows.filter((r) => r !== row))} className="rounded-md px-3 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 sm:mb-0.5">
                  Remove<span className="sr-only"> price {i + 1}</span>
                </button>
              ) : null}
            </div>
          ))}
          {rows.length < 20 ? (
            <button type="button" onClick={() => setRows([...rows, String(Math.max(...rows.map(Number)) + 1)])} className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-teal-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
              Add another price
            </button>
          ) : null}
        </div>
      )}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field name="billing_cycle.interval" label="Billing cycle" hint={offer === "plan" ? "Blank: the plan's first cycle." : "Blank: the prices' own cycle."} error={state.fields["billing_cycle.interval"]}>
          {(a11y) => (
            <select {...a11y} name="billing_cycle.interval" value={interval} onChange={(e) => setCycleInterval(e.target.value)} className={inputClass}>
              <option value="">Default</option>
              <option value="month">Monthly</option>
              <option value="year">Yearly</option>
            </select>
          )}
        </Field>
        <Field name="billing_cycle.interval_count" label="Every (number of months or years)" error={state.fields["billing_cycle.interval_count"]}>
          {(a11y) => <input {...a11y} name="billing_cycle.interval_count" type="number" min={1} max={36} inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} disabled={!interval} className={inputClass} />}
        </Field>
      </div>
    </div>
  );
}
