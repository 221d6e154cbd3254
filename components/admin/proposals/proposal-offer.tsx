import { ADMIN_MONEY_LOCALE } from "@/lib/admin/proposal-options";
import type { ProposalDetail } from "@/lib/admin/proposal-views";
import { formatMoney } from "@/lib/invoices/format";
import { DataTable } from "../table/data-table";
import { tdClass } from "../table/format";

// The offer as stored (what accepting creates): every item with its quantity and what it costs
// per period (the catalog's own amount function, integer cents), the cycle, the trial, promotions.
const money = (cents: number, currency: string) => formatMoney(cents, currency, ADMIN_MONEY_LOCALE);

function off(p: { percentOffBps: number | null; amountOffCents: number | null; currency: string | null }): string {
  if (p.percentOffBps !== null) return `${(p.percentOffBps / 100).toLocaleString("en", { maximumFractionDigits: 2 })}% off`;
  return p.amountOffCents !== null && p.currency ? `${money(p.amountOffCents, p.currency)} off` : "";
}

export function cycleText(interval: string | null, count: number | null): string {
  if (!interval) return "—";
  const n = count ?? 1;
  return n === 1 ? (interval === "month" ? "Monthly" : "Yearly") : `Every ${n} ${interval}s`;
}

export function ProposalOffer({ detail }: { detail: ProposalDetail }) {
  const { proposal: p, lines, currency, recurringCents, coupon, discountCode } = detail;
  const metered = lines.some((l) => l.metered);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div><dt className="text-slate-600">Plan</dt><dd className="font-medium text-slate-900">{detail.planName ?? "Individual prices"}</dd></div>
        <div><dt className="text-slate-600">Billing cycle</dt><dd className="font-medium text-slate-900">{cycleText(p.billingInterval, p.intervalCount)}</dd></div>
        <div><dt className="text-slate-600">Trial</dt><dd className="font-medium text-slate-900">{p.trialDays ? `${p.trialDays} days` : "None"}</dd></div>
        {coupon ? (
          <div><dt className="text-slate-600">Coupon</dt><dd className="font-medium text-slate-900"><span className="font-mono">{coupon.code}</span>{coupon.name ? ` (${coupon.name})` : ""}: {off(coupon)}{coupon.maxDiscountCents !== null && currency ? `, at most ${money(coupon.maxDiscountCents, currency)}` : ""}</dd></div>
        ) : null}
        {discountCode ? (
          <div><dt className="text-slate-600">Discount code</dt><dd className="font-medium text-slate-900"><span className="font-mono">{discountCode.code}</span>: {off(discountCode)}, {discountCode.duration === "repeating" ? `for ${discountCode.durationInMonths} months` : discountCode.duration}</dd></div>
        ) : null}
      </dl>
      <DataTable caption="Items" columns={["Product", "Price", "Quantity", "Per period"]} empty={lines.length === 0 ? "No items." : null}>
        {lines.map((l) => (
          <tr key={l.priceId} className="border-b border-slate-100 last:border-0" data-testid="proposal-line">
            <th scope="row" className={`${tdClass} font-medium`}>{l.productName}</th>
            <td className={tdClass}>{l.priceName}</td>
            <td className={tdClass}>{l.quantity}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{l.metered ? "Billed on usage" : l.amountCents !== null && currency ? money(l.amountCents, currency) : "—"}</td>
          </tr>
        ))}
        {lines.length > 0 && currency ? (
          <tr className="border-t border-slate-200 bg-slate-50">
            <th scope="row" colSpan={3} className={`${tdClass} text-right font-semibold`}>Recurring total{coupon || discountCode ? ", before discounts" : ""}{metered ? ", plus usage" : ""}</th>
            <td className={`${tdClass} whitespace-nowrap font-semibold`} data-testid="proposal-total">{money(recurringCents, currency)}</td>
          </tr>
        ) : null}
      </DataTable>
    </div>
  );
}
