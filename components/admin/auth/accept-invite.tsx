"use client";

import { useActionState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// Accepting an invitation: one button when signed in as the invited address; otherwise a name
// and a password for the new account.
export function AcceptButton({ action }: { action: (prev: AdminFormState) => Promise<AdminFormState> }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-3">
      <FormStatus state={state} />
      <SubmitButton label="Accept the invitation" pendingLabel="Joining…" />
    </form>
  );
}

export function NewAccountForm({ action, email }: { action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>; email: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <Field name="name" label="Your name" error={state.fields.name}>
        {(a11y) => <input {...a11y} name="name" autoComplete="name" defaultValue={state.values?.name ?? ""} className={inputClass} />}
      </Field>
      <Field name="password" label="Choose a password" error={state.fields.password} hint="At least 12 characters.">
        {(a11y) => <input {...a11y} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <FormStatus state={state} />
      <SubmitButton label="Create my account and join" pendingLabel="Joining…" />
    </form>
  );
}
