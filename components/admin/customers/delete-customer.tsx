"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// "Delete customer", behind a confirmation: deleted when the account has no history (the page
// goes back to the list), archived otherwise (the answer says so).
export function DeleteCustomer({ action, id, name }: { action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>; id: string; name: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby="delete-heading" className="space-y-3 rounded-xl border border-red-200 bg-white p-5 shadow-sm">
      <h2 id="delete-heading" className="text-base font-semibold text-slate-900">Delete customer</h2>
      <p className="text-sm text-slate-700">A customer without history is deleted. One with subscriptions, invoices, credits or portal users is archived instead: it stays readable, its records stay as they are, and it can no longer change.</p>
      {confirming ? (
        <form action={formAction} className="space-y-2 rounded-md bg-slate-50 p-3 text-sm" aria-label="Confirm deleting the customer">
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="confirm" value="delete" />
          <p className="text-slate-800">Delete {name}?</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton label="Yes, delete" pendingLabel="Deleting…" variant="danger" />
            <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Cancel</button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-teal-700">
          Delete customer…
        </button>
      )}
      {state.status !== "idle" ? <FormStatus state={state} /> : null}
    </section>
  );
}
