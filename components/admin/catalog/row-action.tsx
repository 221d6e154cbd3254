"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;

/**
 * One button that posts a row's id (deactivate, archive, delete…), optionally behind a confirm
 * step that says what will happen; its answer underneath. When the row was deleted, a link back
 * to the list replaces the page's now-stale controls.
 */
export function RowAction({ action, fields, label, pendingLabel, variant = "secondary", confirm, backHref, backLabel }: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  backHref?: string;
  backLabel?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const [confirming, setConfirming] = useState(false);
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const deleted = state.status === "success" && state.values?.deleted;
  return (
    <div className="space-y-2">
      {confirm && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className={`rounded-md px-3 py-1.5 text-sm font-semibold ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-teal-700 ${variant === "danger" ? "bg-white text-red-800 ring-red-300 hover:bg-red-50" : "bg-white text-slate-900 ring-slate-300 hover:bg-slate-50"}`}>
          {label}…
        </button>
      ) : null}
      {!confirm || confirming ? (
        <form action={formAction} aria-label={label} className={confirm ? "space-y-2 rounded-md bg-slate-50 p-3 text-sm" : undefined}>
          {hidden}
          {confirm ? <p className="text-slate-800">{confirm}</p> : null}
          <div className="flex flex-wrap gap-2">
            <SubmitButton label={confirm ? `Yes, ${label.toLowerCase()}` : label} pendingLabel={pendingLabel} variant={variant} />
            {confirm ? <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">Cancel</button> : null}
          </div>
        </form>
      ) : null}
      {state.status !== "idle" ? <FormStatus state={state} /> : null}
      {deleted && backHref ? <Link href={backHref} className="text-sm font-medium text-teal-800 underline">{backLabel ?? "Back to the list"}</Link> : null}
    </div>
  );
}
