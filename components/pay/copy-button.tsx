"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so for a moment (the field beside it stays selectable). */
export function CopyButton({ text, label, copiedLabel }: { text: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      // No clipboard permission (or an insecure origin): the code stays in its field to copy by hand.
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex items-center justify-center rounded-lg bg-brand px-4 py-2.5 text-sm font-semibold text-brand-contrast shadow-sm hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  );
}
