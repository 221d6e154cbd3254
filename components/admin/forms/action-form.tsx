"use client";

import { useActionState, type ReactNode } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "./form-status";
import { SubmitButton } from "./submit-button";

// A settings form driven by a server action: the fields (given the last answer, to show its
// errors and values), the answer, and the save button with its pending state. Each answer
// remounts the fields (key), so they show what was sent or saved.
type Props = {
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
  canWrite: boolean;
  submitLabel: string;
  children: (state: AdminFormState) => ReactNode;
  extraButtons?: ReactNode;
};

export function ActionForm({ action, canWrite, submitLabel, children, extraButtons }: Props) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-6">
      {children(state)}
      <FormStatus state={state} />
      {canWrite ? (
        <div className="flex flex-wrap gap-3">
          <SubmitButton label={submitLabel} pendingLabel="Saving…" />
          {extraButtons}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>
      )}
    </form>
  );
}

/** A checkbox's value after an answer: what was sent, else the saved value. */
export const checkedAfter = (state: AdminFormState, name: string, saved: boolean) => (state.values ? state.values[name] === "on" : saved);

/** A text field's value after an answer: what was sent, else the saved value. */
export const textAfter = (state: AdminFormState, name: string, saved: string) => state.values?.[name] ?? saved;
