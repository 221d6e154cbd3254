"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// An open proposal's actions (business:write): send or send again, change its validity and
// message, withdraw it (behind a confirm step). Each answers in place; the page re-renders.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

export function SendProposalForm({ id, action, sentBefore }: { id: string; action: Action; sentBefore: boolean }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-3" aria-label={sentBefore ? "Send the proposal again" : "Send the proposal"}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton label={sentBefore ? "Send again" : "Send to customer"} pendingLabel="Sending…" variant={sentBefore ? "secondary" : "primary"} />
      <FormStatus state={state} />
    </form>
  );
}

export function UpdateProposalForm({ id, action, validUntil, message, timeZone }: { id: string; action: Action; validUntil: string; message: string; timeZone: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const value = (name: string, saved: string) => (state.status === "error" ? (state.values?.[name] ?? saved) : saved);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="edit-proposal-heading">
      <input type="hidden" name="id" value={id} />
      <Field name="valid_until" label="Valid until" hint={`Date and time in ${timeZone}.`} error={state.fields.valid_until}>
        {(a11y) => <input {...a11y} name="valid_until" type="datetime-local" defaultValue={value("valid_until", validUntil)} className={inputClass} />}
      </Field>
      <Field name="message" label="Message to the customer" hint="Blank removes it. The offer itself cannot change: make a new proposal for that." error={state.fields.message}>
        {(a11y) => <textarea {...a11y} name="message" rows={3} maxLength={2000} defaultValue={value("message", message)} className={inputClass} />}
      </Field>
      <FormStatus state={state} />
      <SubmitButton label="Save changes" pendingLabel="Saving…" variant="secondary" />
    </form>
  );
}

export function WithdrawProposalForm({ id, action }: { id: string; action: Action }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {confirming ? (
        <form action={formAction} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label="Confirm withdrawing the proposal">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="confirm" value="withdraw" />
          <p className="text-slate-800">Withdraw this proposal? The customer can no longer accept it. This cannot be undone.</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, withdraw it" pendingLabel="Withdrawing…" variant="danger" />
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Keep it</button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700">
          Withdraw…
        </button>
      )}
      <FormStatus state={state} />
    </div>
  );
}
