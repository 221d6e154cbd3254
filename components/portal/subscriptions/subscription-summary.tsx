import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate, formatDateRange, formatMoney, formatNumber } from "@/lib/invoices/format";
import type { PortalSubscription } from "@/lib/portal/subscriptions";
import { StatusBadge } from "../manage/status-badge";

/** Notes on what is about to happen to a subscription (trial end, scheduled cancel or change, pause). */
export function subscriptionNotes(sub: PortalSubscription, locale: Locale): string[] {
  const s = pick(portalManageMessages, locale).subscriptions;
  const d = (date: Date) => formatDate(date, locale);
  const notes: string[] = [];
  if (sub.status === "trialing" && sub.trialEnd) notes.push(s.trialEnds(d(sub.trialEnd)));
  if (sub.cancelAtPeriodEnd && sub.status !== "canceled") notes.push(s.cancelsOn(d(sub.currentPeriodEnd)));
  if (sub.status === "canceled" && sub.endedAt) notes.push(s.endedOn(d(sub.endedAt)));
  if (sub.status === "paused" && sub.pausedAt) notes.push(s.pausedSince(d(sub.pausedAt)));
  if (sub.status === "paused" && sub.resumeAt) notes.push(s.resumesOn(d(sub.resumeAt)));
  if (sub.pendingChange) notes.push(s.pending(sub.pendingChange.planName ?? s.custom, d(sub.pendingChange.effectiveAt)));
  return notes;
}

/** Plan, status, cycle, period, recurring amount and items of one subscription. */
export function SubscriptionSummary({ sub, locale, headingLevel = 2 }: { sub: PortalSubscription; locale: Locale; headingLevel?: 1 | 2 }) {
  const t = pick(portalManageMessages, locale);
  const s = t.subscriptions;
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const money = (cents: number) => formatMoney(cents, sub.currency, locale);
  const cycle = t.common.cycle(sub.cycle.interval, sub.cycle.interval_count);
  const items = sub.items.filter((i) => i.quantity > 0 || i.price.usageType === "metered");
  return (
    <div>
      <div className="flex flex-wrap items-center gap-3">
        <Heading className={headingLevel === 1 ? "text-2xl font-bold tracking-tight text-zinc-950" : "text-lg font-semibold text-zinc-900"}>{sub.planName ?? s.custom}</Heading>
        <StatusBadge status={sub.status} label={t.common.status[sub.status] ?? sub.status} />
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-600">{s.cycle}</dt>
          <dd className="text-zinc-900">{t.common.cycleAdjective(sub.cycle.interval, sub.cycle.interval_count)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{s.period}</dt>
          <dd className="text-zinc-900">{formatDateRange(sub.currentPeriodStart, sub.currentPeriodEnd, locale)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{s.recurring}</dt>
          <dd className="font-semibold text-zinc-900" data-testid="recurring-amount">
            {money(sub.recurringCents)} <span className="font-normal text-zinc-600">{t.common.perPeriod(cycle)}</span>
          </dd>
        </div>
      </dl>
      {subscriptionNotes(sub, locale).map((note) => (
        <p key={note} className="mt-2 text-sm text-amber-950">{note}</p>
      ))}
      {items.length > 0 ? (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">{s.items}</caption>
          <thead className="text-zinc-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">{s.items}</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">{s.quantity}</th>
              <th scope="col" className="py-1 text-right font-medium">{t.preview.amount}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-t border-zinc-200">
                <td className="py-1.5 pr-3 text-zinc-900">
                  {item.price.productName}
                  {item.price.name !== item.price.productName ? <span className="block text-xs text-zinc-600">{item.price.name}</span> : null}
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums" data-testid={`quantity-${item.priceId}`}>
                  {item.price.usageType === "metered" ? "—" : formatNumber(item.quantity, locale)}
                </td>
                <td className="py-1.5 text-right tabular-nums">{item.amountCents === null ? s.metered : money(item.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
