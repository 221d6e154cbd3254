import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatMoney, formatNumber } from "@/lib/invoices/format";
import type { PortalUsageItem } from "@/lib/portal/usage";
import { UsageChart } from "./usage-chart";

/** One metered item: consumption so far, its amount, the projection to the period's end, and the daily chart. */
export function UsageItem({ item, currency, locale }: { item: PortalUsageItem; currency: string; locale: Locale }) {
  const t = pick(portalManageMessages, locale).usage;
  const n = (v: number) => formatNumber(v, locale);
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const name = item.priceName && item.priceName !== item.productName ? `${item.productName} — ${item.priceName}` : item.productName;
  return (
    <section aria-labelledby={`usage-${item.subscriptionItemId}`} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm" data-testid="usage-item">
      <h2 id={`usage-${item.subscriptionItemId}`} className="text-lg font-semibold text-zinc-900">{name}</h2>
      <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-zinc-600">{t.soFar}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="usage-quantity">{n(item.quantity)}</dd>
          {item.includedQuantity > 0 ? <dd className="text-zinc-600">{t.included}: {n(item.includedQuantity)}</dd> : null}
        </div>
        <div>
          <dt className="text-zinc-600">{t.amountSoFar}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900">{money(item.amountCents)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t.projected}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="usage-projected">{n(item.projectedQuantity)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600">{t.projectedAmount}</dt>
          <dd className="text-lg font-semibold tabular-nums text-zinc-900" data-testid="usage-projected-amount">
            {item.projectedAmountCents === null ? t.notProjectable : money(item.projectedAmountCents)}
          </dd>
        </div>
      </dl>
      <UsageChart id={`chart-${item.subscriptionItemId}`} name={name} days={item.days} locale={locale} />
    </section>
  );
}
