import Link from "next/link";
import type { PortalMessages } from "@/lib/i18n/messages/portal";
import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { PaymentMethodSummary, PendingInvoice } from "@/lib/portal/overview";
import { buttonClass, Card, linkClass } from "../common/card";
import { methodLabel } from "../common/method-label";

// The Overview's side column: the invoice waiting to be paid (with its pay button) and the
// default payment method.
type PendingProps = {
  invoice: PendingInvoice | null;
  more: number;
  /** Where "pay" leads: the invoice's pay panel (or its payment link when Invoices is off); null: the role cannot pay. */
  payHref: string | null;
  invoiceHref: string | null;
  allHref: string | null;
  m: PortalMessages;
  locale: string;
};

export function PendingInvoiceCard({ invoice, more, payHref, invoiceHref, allHref, m, locale }: PendingProps) {
  return (
    <Card title={m.overview.pendingTitle} titleId="overview-pending" testId="pending-invoice">
      {invoice ? (
        <>
          <p className="mt-3 text-sm text-zinc-700">{invoice.number}</p>
          <p className="text-2xl font-bold tabular-nums text-zinc-950">{formatMoney(invoice.amount_remaining_cents, invoice.currency, locale)}</p>
          {invoice.due_at ? <p className="text-sm text-zinc-700">{m.overview.pendingDue(formatDate(invoice.due_at, locale))}</p> : null}
          <div className="mt-4 flex flex-wrap items-center gap-3">
            {payHref ? <Link href={payHref} className={buttonClass}>{m.overview.payNow(invoice.number)}</Link> : null}
            {invoiceHref ? <Link href={invoiceHref} className={linkClass}>{m.overview.seeInvoice}</Link> : null}
          </div>
          {more > 0 ? (
            <p className="mt-3 text-sm text-zinc-700">
              {m.overview.pendingMore(more)} {allHref ? <Link href={allHref} className={linkClass}>{m.overview.allInvoices}</Link> : null}
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-3 text-sm text-zinc-700">{m.overview.pendingNone}</p>
      )}
    </Card>
  );
}

export function PaymentMethodCard({ method, manageHref, m }: { method: PaymentMethodSummary | null; manageHref: string | null; m: PortalMessages }) {
  const exp = method?.cardExpMonth && method.cardExpYear ? `${String(method.cardExpMonth).padStart(2, "0")}/${String(method.cardExpYear).slice(-2)}` : null;
  return (
    <Card title={m.overview.methodTitle} titleId="overview-method" testId="default-method">
      {method ? (
        <>
          <p className="mt-3 font-medium text-zinc-950">{methodLabel(m.methods, method)}</p>
          {exp ? <p className="text-sm text-zinc-700">{m.methods.cardExpires(exp)}</p> : null}
        </>
      ) : (
        <p className="mt-3 text-sm text-zinc-700">{m.overview.noMethod}</p>
      )}
      {manageHref ? <p className="mt-4"><Link href={manageHref} className={linkClass}>{m.overview.manageMethods}</Link></p> : null}
    </Card>
  );
}
