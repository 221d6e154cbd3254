"use client";

import { useActionState } from "react";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import type { Action } from "./record-action";

// The invoice fields that can still change: a finalized invoice's NF-e record, a draft's memo.
type Nfe = { number: string | null; series: string | null; verification_url: string | null; status: string | null } | null;

const NFE_STATUSES = [["", "Not set"], ["pending", "Pending"], ["issued", "Issued"], ["canceled", "Canceled"], ["error", "Error"]] as const;

export function NfeForm({ action, id, nfe }: { action: Action; id: string; nfe: Nfe }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const value = (name: keyof NonNullable<Nfe>) => (state.status === "error" ? (state.values?.[`nfe.${name}`] ?? "") : (nfe?.[name] ?? ""));
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="nfe-heading">
      <input type="hidden" name="id" value={id} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Field name="nfe.number" label="NF-e number" error={state.fields["nfe.number"]}>
          {(a11y) => <input {...a11y} name="nfe.number" defaultValue={value("number")} autoComplete="off" className={inputClass} />}
        </Field>
        <Field name="nfe.series" label="Series" error={state.fields["nfe.series"]}>
          {(a11y) => <input {...a11y} name="nfe.series" defaultValue={value("series")} autoComplete="off" className={inputClass} />}
        </Field>
        <Field name="nfe.status" label="Status" error={state.fields["nfe.status"]}>
          {(a11y) => (
            <select {...a11y} name="nfe.status" defaultValue={value("status")} className={inputClass}>
              {NFE_STATUSES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field name="nfe.verification_url" label="Verification link (optional)" hint="The city's page where the customer checks the nota fiscal." error={state.fields["nfe.verification_url"]}>
        {(a11y) => <input {...a11y} name="nfe.verification_url" type="url" defaultValue={value("verification_url")} className={`${inputClass} max-w-xl`} />}
      </Field>
      <FormStatus state={state} />
      <SubmitButton label="Save NF-e" pendingLabel="Saving…" />
    </form>
  );
}

export function MemoForm({ action, id, memo }: { action: Action; id: string; memo: string | null }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4" aria-labelledby="memo-heading">
      <input type="hidden" name="id" value={id} />
      <Field name="memo" label="Memo" hint="Printed on the invoice; leave blank to remove it." error={state.fields.memo}>
        {(a11y) => <textarea {...a11y} name="memo" rows={2} defaultValue={state.status === "error" ? (state.values?.memo ?? "") : (memo ?? "")} className={`${inputClass} max-w-xl`} />}
      </Field>
      <FormStatus state={state} />
      <SubmitButton label="Save memo" pendingLabel="Saving…" />
    </form>
  );
}
