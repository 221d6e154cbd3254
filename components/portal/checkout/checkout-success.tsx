"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { CHECKOUT_MESSAGE_TYPE } from "@/lib/checkout/message";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { linkClass, primaryButton, secondaryButton } from "../manage/buttons";
import { day, money } from "./money";
import type { CompletedState, EmbedContext } from "./types";

/** The embedding page's origin, when it is one of the merchant's allowed origins; else null. */
function embedderOrigin(embed: EmbedContext): string | null {
  const ancestors = (window.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  const candidates = [embed.requestedOrigin, ancestors && ancestors.length ? ancestors[0] : null, document.referrer ? new URL(document.referrer).origin : null];
  return candidates.find((o): o is string => typeof o === "string" && embed.allowedOrigins.includes(o)) ?? null;
}

function Copyable({ id, label, value, locale }: { id: string; label: string; value: string; locale: Locale }) {
  const m = pick(checkoutMessages, locale).success;
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">{label}</label>
      <div className="mt-1 flex gap-2">
        <textarea id={id} readOnly value={value} rows={id === "pix-code" ? 3 : 1} className="block w-full resize-none rounded-md border border-zinc-400 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900" />
        <button type="button" className={secondaryButton} onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true), () => {})}>
          {copied ? m.copied : m.copy}
        </button>
      </div>
    </div>
  );
}

export function CheckoutSuccess({ locale, state, embed }: { locale: Locale; state: CompletedState; embed: EmbedContext | null }) {
  const m = pick(checkoutMessages, locale).success;
  const { result } = state;
  const p = result.payment;
  const amount = p.currency ? money(p.amount_cents, p.currency, locale) : "";
  // Once per purchase: a re-render (the page refreshing after the session cookie is set hands
  // new props) must not tell the merchant's page twice.
  const posted = useRef<string | null>(null);
  useEffect(() => {
    if (!embed || window.parent === window || posted.current === result.subscription_id) return;
    const origin = embedderOrigin(embed);
    if (!origin) return; // never post to an origin the merchant did not allow
    posted.current = result.subscription_id;
    window.parent.postMessage(
      { type: CHECKOUT_MESSAGE_TYPE, subscription_id: result.subscription_id, billing_account_id: result.billing_account_id, portal_url: state.portalUrl },
      origin,
    );
  }, [embed, result, state.portalUrl]);
  const lead =
    p.outcome === "paid" ? m.paid(amount)
    : p.outcome === "pending" ? (p.method === "boleto" ? m.boleto(amount) : m.pix(amount))
    : p.outcome === "failed" ? m.failed
    : p.outcome === "processing" ? m.processing
    : result.subscription_status === "trialing" ? m.trial : m.none;
  return (
    <section aria-labelledby="success-title" className="rounded-xl border border-emerald-200 bg-white p-6 shadow-sm" data-testid="checkout-success">
      <h2 id="success-title" className="text-xl font-semibold text-zinc-900" tabIndex={-1}>{m.title}</h2>
      <p role="status" className={`mt-2 text-sm ${p.outcome === "failed" ? "text-red-800" : "text-zinc-700"}`}>{lead}</p>
      <div className="mt-4 space-y-4">
        {state.digitableLine && p.boleto ? (
          <>
            <Copyable id="boleto-line" label={m.digitableLine} value={state.digitableLine} locale={locale} />
            <p className="text-sm text-zinc-600">{m.dueDate(day(p.boleto.due_date, locale))}</p>
          </>
        ) : null}
        {p.pix ? (
          <>
            <Copyable id="pix-code" label={m.pixCode} value={p.pix.payload} locale={locale} />
            <p className="text-sm text-zinc-600">{m.expires(day(p.pix.expires_at, locale))}</p>
          </>
        ) : null}
        {p.pay_path ? (
          <p><a href={p.pay_path} className={linkClass} target={embed ? "_blank" : undefined} rel={embed ? "noopener" : undefined}>{m.payPage}</a></p>
        ) : null}
      </div>
      <div className="mt-6">
        {embed ? (
          state.portalLink ? (
            <>
              <a href={state.portalLink} target="_blank" rel="noopener" className={primaryButton}>{m.openAccount}</a>
              <p className="mt-2 text-xs text-zinc-600">{m.openAccountHint}</p>
            </>
          ) : null
        ) : (
          <Link href="/" className={primaryButton}>{m.overview}</Link>
        )}
      </div>
    </section>
  );
}
