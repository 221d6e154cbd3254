"use client";

import { useEffect, useRef } from "react";
import type { AdminFormState } from "@/lib/admin/form-state";

// The form's answer above its buttons: a success as a polite status, a refusal as an alert that
// takes the focus (so keyboard and screen-reader users land on it), with the details underneath.
export function FormStatus({ state }: { state: AdminFormState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state.seq, state.status]);
  if (state.status === "idle" || !state.message) return <div role="status" aria-live="polite" className="sr-only" />;
  const error = state.status === "error";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={error ? "alert" : "status"}
      data-testid="form-status"
      className={`rounded-md px-3 py-2 text-sm focus:outline-none ${error ? "bg-red-50 text-red-900 ring-1 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200"}`}
    >
      <p className="font-medium">{state.message}</p>
      {state.details?.length ? (
        <ul className="mt-1 list-disc pl-5">
          {state.details.map((d) => (
            <li key={d} className="break-all">{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
