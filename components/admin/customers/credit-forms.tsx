"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// Grant a credit to a customer (the amount as money, turned into exact cents on the server) and
// void what is left of one, behind a confirmation.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
const CREDIT_TYPES = [
  { value: "manual", label: "Manual" },
  { value: "promotional", label: "Promotional" },
  { value: "adjustment", label: "Adjustment" },
  { value: "refund", label: "Refund" },
] as const;

export function GrantCreditForm({ action, accountId, currency, today }: { action: Action; accountId: string; currency: string; today: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string, fallback = "") => (state.status === "error" ? (state.values?.[name] ?? fallback) : fallback);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="grant-heading">
      <input type="hidden" name="billing_account_id" value={accountId} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-4">
        <div className="sm:col-span-2">
          <Field name="amount" label="Amount" hint="e.g. 150,00 or 1.234,56" error={state.fields.amount}>
            {(a11y) => <input {...a11y} name="amount" type="text" inputMode="decimal" autoComplete="off" defaultValue={sent("amount")} className={inputClass} />}
          </Field>
        </div>
        <Field name="currency" label="Currency" error={state.fields.currency}>
          {(a11y) => <input {...a11y} name="currency" type="text" autoComplete="off" maxLength={3} defaultValue={sent("currency", currency)} className={`${inputClass} uppercase`} />}
        </Field>
        <Field name="credit_type" label="Type" error={state.fields.credit_type}>
          {(a11y) => (
            <select {...a11y} name="credit_type" defaultValue={sent("credit_type", "manual")} className={inputClass}>
              {CREDIT_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field name="expires_on" label="Expires on (optional)" hint="What is unused stops counting at the end of that day (23:59:59 UTC). Blank: never." error={state.fields.expires_on}>
            {(a11y) => <input {...a11y} name="expires_on" type="date" min={today} defaultValue={sent("expires_on")} className={inputClass} />}
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field name="description" label="Description (optional)" hint="Shown to the customer on the portal." error={state.fields.description}>
            {(a11y) => <input {...a11y} name="description" type="text" autoComplete="off" maxLength={500} defaultValue={sent("description")} className={inputClass} />}
          </Field>
        </div>
      </div>
      <FormStatus state={state} />
      <SubmitButton label="Grant credit" pendingLabel="Granting…" />
    </form>
  );
}

export function VoidCreditForm({ action, id, accountId, remaining }: { action: Action; id: string; accountId: string; remaining: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {confirming ? (
        <form action={formAction} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label="Confirm voiding the credit">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="billing_account_id" value={accountId} />
          <input type="hidden" name="confirm" value="void" />
          <p className="text-slate-800">Void the {remaining} left of this credit? It stops counting at once.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, void it" pendingLabel="Voiding…" variant="danger" />
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700">
          Void…
        </button>
      )}
      {state.status !== "idle" ? <FormStatus state={state} /> : null}
    </div>
  );
}
