"use client";

import { useActionState } from "react";
import type { PayFormAction, PayFormState, PayLinkError } from "@/lib/pay-link/pay";

const initial: PayFormState = { error: null };

type Button = { method: "pix" | "boleto"; label: string };

/** The "Pay with PIX" / "Generate boleto" buttons: one form, the pressed button names the method. */
export function PayButtons({ action, buttons, working, errors }: { action: PayFormAction; buttons: Button[]; working: string; errors: Record<PayLinkError, string> }) {
  const [state, submit, pending] = useActionState(action, initial);
  return (
    <form action={submit} className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row">
        {buttons.map((button, index) => (
          <button
            key={button.method}
            type="submit"
            name="method"
            value={button.method}
            disabled={pending}
            className={
              "inline-flex flex-1 items-center justify-center rounded-lg px-4 py-2.5 text-sm font-semibold shadow-sm transition-opacity disabled:opacity-60 " +
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand " +
              (index === 0 ? "bg-brand text-brand-contrast hover:opacity-90" : "bg-white text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50")
            }
          >
            {button.label}
          </button>
        ))}
      </div>
      {pending ? <p className="text-sm text-zinc-600" aria-live="polite">{working}</p> : null}
      {state.error && !pending ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errors[state.error]}</p>
      ) : null}
    </form>
  );
}

/** Sandbox only: pays the invoice through the sandbox gateway. */
export function SimulateButton({ action, label, working, errors }: { action: PayFormAction; label: string; working: string; errors: Record<PayLinkError, string> }) {
  const [state, submit, pending] = useActionState(action, initial);
  return (
    <form action={submit} className="space-y-2">
      <button
        type="submit"
        disabled={pending}
        className="inline-flex w-full items-center justify-center rounded-lg bg-amber-950 px-4 py-2.5 text-sm font-semibold text-amber-50 shadow-sm hover:bg-amber-900 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-950"
      >
        {pending ? working : label}
      </button>
      {state.error && !pending ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{errors[state.error]}</p>
      ) : null}
    </form>
  );
}
