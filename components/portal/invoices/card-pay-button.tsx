"use client";

import { useActionState } from "react";

// "Charge Visa ending in 4242": one press, pending while the gateway answers, then the outcome
// inline (the page itself re-renders with the invoice paid).
export type CardPayState = { status: "idle" | "paid" | "error"; message: string | null };
export type CardPayAction = (previous: CardPayState, form: FormData) => Promise<CardPayState>;

export function CardPayButton({ action, label, working, className }: { action: CardPayAction; label: string; working: string; className: string }) {
  const [state, submit, pending] = useActionState<CardPayState, FormData>(action, { status: "idle", message: null });
  return (
    <form action={submit} className="space-y-3">
      <button type="submit" disabled={pending || state.status === "paid"} className={`${className} w-full sm:w-auto`} data-testid="pay-with-card">
        {pending ? working : label}
      </button>
      <div aria-live="polite">
        {!pending && state.status === "paid" ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{state.message}</p>
        ) : null}
      </div>
      {!pending && state.status === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="pay-error">{state.message}</p>
      ) : null}
    </form>
  );
}
