"use client";
// Recovery codes, shown once right after they are made: a list, Copy and Download (.txt).
import { useState, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { plainButton } from "./code-form";

export function RecoveryCodes({ codes, locale, accountName, children }: { codes: string[]; locale: Locale; accountName: string; children?: ReactNode }) {
  const t = pick(twoFactorMessages, locale);
  const [copied, setCopied] = useState(false);
  const text = `${t.recoveryFileHeader(accountName)}\n\n${codes.join("\n")}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-4" data-testid="recovery-codes">
      <h2 id="recovery-codes-title" className="text-lg font-semibold text-zinc-900">
        {t.recoveryTitle}
      </h2>
      <p className="text-sm text-zinc-700">{t.recoveryIntro}</p>
      <ul aria-label={t.recoveryListLabel} className="grid grid-cols-2 gap-2 rounded-md bg-zinc-50 p-3 font-mono text-sm text-zinc-900">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={copy} className={plainButton}>
          {copied ? t.copied : t.copy}
        </button>
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="recovery-codes.txt" className={plainButton}>
          {t.download}
        </a>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {copied ? t.copied : ""}
      </p>
      {children}
    </section>
  );
}
