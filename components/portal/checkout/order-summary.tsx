"use client";

import type { CheckoutQuote } from "@/lib/checkout/quote";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { legendClass, sectionClass } from "./field";
import { day, money } from "./money";

/** The quote as the buyer reads it: today's lines, discount, due today, trial and renewal. */
export function OrderSummary({ locale, quote, updating }: { locale: Locale; quote: CheckoutQuote | null; updating: boolean }) {
  const m = pick(checkoutMessages, locale);
  if (!quote) return null;
  const fmt = (cents: number) => money(cents, quote.currency, locale);
  const shown = quote.trial ? (quote.after_trial ?? quote.due_today) : quote.due_today;
  const per = m.per(quote.billing_cycle.interval, quote.billing_cycle.interval_count);
  return (
    <section aria-labelledby="summary-title" aria-busy={updating} className={`${sectionClass} lg:sticky lg:top-6`} data-testid="order-summary">
      <h2 id="summary-title" className={legendClass}>{m.steps.summary}</h2>
      <p className="mb-3 text-sm font-medium text-zinc-900">{quote.plan.name}</p>
      <dl className="space-y-2 text-sm">
        {shown.lines.filter((l) => l.kind !== "discount").map((line, i) => (
          <div key={i} className="flex justify-between gap-4 text-zinc-700">
            <dt>{line.description}</dt>
            <dd className="tabular-nums">{fmt(line.amount_cents)}</dd>
          </div>
        ))}
        {shown.discount_cents > 0 ? (
          <>
            <div className="flex justify-between gap-4 border-t border-zinc-200 pt-2 text-zinc-700"><dt>{m.summary.subtotal}</dt><dd className="tabular-nums">{fmt(shown.subtotal_cents)}</dd></div>
            <div className="flex justify-between gap-4 text-emerald-800"><dt>{m.summary.discount}{quote.promo ? ` (${quote.promo.code})` : ""}</dt><dd className="tabular-nums" data-testid="discount">−{fmt(shown.discount_cents)}</dd></div>
          </>
        ) : null}
        <div className="flex justify-between gap-4 border-t border-zinc-200 pt-2 text-base font-semibold text-zinc-900">
          <dt>{m.summary.dueToday}</dt>
          <dd className="tabular-nums" data-testid="due-today">{fmt(quote.due_today.total_cents)}</dd>
        </div>
      </dl>
      <div className="mt-3 space-y-1 text-sm text-zinc-600">
        {quote.trial ? <p>{m.summary.trial(quote.trial.days, day(quote.trial.ends_at, locale))}</p> : null}
        {quote.trial && quote.after_trial ? <p>{m.summary.afterTrial(fmt(quote.after_trial.total_cents))}</p> : null}
        <p data-testid="recurring">{m.summary.thenEvery(fmt(quote.recurring.total_cents), per, day(quote.recurring.starts_at, locale))}</p>
      </div>
      {updating ? <p role="status" className="mt-2 text-xs text-zinc-500">{m.summary.updating}</p> : null}
    </section>
  );
}
