"use client";

import { useState } from "react";

// Copies `value` to the clipboard and says so (politely, for screen readers too). `label` names
// what is copied, so several buttons on a page are told apart.
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
    setTimeout(() => setCopied(null), 2500);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy ${label}`}
        className="rounded-md bg-white px-2 py-1 text-xs font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700"
      >
        Copy
      </button>
      <span role="status" aria-live="polite" className="text-xs text-slate-700">
        {copied === "yes" ? "Copied" : copied === "no" ? "Copy failed: select and copy by hand" : ""}
      </span>
    </span>
  );
}
