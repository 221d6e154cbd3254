"use client";

import { useActionState } from "react";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import type { Action } from "./record-action";

// Refund a captured payment, fully (amount left empty) or partly, to the payment method or as
// the customer's credit. The amount is typed as money; the server converts it exactly to cents.
export function RefundForm({ id, action, refundable, currencyLabel }: { id: string; action: Action; refundable: string; currencyLabel: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string) => (state.status === "error" ? (state.values?.[name] ?? "") : "");
  return (
    <form key={state.seq} action={formAction} noValidate className="max-w-xl space-y-4" aria-labelledby="refund-heading">
      <input type="hidden" name="id" value={id} />
      <Field name="amount_cents" label={`Amount (${currencyLabel})`} hint={`Leave empty to refund everything left: ${refundable}. Use a comma or a point for cents, e.g. 25,00.`} error={state.fields.amount_cents}>
        {(a11y) => <input {...a11y} name="amount_cents" type="text" inputMode="decimal" autoComplete="off" defaultValue={sent("amount_cents")} className={`${inputClass} max-w-48 tabular-nums`} />}
      </Field>
      <Field name="reason" label="Reason (optional)" hint="Kept with the refund; a refund as credit uses it as the credit's description." error={state.fields.reason}>
        {(a11y) => <input {...a11y} name="reason" type="text" autoComplete="off" defaultValue={sent("reason")} className={inputClass} />}
      </Field>
      <Checkbox name="as_credit" label="Refund as account credit" hint="The amount goes to the customer's credit balance (used by their next invoices) instead of back to the payment method." defaultChecked={sent("as_credit") === "on"} />
      <FormStatus state={state} />
      <SubmitButton label="Refund" pendingLabel="Refunding…" variant="danger" />
    </form>
  );
}
