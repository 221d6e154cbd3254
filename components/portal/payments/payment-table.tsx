import type { PortalMessages } from "@/lib/i18n/messages/portal";
import { failureReason, type PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { PortalPayment } from "@/lib/portal/payments";
import { Badge, Empty, InvoiceRef } from "../common/card";
import { methodLabel } from "../common/method-label";
import { paymentTone } from "../common/tones";

// Payment attempts: date, invoice, method, amount, status — with the receipt number of a
// capture, the reason of a failure in words, and what was refunded.
type Props = { rows: PortalPayment[]; m: PortalBillingMessages; shell: PortalMessages; locale: string; showInvoice: boolean; linkInvoices: boolean; emptyText: string; label: string };

export function PaymentTable({ rows, m, shell, locale, showInvoice, linkInvoices, emptyText, label }: Props) {
  if (rows.length === 0) return <Empty>{emptyText}</Empty>;
  return (
    <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]">
      <table className="w-full min-w-[40rem] text-sm" data-testid="payment-table">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-zinc-600">
            <th scope="col" className="px-4 py-3 font-medium">{m.payments.date}</th>
            {showInvoice ? <th scope="col" className="px-4 py-3 font-medium">{m.payments.invoice}</th> : null}
            <th scope="col" className="px-4 py-3 font-medium">{m.payments.method}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{m.payments.amount}</th>
            <th scope="col" className="px-4 py-3 font-medium">{m.payments.status}</th>
            <th scope="col" className="px-4 py-3 font-medium">{m.payments.receipt}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-b border-zinc-100 align-top last:border-0" data-testid={`payment-${p.status}`}>
              <td className="px-4 py-3 text-zinc-700">
                {formatDate(p.capturedAt ?? p.createdAt, locale, "medium")}
                <span className="block text-xs text-zinc-600">{m.payments.attempt(p.attemptNumber)}</span>
              </td>
              {showInvoice ? (
                <td className="px-4 py-3">
                  <InvoiceRef id={p.invoiceId} number={p.invoiceNumber} link={linkInvoices} />
                </td>
              ) : null}
              <td className="px-4 py-3 text-zinc-900">{methodLabel(shell.methods, { type: p.methodType, cardBrand: p.cardBrand, cardLast4: p.cardLast4 })}</td>
              <td className="px-4 py-3 text-right tabular-nums text-zinc-900">
                {formatMoney(p.amountCents, p.currency, locale)}
                {p.amountRefundedCents > 0 ? (
                  <span className="block text-xs text-zinc-600">{m.payments.refunded(formatMoney(p.amountRefundedCents, p.currency, locale))}</span>
                ) : null}
              </td>
              <td className="px-4 py-3">
                <Badge tone={paymentTone(p.status)}>{m.paymentStatus[p.status]}</Badge>
                {p.status === "failed" ? <span className="mt-1 block text-xs text-red-800" data-testid="failure-reason">{failureReason(m, p.failureCode)}</span> : null}
              </td>
              <td className="px-4 py-3 font-mono text-xs text-zinc-900" data-testid="receipt-number">{p.receiptNumber ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
