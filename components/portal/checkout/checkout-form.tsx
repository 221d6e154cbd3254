"use client";

import { useRef, useState, useTransition } from "react";
import type { CheckoutOffer } from "@/lib/checkout/offer";
import type { CheckoutQuote } from "@/lib/checkout/quote";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { linkClass, primaryButton } from "../manage/buttons";
import { clearCardFields, tokenizeCardFields, type CardFieldError } from "../payment-methods/card-fields";
import { CheckoutSuccess } from "./checkout-success";
import { CustomerFields, type CustomerValues } from "./customer-fields";
import { money } from "./money";
import { OrderSummary } from "./order-summary";
import { PaymentOptions, type PayMethod } from "./payment-options";
import { PlanOptions, type AddOnChoice } from "./plan-options";
import { PromoField } from "./promo-field";
import type { CheckoutActions, CompletedState, EmbedContext, Refusal } from "./types";

type Props = {
  locale: Locale;
  offer: CheckoutOffer;
  initialQuote: CheckoutQuote | null;
  merchantName: string;
  formKey: string;
  embed: EmbedContext | null;
  actions: CheckoutActions;
};

/**
 * The checkout on one page: plan options, promotion code, customer, payment, summary, pay. The
 * quote is asked again whenever a choice changes; the card is tokenized in the browser; the
 * server answers field errors keyed by path, shown next to their fields.
 */
export function CheckoutForm({ locale, offer, initialQuote, formKey, embed, actions }: Props) {
  const m = pick(checkoutMessages, locale);
  const [cycleKey, setCycleKey] = useState(offer.cycles[0]!.key);
  const [addOns, setAddOns] = useState<AddOnChoice>({});
  const [promo, setPromo] = useState<string | null>(null);
  const [promoError, setPromoError] = useState<string | null>(null);
  const [quote, setQuote] = useState<CheckoutQuote | null>(initialQuote);
  const [customer, setCustomer] = useState<CustomerValues>({});
  const [method, setMethod] = useState<PayMethod>("card");
  const [cardError, setCardError] = useState<CardFieldError>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<CompletedState | null>(null);
  const [quoting, startQuote] = useTransition();
  const [paying, startPay] = useTransition();
  const [tokenizing, setTokenizing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = paying || tokenizing;
  const cycle = offer.cycles.find((c) => c.key === cycleKey) ?? offer.cycles[0]!;

  const selection = (next: { cycleKey?: string; addOns?: AddOnChoice; promo?: string | null } = {}) => {
    const c = offer.cycles.find((x) => x.key === (next.cycleKey ?? cycleKey))!;
    const chosen = next.addOns ?? addOns;
    return {
      billing_cycle: c.cycle,
      add_ons: c.addOns.filter((a) => (chosen[a.priceId] ?? 0) > 0).map((a) => ({ price_id: a.priceId, quantity: chosen[a.priceId]! })),
      promo_code: (next.promo !== undefined ? next.promo : promo) ?? null,
    };
  };

  function requote(next: { cycleKey?: string; addOns?: AddOnChoice; promo?: string | null }) {
    startQuote(async () => {
      const answer = await actions.quote(selection(next)).catch(() => null);
      if (!answer) return setRefusal({ ok: false, code: "unavailable", fields: {} });
      if (answer.ok) {
        setQuote(answer.quote);
        setPromoError(null);
        if (next.promo !== undefined) setPromo(next.promo);
        setRefusal(null);
      } else if (answer.code === "promo_invalid" && next.promo) {
        setPromoError(m.promoInvalid);
      } else {
        setRefusal(answer);
      }
    });
  }

  async function pay(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || done) return;
    setRefusal(null);
    setCardError(null);
    let payment: { type: PayMethod; token?: string } = { type: method };
    if (method === "card") {
      setTokenizing(true);
      const tokenized = await tokenizeCardFields(formRef.current!, locale);
      setTokenizing(false);
      if (!tokenized.ok) return setCardError({ field: tokenized.field, message: tokenized.message });
      payment = { type: "card", token: tokenized.token };
    }
    const { phone, ...rest } = customer;
    const address = Object.fromEntries(["line1", "number", "complement", "district", "city", "state", "postal_code"].map((k) => [k, rest[k]?.trim() ? rest[k] : k === "line1" || k === "city" || k === "state" || k === "postal_code" ? (rest[k] ?? "") : null]));
    const payload = {
      ...selection(),
      customer: { name: rest.name ?? "", email: rest.email ?? "", phone: phone?.trim() ? phone : null, document: rest.document ?? "", tax_address: address },
      payment,
      idempotency_key: formKey,
    };
    startPay(async () => {
      const answer = await actions.complete(payload, { embed: embed !== null }).catch(() => null);
      if (!answer) return setRefusal({ ok: false, code: "unavailable", fields: { form: m.errors.unreachable } });
      if (answer.ok) {
        if (formRef.current) clearCardFields(formRef.current);
        setDone(answer);
        return;
      }
      if (answer.code === "promo_invalid") setPromoError(m.promoInvalid);
      if (answer.fields["payment.token"]) setCardError({ field: "number", message: answer.fields["payment.token"] });
      setRefusal(answer);
    });
  }

  if (done) return <CheckoutSuccess locale={locale} state={done} embed={embed} />;

  const errors = refusal?.fields ?? {};
  const dueToday = quote?.due_today.total_cents ?? 0;
  const label = quote?.trial ? m.startTrial : method === "boleto" ? m.subscribeBoleto : method === "pix" ? m.subscribePix : dueToday > 0 && quote ? m.pay(money(dueToday, quote.currency, locale)) : m.startTrial;
  return (
    <form ref={formRef} onSubmit={pay} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        {refusal && refusal.code !== "promo_invalid" ? <RefusalNotice locale={locale} refusal={refusal} embed={embed !== null} /> : null}
        <PlanOptions
          locale={locale} offer={offer} cycle={cycle} addOns={addOns} disabled={busy} error={errors["add_ons"] ?? Object.entries(errors).find(([k]) => k.startsWith("add_ons"))?.[1]}
          onCycle={(key) => { setCycleKey(key); setAddOns({}); requote({ cycleKey: key, addOns: {} }); }}
          onAddOns={(next) => { setAddOns(next); requote({ addOns: next }); }}
        />
        <PromoField locale={locale} applied={promo} error={promoError} disabled={busy || quoting} onApply={(code) => requote({ promo: code })} />
        <CustomerFields locale={locale} values={customer} errors={errors} disabled={busy} onChange={(name, value) => setCustomer((c) => ({ ...c, [name]: value }))} />
        <PaymentOptions locale={locale} method={method} onMethod={setMethod} cardError={cardError} disabled={busy} />
      </div>
      <div className="space-y-4">
        <OrderSummary locale={locale} quote={quote} updating={quoting} />
        <button type="submit" className={`${primaryButton} w-full py-3 text-base`} disabled={busy || quoting || !quote}>{label}</button>
        {busy ? <p role="status" aria-live="polite" className="text-sm text-zinc-600">{tokenizing ? m.tokenizing : m.processing}</p> : null}
        <p className="text-center text-xs text-zinc-500">{m.secure}</p>
      </div>
    </form>
  );
}

function RefusalNotice({ locale, refusal, embed }: { locale: Locale; refusal: Refusal; embed: boolean }) {
  const m = pick(checkoutMessages, locale).errors;
  const text = refusal.code === "not_found" || refusal.code === "unavailable" ? (refusal.fields.form ?? m.unavailable) : refusal.code === "invalid" ? (refusal.fields.form ?? m.invalid) : m[refusal.code];
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
      {text}
      {refusal.code === "account_exists" ? (
        <> <a href="/sign-in" className={linkClass} target={embed ? "_blank" : undefined} rel={embed ? "noopener" : undefined}>{m.signIn}</a></>
      ) : null}
    </div>
  );
}
