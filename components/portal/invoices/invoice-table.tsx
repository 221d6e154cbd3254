import Link from "next/link";
import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { InvoiceListRow } from "@/lib/portal/invoices";
import { Badge, Empty, linkClass } from "../common/card";
import { invoiceTone } from "../common/tones";

// The account's invoices: number (to the detail), dates, total, what is left to pay, status, PDF.
export function InvoiceTable({ rows, m, locale }: { rows: InvoiceListRow[]; m: PortalBillingMessages; locale: string }) {
  if (rows.length === 0) return <Empty>{m.invoices.empty}</Empty>;
  return (
    <div role="region" aria-label={m.invoices.title} tabIndex={0} className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]">
      <table className="w-full min-w-[40rem] text-sm" data-testid="invoice-table">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-zinc-600">
            <th scope="col" className="px-4 py-3 font-medium">{m.invoices.number}</th>
            <th scope="col" className="px-4 py-3 font-medium">{m.invoices.issued}</th>
            <th scope="col" className="px-4 py-3 font-medium">{m.invoices.due}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{m.invoices.total}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{m.invoices.remaining}</th>
            <th scope="col" className="px-4 py-3 font-medium">{m.invoices.status}</th>
            <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{m.invoices.pdf}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const number = r.number ?? r.id;
            const remaining = r.status === "open" || r.status === "uncollectible" ? r.amountDueCents - r.amountPaidCents : 0;
            return (
              <tr key={r.id} className="border-b border-zinc-100 last:border-0">
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  <Link href={`/invoices/${r.id}`} className={linkClass}>{number}</Link>
                </th>
                <td className="px-4 py-3 text-zinc-700">{formatDate(r.finalizedAt ?? r.createdAt, locale, "medium")}</td>
                <td className="px-4 py-3 text-zinc-700">{r.dueAt ? formatDate(r.dueAt, locale, "medium") : "—"}</td>
                <td className="px-4 py-3 text-right tabular-nums text-zinc-900">{formatMoney(r.totalCents, r.currency, locale)}</td>
                <td className="px-4 py-3 text-right tabular-nums text-zinc-900">{formatMoney(remaining, r.currency, locale)}</td>
                <td className="px-4 py-3"><Badge tone={invoiceTone(r.status)}>{m.invoiceStatus[r.status as keyof typeof m.invoiceStatus]}</Badge></td>
                <td className="px-4 py-3 text-right">
                  <a href={`/invoices/${r.id}/pdf`} className={linkClass}>
                    {m.invoices.pdf}
                    <span className="sr-only">{m.invoices.pdfOf(number)}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
