import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { formatDate, formatDateTime, formatMoney } from "@/lib/invoices/format";
import type { PortalRefund, ScheduledRetry } from "@/lib/portal/payments";
import { Card, Empty, InvoiceRef } from "../common/card";

// The Payments section's two side lists: retries the dunning schedule will make, and refunds.
export function RetriesCard({ retries, m, locale, linkInvoices }: { retries: ScheduledRetry[]; m: PortalBillingMessages; locale: string; linkInvoices: boolean }) {
  return (
    <Card title={m.payments.retriesTitle} titleId="retries-heading" testId="retries">
      {retries.length === 0 ? (
        <Empty>{m.payments.retriesNone}</Empty>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-100 text-sm">
          {retries.map((r) => (
            <li key={r.invoiceId} className="py-2">
              <InvoiceRef id={r.invoiceId} number={r.invoiceNumber} link={linkInvoices} />{" "}
              <span className="tabular-nums text-zinc-900">{formatMoney(r.amountRemainingCents, r.currency, locale)}</span>
              <span className="block text-zinc-700">{m.payments.retryOn(formatDateTime(r.nextAttemptAt, locale))}</span>
              <span className="block text-xs text-zinc-600">{m.payments.retryAfter(r.attemptCount)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function RefundsCard({ refunds, m, locale, linkInvoices }: { refunds: PortalRefund[]; m: PortalBillingMessages; locale: string; linkInvoices: boolean }) {
  return (
    <Card title={m.payments.refundsTitle} titleId="refunds-heading" testId="refunds">
      {refunds.length === 0 ? (
        <Empty>{m.payments.refundsNone}</Empty>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-100 text-sm">
          {refunds.map((r) => (
            <li key={r.id} className="py-2">
              <span className="font-medium tabular-nums text-zinc-950">{formatMoney(r.amountCents, r.currency, locale)}</span>{" "}
              <span className="text-zinc-700">{formatDate(r.createdAt, locale, "medium")}</span>
              <span className="block text-zinc-700">
                {m.payments.invoice}: <InvoiceRef id={r.invoiceId} number={r.invoiceNumber} link={linkInvoices} />
                {r.receiptNumber ? <span className="text-zinc-600"> · {m.payments.receipt} {r.receiptNumber}</span> : null}
              </span>
              <span className="block text-xs text-zinc-600">{m.payments.refundTo}: {r.asCredit ? m.payments.toCredit : m.payments.toMethod}</span>
              {r.reason ? <span className="block text-xs text-zinc-600">{m.payments.reason}: {r.reason}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
