"use client";

import { useState } from "react";

// A secret shown once, right after it was made: read-only, selectable, with a copy button and
// the warning that it cannot be shown again (only its hash or ciphertext is kept).
export function SecretReveal({ label, value, note }: { label: string; value: string; note: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="secret-reveal">
      <p className="text-sm font-semibold text-amber-950">Copy it now: you won&apos;t see it again.</p>
      <p className="mt-1 text-sm text-amber-950">{note}</p>
      <label htmlFor="revealed-secret" className="mt-3 block text-sm font-medium text-slate-800">{label}</label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="revealed-secret"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <button type="button" onClick={copy} className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700">
          Copy
        </button>
      </div>
      <p role="status" className="mt-1 text-xs text-slate-700">{copied ? "Copied to the clipboard." : ""}</p>
    </div>
  );
}
