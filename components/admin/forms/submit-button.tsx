"use client";

import { useFormStatus } from "react-dom";

// The form's submit button: disabled while the action runs (no double submit), saying so.
export function SubmitButton({ label, pendingLabel, name, value, variant = "primary" }: { label: string; pendingLabel: string; name?: string; value?: string; variant?: "primary" | "secondary" | "danger" }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-teal-700 text-white hover:bg-teal-800",
    secondary: "bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
    danger: "bg-white text-red-800 ring-1 ring-inset ring-red-300 hover:bg-red-50",
  }[variant];
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center rounded-md px-4 py-2 text-sm font-semibold shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 disabled:cursor-wait disabled:opacity-70 ${styles}`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
