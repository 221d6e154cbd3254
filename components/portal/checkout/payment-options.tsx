"use client";

import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { CardFields, type CardFieldError } from "../payment-methods/card-fields";
import { legendClass, sectionClass } from "./field";

export type PayMethod = "card" | "boleto" | "pix";
const METHODS: PayMethod[] = ["card", "boleto", "pix"];

/** Card (the tokenizing inputs), boleto or PIX. */
export function PaymentOptions({ locale, method, onMethod, cardError, disabled }: { locale: Locale; method: PayMethod; onMethod: (m: PayMethod) => void; cardError: CardFieldError; disabled: boolean }) {
  const m = pick(checkoutMessages, locale);
  const t = pick(portalManageMessages, locale).paymentMethods;
  return (
    <section aria-labelledby="step-payment" className={sectionClass}>
      <h2 id="step-payment" className={legendClass}>{m.steps.payment}</h2>
      <fieldset>
        <legend className="sr-only">{m.payment.legend}</legend>
        <div className="mb-4 flex flex-wrap gap-3">
          {METHODS.map((value) => (
            <label key={value} className="flex items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm text-zinc-900 has-[:checked]:border-[var(--brand)] has-[:checked]:ring-1 has-[:checked]:ring-[var(--brand)]">
              <input type="radio" name="payment_method" value={value} checked={method === value} onChange={() => onMethod(value)} disabled={disabled} />
              {m.payment[value]}
            </label>
          ))}
        </div>
      </fieldset>
      {method === "card" ? (
        <div className="space-y-3">
          <p className="text-sm text-zinc-600">{t.cardSecurity}</p>
          <CardFields locale={locale} error={cardError} errorId="checkout-card-error" />
          {cardError ? <p id="checkout-card-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{cardError.message}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-zinc-600">{method === "boleto" ? m.payment.boletoHint : m.payment.pixHint}</p>
      )}
    </section>
  );
}
