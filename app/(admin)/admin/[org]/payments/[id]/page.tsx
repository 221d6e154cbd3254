// /admin/<org>/payments/<id> — one payment: its invoice and customer, the gateway's answer, refunds, and the refund form
import type { Metadata } from "next";
import Link from "next/link";
import { BackLink, Card, CustomerLink, Facts, linkClass } from "@/components/admin/billing/detail";
import { METHOD_LABEL } from "@/components/admin/billing/payments-table";
import { RefundForm } from "@/components/admin/billing/refund-form";
import { StatusBadge } from "@/components/admin/billing/status-badge";
import { DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { accountNames, organizationLocale } from "@/lib/admin/billing-lists";
import { foundOr404 } from "@/lib/admin/list-page";
import { formatMoney } from "@/lib/invoices/format";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { formatDigitableLine } from "@/lib/payments/boleto";
import { getPaymentOrThrow } from "@/lib/payments/refunds";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { refundPaymentAction } from "../actions";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "business:read");
  const organizationId = staff.organization.id;
  const slug = staff.organization.slug;
  const db = getDb();
  const payment = await foundOr404(id, () => getPaymentOrThrow(db, { organizationId, id }));
  const [invoice, accounts, locale] = await Promise.all([
    getInvoiceOrThrow(db, { organizationId, id: payment.invoiceId }),
    accountNames(db, organizationId, [payment.billingAccountId]),
    organizationLocale(db, organizationId),
  ]);
  const account = accounts.get(payment.billingAccountId);
  const money = (cents: number) => formatMoney(cents, payment.currency, locale);
  const refundable = payment.amountCents - payment.amountRefundedCents;
  const title = payment.receiptNumber ?? `${METHOD_LABEL[payment.methodType] ?? payment.methodType} payment`;
  return (
    <div className="max-w-6xl space-y-6">
      <BackLink href={`/admin/${slug}/payments`}>Payments</BackLink>
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
          <span className="font-mono">{title}</span> <StatusBadge status={payment.status} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">{money(payment.amountCents)} · {account?.name ?? "customer"} · {when(payment.createdAt)}</p>
      </div>
      <Card id="payment-summary-heading" title="Summary">
        <Facts
          items={[
            ["Amount", money(payment.amountCents)],
            ["Refunded", money(payment.amountRefundedCents)],
            ["Customer", <CustomerLink key="c" slug={slug} id={payment.billingAccountId} name={account?.name} email={account?.email} />],
            ["Invoice", <Link key="i" href={`/admin/${slug}/invoices/${invoice.id}`} className={`${linkClass} font-mono`}>{invoice.number ?? "Draft invoice"}</Link>],
            ["Method", METHOD_LABEL[payment.methodType] ?? payment.methodType],
            ["Gateway", `${payment.gateway}${payment.gatewayReference ? ` · ${payment.gatewayReference}` : ""}`],
            ["Collection round", String(payment.attemptNumber)],
            ["Captured", when(payment.capturedAt)],
            ...(payment.failureCode ? [["Failure", `${payment.failureCode.replace(/_/g, " ")}${payment.failureMessage ? `: ${payment.failureMessage}` : ""}`] as [string, string]] : []),
            ...(payment.boleto ? [["Boleto", <span key="b" className="font-mono text-xs">{formatDigitableLine(payment.boleto.digitable_line)} · due {payment.boleto.due_date}</span>] as [string, React.ReactNode]] : []),
            ...(payment.pix ? [["PIX", <span key="p" className="text-xs">txid <span className="font-mono">{payment.pix.txid}</span> · expires {when(new Date(payment.pix.expires_at))}</span>] as [string, React.ReactNode]] : []),
          ]}
        />
      </Card>
      <DataTable caption="Refunds" columns={["Amount", "To", "Status", "Reason", "Date"]} empty={payment.refunds.length === 0 ? "No refunds." : null}>
        {payment.refunds.map((r) => (
          <tr key={r.id} className="border-b border-slate-100 last:border-0" data-testid="refund-row">
            <th scope="row" className={`${tdClass} whitespace-nowrap font-medium tabular-nums`}>{money(r.amountCents)}</th>
            <td className={tdClass}>{r.asCredit ? "Account credit" : "Payment method"}</td>
            <td className={tdClass}><StatusBadge status={r.status} />{r.failureCode ? <div className="text-xs text-red-800">{r.failureCode}</div> : null}</td>
            <td className={tdClass}>{r.reason ?? "—"}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(r.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      {can(staff.role, "business:write") && payment.status === "succeeded" && refundable > 0 ? (
        <Card id="refund-heading" title="Refund this payment">
          <RefundForm id={payment.id} action={refundPaymentAction.bind(null, slug)} refundable={money(refundable)} currencyLabel={payment.currency} />
        </Card>
      ) : null}
      {payment.status === "succeeded" && refundable === 0 ? <p className="text-sm text-slate-600">This payment has been refunded in full.</p> : null}
    </div>
  );
}
