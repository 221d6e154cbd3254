import type { InvoiceDocument } from "@/lib/invoices/document";
import { formatDate, formatDateRange, formatMoney, formatNumber, formatSubcents } from "@/lib/invoices/format";
import type { PayLabels } from "./labels";

// The invoice as the payment page shows it: number, dates, lines and totals, and the PDF.
export function InvoiceSummary({ doc, labels, pdfHref }: { doc: InvoiceDocument; labels: PayLabels; pdfHref: string }) {
  const { invoice, customer, locale } = doc;
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const remaining = invoice.amount_due_cents - invoice.amount_paid_cents;
  // In the order the arithmetic runs: total = subtotal - discount; due = total - credit.
  const totals: Array<{ label: string; value: string }> = [{ label: labels.subtotal, value: money(invoice.subtotal_cents) }];
  if (invoice.discount_cents > 0) totals.push({ label: labels.discount, value: money(-invoice.discount_cents) });
  totals.push({ label: labels.total, value: money(invoice.total_cents) });
  if (invoice.credit_applied_cents > 0) totals.push({ label: labels.creditApplied, value: money(-invoice.credit_applied_cents) });
  if (invoice.amount_paid_cents > 0) totals.push({ label: labels.amountPaid, value: money(invoice.amount_paid_cents) });

  return (
    <section aria-labelledby="invoice-heading" className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm font-medium text-zinc-600">{labels.invoice}</p>
          <h1 id="invoice-heading" className="text-2xl font-bold tracking-tight text-zinc-950">
            {invoice.number ?? labels.draft}
          </h1>
        </div>
        <a
          href={pdfHref}
          className="inline-flex items-center rounded-lg px-3 py-2 text-sm font-semibold text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
        >
          {labels.downloadPdf}
        </a>
      </div>

      <dl className="mt-6 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
        <Fact label={labels.billedTo} value={customer.legal_name && customer.legal_name !== customer.name ? `${customer.name} (${customer.legal_name})` : customer.name} />
        {invoice.due_at ? <Fact label={labels.dueDate} value={formatDate(invoice.due_at, locale)} /> : null}
        <Fact label={labels.issued} value={formatDate(invoice.finalized_at ?? invoice.created_at, locale)} />
        {invoice.period_start && invoice.period_end ? (
          <Fact label={labels.servicePeriod} value={formatDateRange(invoice.period_start, invoice.period_end, locale)} />
        ) : null}
      </dl>

      <table className="mt-6 w-full text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-zinc-600">
            <th scope="col" className="py-2 font-medium">{labels.description}</th>
            <th scope="col" className="py-2 text-right font-medium">{labels.amount}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((line, index) => {
            const negative = line.kind === "discount" || line.kind === "credit";
            const each = line.quantity !== null && line.unit_amount_subcents !== null && line.quantity !== 1
              ? `${formatNumber(line.quantity, locale)} × ${formatSubcents(line.unit_amount_subcents, invoice.currency, locale)}`
              : null;
            return (
              <tr key={index} className="border-b border-zinc-100 align-top">
                <td className="py-3 pr-4">
                  <span className="text-zinc-900">{line.description}</span>
                  {each ? <span className="block text-xs text-zinc-600">{each}</span> : null}
                  {line.period_start && line.period_end ? (
                    <span className="block text-xs text-zinc-600">{formatDateRange(line.period_start, line.period_end, locale)}</span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap py-3 text-right tabular-nums text-zinc-900">
                  {money(negative ? -Math.abs(line.amount_cents) : line.amount_cents)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <dl className="ml-auto mt-4 max-w-xs space-y-1 text-sm">
        {totals.map((row) => (
          <div key={row.label} className="flex justify-between gap-6">
            <dt className="text-zinc-600">{row.label}</dt>
            <dd className="tabular-nums text-zinc-900">{row.value}</dd>
          </div>
        ))}
        <div className="flex items-baseline justify-between gap-6 border-t border-zinc-200 pt-2">
          <dt className="font-semibold text-zinc-900">{labels.amountDue}</dt>
          <dd className="text-xl font-bold tabular-nums text-zinc-950" data-testid="amount-due">
            {money(Math.max(remaining, 0))}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-zinc-600">{label}</dt>
      <dd className="mt-0.5 font-medium text-zinc-900">{value}</dd>
    </div>
  );
}
