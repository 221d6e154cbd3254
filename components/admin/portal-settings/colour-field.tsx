"use client";

import { contrastRatio, readableOnWhite } from "@/lib/portal/contrast";
import { fieldId, FieldError, inputClass } from "../forms/field";

// A brand colour: hex text and a colour picker bound together, with the contrast check the
// settings apply on save (lib/portal/contrast.ts) shown as you type.
const HEX = /^#[0-9a-fA-F]{6}$/;
export const CONTRAST_MESSAGE = "must contrast at least 4.5:1 with white (WCAG AA) — choose a darker colour";

type Props = { name: string; label: string; value: string; onChange: (value: string) => void; error?: string; disabled?: boolean };

export function ColourField({ name, label, value, onChange, error, disabled }: Props) {
  const id = fieldId(name);
  const valid = HEX.test(value);
  const ratio = valid ? contrastRatio(value, "#ffffff") : null;
  const passes = valid && readableOnWhite(value);
  const shownError = error ?? (valid ? (passes ? undefined : CONTRAST_MESSAGE) : "must be a hex colour such as #4f46e5");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <div className="mt-1 flex items-center gap-2">
        <input
          type="color"
          aria-label={`${label} picker`}
          value={valid ? value.toLowerCase() : "#000000"}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          className="h-9 w-12 cursor-pointer rounded border border-slate-300 bg-white p-0.5"
        />
        <input
          id={id}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          disabled={disabled}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={`${id}-contrast${shownError ? ` ${id}-error` : ""}`}
          className={`${inputClass} mt-0 w-32 font-mono`}
        />
      </div>
      <p id={`${id}-contrast`} className="mt-1 text-xs text-slate-600" data-testid={`${name}-contrast`}>
        {ratio === null ? "Contrast with white: —" : `Contrast with white: ${ratio.toFixed(2)}:1 — ${passes ? "passes WCAG AA" : "fails WCAG AA (4.5:1 needed)"}`}
      </p>
      <FieldError id={`${id}-error`} error={shownError} />
    </div>
  );
}
