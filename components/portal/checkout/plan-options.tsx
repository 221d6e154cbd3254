"use client";

import type { CheckoutOffer, OfferCycle } from "@/lib/checkout/offer";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { fieldClass } from "../manage/buttons";
import { legendClass, sectionClass } from "./field";
import { money } from "./money";

export type AddOnChoice = Record<string, number>;

/** Billing cycle (radios) and the plan's optional items for it (checkbox, quantity when sold per unit). */
export function PlanOptions(props: {
  locale: Locale;
  offer: CheckoutOffer;
  cycle: OfferCycle;
  onCycle: (key: string) => void;
  addOns: AddOnChoice;
  onAddOns: (next: AddOnChoice) => void;
  error?: string;
  disabled: boolean;
}) {
  const { locale, offer, cycle } = props;
  const m = pick(checkoutMessages, locale);
  const per = m.per(cycle.cycle.interval, cycle.cycle.interval_count);
  const price = (cents: number | null) => (cents === null ? m.usageBased : `${money(cents, offer.currency, locale)} ${per}`);
  return (
    <section aria-labelledby="step-plan" className={sectionClass}>
      <h2 id="step-plan" className={legendClass}>{m.steps.plan}</h2>
      {offer.cycles.length > 1 ? (
        <fieldset className="mb-4">
          <legend className="mb-2 text-sm font-medium text-zinc-800">{m.cycle}</legend>
          <div className="flex flex-wrap gap-3">
            {offer.cycles.map((c) => (
              <label key={c.key} className="flex items-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm text-zinc-900 has-[:checked]:border-[var(--brand)] has-[:checked]:ring-1 has-[:checked]:ring-[var(--brand)]">
                <input type="radio" name="billing_cycle" value={c.key} checked={c.key === cycle.key} onChange={() => props.onCycle(c.key)} disabled={props.disabled} />
                {m.cycleName(c.cycle.interval, c.cycle.interval_count)}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p className="text-sm font-medium text-zinc-800">{m.includes}</p>
      <ul className="mb-4 mt-1 space-y-1 text-sm text-zinc-700">
        {cycle.required.map((item) => (
          <li key={item.priceId} className="flex justify-between gap-4">
            <span>{item.productName}{item.quantity > 1 ? ` × ${item.quantity}` : ""}</span>
            <span>{price(item.periodCents)}</span>
          </li>
        ))}
      </ul>
      {cycle.addOns.length > 0 ? (
        <fieldset aria-describedby={props.error ? "add_ons-error" : undefined}>
          <legend className="mb-2 text-sm font-medium text-zinc-800">{m.addOns}</legend>
          <ul className="space-y-2">
            {cycle.addOns.map((item) => {
              const quantity = props.addOns[item.priceId] ?? 0;
              const set = (n: number) => props.onAddOns({ ...props.addOns, [item.priceId]: n });
              return (
                <li key={item.priceId} className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-800">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={quantity > 0} onChange={(e) => set(e.target.checked ? 1 : 0)} disabled={props.disabled} />
                    {item.productName} — {price(item.periodCents)}
                  </label>
                  {item.quantityEditable && quantity > 0 ? (
                    <input
                      type="number" min={1} max={1000} value={quantity} aria-label={m.addOnQuantity(item.productName)} disabled={props.disabled}
                      onChange={(e) => set(Math.max(1, Math.min(1000, Number(e.target.value) || 1)))} className={`${fieldClass} mt-0 w-24`}
                    />
                  ) : null}
                </li>
              );
            })}
          </ul>
          {props.error ? <p id="add_ons-error" className="mt-2 text-sm text-red-700">{props.error}</p> : null}
        </fieldset>
      ) : null}
    </section>
  );
}
