"use client";

import { useState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { fieldClass, labelClass, secondaryButton } from "../manage/buttons";
import { legendClass, sectionClass } from "./field";

/** One code field for coupons and discount codes; applying it re-quotes, its error shows inline. */
export function PromoField(props: { locale: Locale; applied: string | null; error: string | null; onApply: (code: string | null) => void; disabled: boolean }) {
  const m = pick(checkoutMessages, props.locale);
  const [code, setCode] = useState("");
  return (
    <section aria-labelledby="step-promo" className={sectionClass}>
      <h2 id="step-promo" className={legendClass}>{m.steps.promo}</h2>
      {props.applied ? (
        <div className="flex flex-wrap items-center gap-3">
          <p role="status" className="text-sm text-emerald-800">{m.promoApplied(props.applied)}</p>
          <button type="button" className={secondaryButton} onClick={() => props.onApply(null)} disabled={props.disabled}>{m.promoRemove}</button>
        </div>
      ) : (
        <div>
          <label htmlFor="promo_code" className={labelClass}>{m.promoLabel}</label>
          <div className="mt-1 flex gap-2">
            <input
              id="promo_code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" className={`${fieldClass} mt-0`}
              aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? "promo_code-error" : undefined}
              onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); if (code.trim()) props.onApply(code.trim()); } }}
            />
            <button type="button" className={secondaryButton} onClick={() => code.trim() && props.onApply(code.trim())} disabled={props.disabled}>{m.promoApply}</button>
          </div>
          {props.error ? <p id="promo_code-error" role="alert" className="mt-1 text-sm text-red-700">{props.error}</p> : null}
        </div>
      )}
    </section>
  );
}
