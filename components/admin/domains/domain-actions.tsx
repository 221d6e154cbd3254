"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// A domain's buttons: "Verify now" (the DNS check POST /domains/:id/verify runs) and removal,
// which asks first and says what removal does.
type Action = (prev: AdminFormState) => Promise<AdminFormState>;

export function VerifyDomain({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  return (
    <form action={formAction} className="space-y-2">
      <SubmitButton label="Verify now" pendingLabel="Checking DNS…" />
      <FormStatus state={state} />
    </form>
  );
}

export function RemoveDomain({ hostname, action }: { hostname: string; action: Action }) {
  const [confirming, setConfirming] = useState(false);
  const [state, formAction] = useActionState(action, IDLE_FORM);
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="inline-flex items-center rounded-md bg-white px-4 py-2 text-sm font-semibold text-red-800 shadow-sm ring-1 ring-inset ring-red-300 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700"
      >
        Remove domain
      </button>
    );
  }
  return (
    <form action={formAction} role="group" aria-label={`Remove ${hostname}`} className="space-y-3 rounded-md bg-red-50 p-3 ring-1 ring-red-200">
      <p className="text-sm text-red-950">
        Remove <strong className="break-all">{hostname}</strong>? Your portal stops being served there at once and its certificate is deleted. Adding it again means verifying it again.
      </p>
      <div className="flex flex-wrap gap-3">
        <SubmitButton label="Yes, remove it" pendingLabel="Removing…" variant="danger" />
        <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-4 py-2 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-white focus-visible:outline-2 focus-visible:outline-teal-700">
          Cancel
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
