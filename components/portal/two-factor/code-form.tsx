"use client";
// One code field and its submit button: the error shown under the field (aria-invalid +
// aria-describedby), the button disabled while the action runs (no double submit).
import { describedBy, FieldNotes } from "@/components/portal/auth/field-notes";
import type { TwoFactorFormState } from "./state";

export const brandButton =
  "inline-flex w-full items-center justify-center rounded-md bg-[var(--brand)] px-4 py-2 text-sm font-semibold text-[var(--brand-foreground)] hover:opacity-90 " +
  "focus:outline-none focus-visible:ring-2 focus-visible:ring-[var(--brand)] focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-70";
export const plainButton =
  "inline-flex items-center justify-center rounded-md border border-zinc-300 bg-white px-4 py-2 text-sm font-semibold text-zinc-900 hover:bg-zinc-50 " +
  "focus:outline-none focus-visible:ring-2 focus-visible:ring-[var(--brand)] focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-70";

type Props = {
  id: string;
  action: (form: FormData) => void;
  state: TwoFactorFormState;
  pending: boolean;
  label: string;
  hint?: string;
  submitLabel: string;
  pendingLabel: string;
  /** Digits only (enrollment) or digits and recovery codes (sign-in). */
  digitsOnly?: boolean;
  hidden?: Record<string, string>;
  tone?: "brand" | "plain";
  autoFocus?: boolean;
};

export function CodeForm({ id, action, state, pending, label, hint, submitLabel, pendingLabel, digitsOnly = false, hidden = {}, tone = "brand", autoFocus = false }: Props) {
  const error = state.status === "error" ? state.message : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
          {label}
        </label>
        <input
          id={id}
          name="code"
          type="text"
          inputMode={digitsOnly ? "numeric" : "text"}
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={digitsOnly ? 7 : 16}
          required
          autoFocus={autoFocus}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy({ id, hint, error })}
          className="block w-full rounded-md border border-zinc-300 px-3 py-2 font-mono tracking-widest text-zinc-900 shadow-sm focus:border-[var(--brand)] focus:outline-none focus:ring-2 focus:ring-[var(--brand)] aria-[invalid=true]:border-red-600"
        />
        <FieldNotes id={id} hint={hint} error={error} />
      </div>
      <button type="submit" disabled={pending} aria-disabled={pending} className={tone === "brand" ? brandButton : `${plainButton} w-full`}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
