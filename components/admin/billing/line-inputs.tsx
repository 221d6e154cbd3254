"use client";

import { useState } from "react";
import type { AdminFormState } from "@/lib/admin/form-state";
import { Field, FieldError, inputClass } from "../forms/field";

// An invoice's one-off lines as rows of inputs named by the API's paths with their index
// ("lines.0.description"): what was sent comes back after an error, with each message under its
// line. "Add a line" adds a row; empty rows are ignored by the server.
export function LineInputs({ state, currencyLabel }: { state: AdminFormState; currencyLabel: string }) {
  const sentRows = Object.keys(state.values ?? {}).map((k) => /^lines\.(\d+)\./.exec(k)?.[1]).filter(Boolean).map(Number);
  const [rows, setRows] = useState(Math.max(1, ...sentRows.map((i) => i + 1)));
  const sent = (name: string, fallback = "") => (state.status === "error" ? (state.values?.[name] ?? fallback) : fallback);
  return (
    <fieldset className="space-y-3" aria-describedby={state.fields.lines ? "lines-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Lines</legend>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="grid grid-cols-1 gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-[minmax(0,3fr)_6rem_10rem]" data-testid="line-inputs">
          <Field name={`lines.${i}.description`} label={`Line ${i + 1}: description`} error={state.fields[`lines.${i}.description`]}>
            {(a11y) => <input {...a11y} name={`lines.${i}.description`} type="text" autoComplete="off" defaultValue={sent(`lines.${i}.description`)} className={inputClass} />}
          </Field>
          <Field name={`lines.${i}.quantity`} label="Quantity" error={state.fields[`lines.${i}.quantity`]}>
            {(a11y) => <input {...a11y} name={`lines.${i}.quantity`} type="number" min={1} inputMode="numeric" defaultValue={sent(`lines.${i}.quantity`, "1")} className={inputClass} />}
          </Field>
          <Field name={`lines.${i}.unit_amount_cents`} label={`Unit price (${currencyLabel})`} error={state.fields[`lines.${i}.unit_amount_cents`]}>
            {(a11y) => <input {...a11y} name={`lines.${i}.unit_amount_cents`} type="text" inputMode="decimal" autoComplete="off" placeholder="150,00" defaultValue={sent(`lines.${i}.unit_amount_cents`)} className={`${inputClass} tabular-nums`} />}
          </Field>
        </div>
      ))}
      <FieldError id="lines-error" error={state.fields.lines} />
      {rows < 20 ? (
        <button type="button" onClick={() => setRows(rows + 1)} className="rounded-md px-3 py-2 text-sm font-semibold text-teal-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Add a line
        </button>
      ) : null}
    </fieldset>
  );
}
