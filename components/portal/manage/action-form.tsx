"use client";

import { useActionState, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/lib/portal/form-state";
import { dangerButton, primaryButton, secondaryButton } from "./buttons";
import { FormStatus } from "./form-status";

export type FormAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

const looks = { primary: primaryButton, secondary: secondaryButton, danger: dangerButton };

/**
 * A form bound to a server action: its fields (rendered by the server), one submit button that
 * is disabled while the action runs (no double submit), and the outcome shown inline.
 */
export function ActionForm({
  action,
  submitLabel,
  submitContext,
  pendingText,
  tone = "primary",
  children,
  linkText,
  className = "space-y-3",
  hideWhenDone = false,
}: {
  action: FormAction;
  submitLabel: string;
  /** Said after the label to screen readers, when several buttons share a label ("Remove" which?). */
  submitContext?: string;
  pendingText: string;
  tone?: keyof typeof looks;
  children?: ReactNode;
  linkText?: string;
  className?: string;
  hideWhenDone?: boolean;
}) {
  const [state, submit, pending] = useActionState(action, IDLE);
  const done = hideWhenDone && state.status === "success";
  return (
    <form action={submit} className={className}>
      {done ? null : children}
      {done ? null : (
        <button type="submit" className={looks[tone]} disabled={pending}>
          {submitLabel}
          {submitContext ? <span className="sr-only"> ({submitContext})</span> : null}
        </button>
      )}
      <FormStatus state={state} pending={pending} pendingText={pendingText} linkText={linkText} />
    </form>
  );
}
