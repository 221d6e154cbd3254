"use client";
// One form for every sign-in page: labelled fields, the server's error shown under the field it
// names (aria-invalid + aria-describedby), a pending state that also prevents double submits.
import { useActionState } from "react";
import { describedBy, FieldNotes } from "./field-notes";

export type AuthFormState = { error: string | null; field: string | null; email?: string };
export type AuthField = {
  name: string;
  label: string;
  type: "email" | "password" | "text";
  autoComplete: string;
  hint?: string;
  defaultValue?: string;
  autoFocus?: boolean;
};

type Props = {
  action: (prev: AuthFormState, form: FormData) => Promise<AuthFormState>;
  fields: AuthField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel: string;
  variant?: "primary" | "secondary";
  name: string;
};

const INITIAL: AuthFormState = { error: null, field: null };

export function AuthForm({ action, fields, hidden = {}, submitLabel, pendingLabel, variant = "primary", name }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL);
  const fieldNames = fields.map((f) => f.name);
  const generalError = state.error && (!state.field || !fieldNames.includes(state.field)) ? state.error : null;
  const button =
    variant === "primary"
      ? "bg-[var(--brand)] text-[var(--brand-foreground)] hover:opacity-90"
      : "border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50";
  return (
    <form action={formAction} aria-label={name} className="space-y-4" noValidate>
      {generalError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {generalError}
        </p>
      ) : null}
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {fields.map((f) => {
        const id = `${name}-${f.name}`.replace(/\W+/g, "-");
        const error = state.field === f.name ? state.error : null;
        const value = f.type === "email" && state.email !== undefined ? state.email : f.defaultValue;
        return (
          <div key={f.name} className="space-y-1">
            <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
              {f.label}
            </label>
            <input
              key={`${f.name}-${value ?? ""}`}
              id={id}
              name={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              defaultValue={value}
              autoFocus={f.autoFocus}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy({ id, hint: f.hint, error })}
              className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-zinc-900 shadow-sm focus:border-[var(--brand)] focus:outline-none focus:ring-2 focus:ring-[var(--brand)] aria-[invalid=true]:border-red-600"
            />
            <FieldNotes id={id} hint={f.hint} error={error} />
          </div>
        );
      })}
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className={`w-full rounded-md px-4 py-2 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-[var(--brand)] focus-visible:ring-offset-2 disabled:cursor-wait disabled:opacity-70 ${button}`}
      >
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
