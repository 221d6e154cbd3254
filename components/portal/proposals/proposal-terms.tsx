import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/invoices/format";
import type { PortalProposal, Promotion } from "@/lib/portal/proposals";

function promotionText(p: Promotion, fallbackCurrency: string | null, locale: Locale): string {
  const t = pick(portalManageMessages, locale).proposals;
  if (p.percentOffBps !== null) return t.percentOff(new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(p.percentOffBps / 10_000));
  const currency = p.currency ?? fallbackCurrency ?? "BRL";
  return t.amountOff(formatMoney(p.amountOffCents ?? 0, currency, locale));
}

/** What the proposal offers: plan, items with prices, cycle, trial, promotions, validity, message. */
export function ProposalTerms({ proposal, locale }: { proposal: PortalProposal; locale: Locale }) {
  const all = pick(portalManageMessages, locale);
  const t = all.proposals;
  const currency = proposal.currency ?? "BRL";
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const cycle = proposal.cycle ? all.common.cycleAdjective(proposal.cycle.interval, proposal.cycle.interval_count) : "—";
  const coupon = proposal.coupon;
  const code = proposal.discountCode;
  return (
    <div className="space-y-4">
      {proposal.message ? (
        <div>
          <h2 className="text-sm font-medium text-zinc-600">{t.message}</h2>
          <p className="mt-1 whitespace-pre-line rounded-md border-l-4 border-[var(--brand)] bg-white px-3 py-2 text-sm text-zinc-900">{proposal.message}</p>
        </div>
      ) : null}
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-600">{t.plan}</dt>
          <dd className="font-medium text-zinc-900">{proposal.planName ?? all.subscriptions.custom}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t.cycle}</dt>
          <dd className="text-zinc-900">{cycle}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t.trial}</dt>
          <dd className="text-zinc-900">{proposal.trialDays > 0 ? t.trialDays(proposal.trialDays) : t.noTrial}</dd>
        </div>
        {coupon ? (
          <div>
            <dt className="text-zinc-600">{t.coupon}</dt>
            <dd className="text-zinc-900">
              <span className="font-mono">{coupon.code}</span> — {promotionText(coupon, proposal.currency, locale)}
              {coupon.maxDiscountCents !== null ? t.upTo(money(coupon.maxDiscountCents)) : ""}
            </dd>
          </div>
        ) : null}
        {code ? (
          <div>
            <dt className="text-zinc-600">{t.discountCode}</dt>
            <dd className="text-zinc-900">
              <span className="font-mono">{code.code}</span> — {promotionText(code, proposal.currency, locale)} {t.duration(code.duration, code.durationInMonths)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="text-zinc-600">{t.validUntil}</dt>
          <dd className="text-zinc-900">{formatDateTime(proposal.validUntil, locale)}</dd>
        </div>
      </dl>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t.items}</caption>
        <thead className="text-zinc-600">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">{t.items}</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">{t.quantity}</th>
            <th scope="col" className="py-1 text-right font-medium">{t.amount}</th>
          </tr>
        </thead>
        <tbody>
          {proposal.items.map((item) => (
            <tr key={item.priceId} className="border-t border-zinc-200">
              <td className="py-1.5 pr-3 text-zinc-900">
                {item.productName}
                {item.priceName !== item.productName ? <span className="block text-xs text-zinc-600">{item.priceName}</span> : null}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{item.metered ? "—" : formatNumber(item.quantity, locale)}</td>
              <td className="py-1.5 text-right tabular-nums">{item.amountCents === null ? all.subscriptions.metered : money(item.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-zinc-300">
            <th scope="row" colSpan={2} className="py-1.5 pr-3 text-left font-semibold text-zinc-900">{t.recurring}</th>
            <td className="py-1.5 text-right font-semibold tabular-nums text-zinc-900" data-testid="proposal-total">{money(proposal.recurringCents)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
