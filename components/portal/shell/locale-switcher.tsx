"use client";

import { useActionState } from "react";

// The language switcher: stores the user's choice (a server action updating their portal user)
// and the page re-renders in it.
export type LocaleFormState = { status: "idle" | "saved" | "failed" };
export type LocaleAction = (previous: LocaleFormState, form: FormData) => Promise<LocaleFormState>;

type Props = {
  action: LocaleAction;
  current: string;
  options: Array<{ value: string; label: string }>;
  labels: { language: string; saved: string; failed: string };
};

export function LocaleSwitcher({ action, current, options, labels }: Props) {
  const [state, submit, pending] = useActionState<LocaleFormState, FormData>(action, { status: "idle" });
  return (
    <form action={submit} className="flex items-center gap-2">
      <label htmlFor="portal-locale" className="sr-only">{labels.language}</label>
      <select
        id="portal-locale"
        name="locale"
        defaultValue={current}
        disabled={pending}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.value}>{o.label}</option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md px-2 py-1.5 text-sm font-semibold ring-1 ring-zinc-300">{labels.language}</button>
      </noscript>
      <span role="status" aria-live="polite" className="sr-only">
        {state.status === "saved" ? labels.saved : ""}
      </span>
      {state.status === "failed" ? <span role="alert" className="text-xs text-red-700">{labels.failed}</span> : null}
    </form>
  );
}
