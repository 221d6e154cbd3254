"use client";

import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, checkedAfter, textAfter } from "../forms/action-form";
import { Checkbox, Field, inputClass } from "../forms/field";

// A plan change rule (POST / PATCH /plan_change_rules): the pair of plans, how the change is
// billed and when, an optional bonus (a discount for some months, free days), priority, message.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
type Named = { id: string; name: string };
export type RuleValues = {
  from_plan_id: string; to_plan_id: string; change_type: string; proration_method: string; timing: string;
  "bonus_discount.percent_bps": string; "bonus_discount.months": string; bonus_days: string; priority: string; is_active: boolean; message: string;
};

export const NEW_RULE: RuleValues = {
  from_plan_id: "", to_plan_id: "", change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate",
  "bonus_discount.percent_bps": "", "bonus_discount.months": "", bonus_days: "0", priority: "0", is_active: true, message: "",
};

const PRORATION: ReadonlyArray<[string, string]> = [
  ["prorate_immediately", "Prorate now (charge or credit the difference)"],
  ["credit_unused", "Credit the unused part of the old plan"],
  ["none", "No adjustment"],
  ["charge_full", "Charge the new plan's full price"],
];

export function RuleForm({ action, plans, saved, id, submitLabel }: { action: Action; plans: Named[]; saved: RuleValues; id?: string; submitLabel: string }) {
  return (
    <ActionForm action={action} canWrite submitLabel={submitLabel}>
      {(raw) => {
        const state = !id && raw.status === "success" ? { ...raw, values: null } : raw;
        const v = (name: Exclude<keyof RuleValues, "is_active">) => textAfter(state, name, saved[name]);
        const select = (name: Exclude<keyof RuleValues, "is_active">, label: string, options: ReadonlyArray<[string, string]>) => (
          <Field name={name} label={label} error={state.fields[name]}>
            {(a11y) => (
              <select {...a11y} name={name} defaultValue={v(name)} className={inputClass}>
                {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
              </select>
            )}
          </Field>
        );
        const input = (name: Exclude<keyof RuleValues, "is_active">, label: string, hint?: string, mode?: "decimal" | "numeric") => (
          <Field name={name} label={label} hint={hint} error={state.fields[name]}>
            {(a11y) => <input {...a11y} name={name} type="text" inputMode={mode} autoComplete="off" defaultValue={v(name)} className={inputClass} />}
          </Field>
        );
        const planOptions: Array<[string, string]> = [["", "Choose a plan"], ...plans.map((p): [string, string] => [p.id, p.name])];
        return (
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {id ? (
              <>
                <input type="hidden" name="id" value={id} />
                <input type="hidden" name="saved_from_plan_id" value={saved.from_plan_id} />
                <input type="hidden" name="saved_to_plan_id" value={saved.to_plan_id} />
              </>
            ) : null}
            {select("from_plan_id", "From plan", planOptions)}
            {select("to_plan_id", "To plan", planOptions)}
            {select("change_type", "Change type", [["upgrade", "Upgrade"], ["downgrade", "Downgrade"], ["lateral", "Lateral"]])}
            {select("timing", "When", [["immediate", "Immediately"], ["end_of_cycle", "At the end of the current cycle"]])}
            <div className="sm:col-span-2">{select("proration_method", "Billing of the change", PRORATION)}</div>
            {input("bonus_discount.percent_bps", "Bonus discount (%)", "Optional: a discount for making this change, with its months.", "decimal")}
            {input("bonus_discount.months", "Bonus discount months", undefined, "numeric")}
            {input("bonus_days", "Bonus free days", undefined, "numeric")}
            {input("priority", "Priority", "Among active rules for the same pair, the highest applies.", "numeric")}
            <div className="sm:col-span-2">
              <Field name="message" label="Message to the customer (optional)" error={state.fields.message}>
                {(a11y) => <textarea {...a11y} name="message" rows={2} defaultValue={v("message")} className={inputClass} />}
              </Field>
            </div>
            <div className="sm:col-span-2"><Checkbox name="is_active" label="Active" defaultChecked={checkedAfter(state, "is_active", saved.is_active)} /></div>
          </div>
        );
      }}
    </ActionForm>
  );
}
