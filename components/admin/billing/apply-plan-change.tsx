"use client";

import { useActionState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// "Apply this change": posts the previewed target and the amount due now it showed; the server
// applies it only if the figures still hold (then opens the subscription afresh).
export function ApplyPlanChange({ action, id, target, expectedCents, label }: {
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
  id: string;
  target: string;
  expectedCents: number;
  label: string;
}) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="expected_amount_due_now_cents" value={expectedCents} />
      <FormStatus state={state} />
      <SubmitButton label={label} pendingLabel="Applying…" />
    </form>
  );
}
