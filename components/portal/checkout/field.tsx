import type { InputHTMLAttributes } from "react";
import { fieldClass, labelClass } from "../manage/buttons";

/** A labelled input with its error (from the server's field map) announced and linked. */
export function Field({ id, label, hint, error, className, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string; error?: string }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>{label}</label>
      <input id={id} className={fieldClass} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-600">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

export const sectionClass = "rounded-xl border border-zinc-200 bg-white p-5 shadow-sm";
export const legendClass = "mb-3 text-base font-semibold text-zinc-900";
