import type { InvoiceLine } from "@/db/schema";
import { formatDateRange, formatMoney, formatNumber, formatSubcents } from "@/lib/invoices/format";
import type { InvoiceWithLines } from "@/lib/invoices/store";
import { DataTable } from "../table/data-table";
import { tdClass } from "../table/format";

// An invoice's lines and totals, from the stored integer amounts (never recomputed here).
export function InvoiceLines({ invoice, locale }: { invoice: InvoiceWithLines; locale: string }) {
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const unit = (l: InvoiceLine) => (l.unitAmountSubcents === null ? "—" : formatSubcents(l.unitAmountSubcents, invoice.currency, locale));
  const totals: Array<[string, number, boolean?]> = [
    ["Subtotal", invoice.subtotalCents],
    ...(invoice.discountCents ? [["Discounts", -invoice.discountCents] as [string, number]] : []),
    ["Total", invoice.totalCents, true],
    ...(invoice.creditAppliedCents ? [["Credit applied", -invoice.creditAppliedCents] as [string, number]] : []),
    ["Amount due", invoice.amountDueCents, true],
    ["Amount paid", invoice.amountPaidCents],
    ...(invoice.amountRefundedCents ? [["Amount refunded", invoice.amountRefundedCents] as [string, number]] : []),
    ["Amount remaining", invoice.amountDueCents - invoice.amountPaidCents, true],
  ];
  return (
    <div className="space-y-4">
      <DataTable caption="Lines" columns={["Description", "Quantity", "Unit price", "Amount"]} empty={invoice.lines.length === 0 ? "This draft has no lines yet." : null}>
        {invoice.lines.map((l) => (
          <tr key={l.id} className="border-b border-slate-100 last:border-0" data-testid="invoice-line">
            <th scope="row" className={`${tdClass} font-normal`}>
              <div className="font-medium text-slate-900">{l.description}</div>
              <div className="text-xs text-slate-600">
                {l.kind.replace(/_/g, " ")}
                {l.periodStart && l.periodEnd ? ` · ${formatDateRange(l.periodStart, l.periodEnd, "en")}` : ""}
              </div>
            </th>
            <td className={`${tdClass} tabular-nums`}>{l.quantity === null ? "—" : formatNumber(l.quantity, locale)}</td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{unit(l)}</td>
            <td className={`${tdClass} whitespace-nowrap text-right tabular-nums`}>{money(l.amountCents)}</td>
          </tr>
        ))}
      </DataTable>
      <dl className="ml-auto max-w-sm space-y-1 text-sm" data-testid="invoice-totals">
        {totals.map(([label, cents, strong]) => (
          <div key={label} className={`flex justify-between gap-6 ${strong ? "font-semibold text-slate-900" : "text-slate-700"}`}>
            <dt>{label}</dt>
            <dd className="tabular-nums">{money(cents)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
