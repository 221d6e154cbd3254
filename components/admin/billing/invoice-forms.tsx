"use client";

import { useActionState } from "react";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import { LineInputs } from "./line-inputs";
import type { Action } from "./record-action";

// A one-off invoice (POST /invoices): customer, lines, how it is collected, memo, and whether to
// finalize it at once; and more lines on a draft (POST /invoices/:id/lines).
type Account = { id: string; name: string; email: string };

export function NewInvoiceForm({ action, accounts, currency, accountId }: { action: Action; accounts: Account[]; currency: string; accountId?: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string, fallback = "") => (state.status === "error" ? (state.values?.[name] ?? fallback) : fallback);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-5" aria-labelledby="new-invoice-heading">
      <Field name="billing_account_id" label="Customer" error={state.fields.billing_account_id}>
        {(a11y) => (
          <select {...a11y} name="billing_account_id" defaultValue={sent("billing_account_id", accountId ?? "")} className={`${inputClass} max-w-xl`}>
            <option value="">Choose a customer…</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.email})</option>)}
          </select>
        )}
      </Field>
      <LineInputs state={state} currencyLabel={currency} />
      <Field name="collection_method" label="Collection" error={state.fields.collection_method}>
        {(a11y) => (
          <select {...a11y} name="collection_method" defaultValue={sent("collection_method", "send_invoice")} className={`${inputClass} max-w-xl`}>
            <option value="send_invoice">Send invoice: the customer pays through the payment link</option>
            <option value="charge_automatically">Charge automatically: the payment method on file is charged when finalized</option>
          </select>
        )}
      </Field>
      <Field name="memo" label="Memo (optional)" hint="Printed on the invoice." error={state.fields.memo}>
        {(a11y) => <textarea {...a11y} name="memo" rows={2} defaultValue={sent("memo")} className={`${inputClass} max-w-xl`} />}
      </Field>
      <Checkbox name="finalize" label="Finalize now" hint="Number it and open it for payment at once; otherwise it stays a draft you can still change." defaultChecked={sent("finalize") === "on"} />
      <FormStatus state={state} />
      <SubmitButton label="Create invoice" pendingLabel="Creating…" />
    </form>
  );
}

export function AddLinesForm({ id, action, currency }: { id: string; action: Action; currency: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="add-lines-heading">
      <input type="hidden" name="id" value={id} />
      <LineInputs state={state} currencyLabel={currency} />
      <FormStatus state={state} />
      <SubmitButton label="Add to the draft" pendingLabel="Adding…" />
    </form>
  );
}
