// /admin/<org>/invoices/<id> — one invoice: customer, lines, totals, payments, PDF, and its actions
import type { Metadata } from "next";
import Link from "next/link";
import { BackLink, Card, CustomerLink, Facts, linkClass } from "@/components/admin/billing/detail";
import { InvoiceActions } from "@/components/admin/billing/invoice-actions";
import { MemoForm, NfeForm } from "@/components/admin/billing/invoice-edit-forms";
import { AddLinesForm } from "@/components/admin/billing/invoice-forms";
import { InvoiceLines } from "@/components/admin/billing/invoice-lines";
import { PaymentsTable } from "@/components/admin/billing/payments-table";
import { StatusBadge } from "@/components/admin/billing/status-badge";
import { when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { accountNames, organizationLocale } from "@/lib/admin/billing-lists";
import { foundOr404 } from "@/lib/admin/list-page";
import { paymentUrl } from "@/lib/api/resources/invoices";
import { formatDateRange, formatMoney, formatTaxId } from "@/lib/invoices/format";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { listPayments } from "@/lib/payments/refunds";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import {
  addDraftLinesAction, collectInvoiceAction, deleteDraftAction, editMemoAction, finalizeInvoiceAction, markUncollectibleAction, recordNfeAction, simulatePaymentAction,
  voidInvoiceAction,
} from "../actions";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "business:read");
  const organizationId = staff.organization.id;
  const slug = staff.organization.slug;
  const db = getDb();
  const invoice = await foundOr404(id, () => getInvoiceOrThrow(db, { organizationId, id }));
  const [payments, accounts, locale] = await Promise.all([
    listPayments(db, { organizationId }, { limit: 100, invoice_id: invoice.id }),
    accountNames(db, organizationId, [invoice.billingAccountId]),
    organizationLocale(db, organizationId),
  ]);
  const account = accounts.get(invoice.billingAccountId);
  const customer = invoice.customer;
  const money = (cents: number) => formatMoney(cents, invoice.currency, locale);
  const label = invoice.number ?? "Draft invoice";
  const payable = invoice.status === "open" || invoice.status === "uncollectible";
  const bind = <A extends unknown[], R>(action: (slug: string, ...rest: A) => R) => action.bind(null, slug);
  return (
    <div className="max-w-6xl space-y-6">
      <BackLink href={`/admin/${slug}/invoices`}>Invoices</BackLink>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
            <span className="font-mono">{label}</span> <StatusBadge status={invoice.status} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {money(invoice.totalCents)} · {account?.name ?? customer?.name ?? "customer"} · created {when(invoice.createdAt)}
          </p>
        </div>
        <a href={`/admin/${slug}/invoices/${invoice.id}/pdf`} className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50" data-testid="invoice-pdf">
          Download PDF
        </a>
      </div>
      {can(staff.role, "business:write") ? (
        <Card id="invoice-actions-heading" title="Actions">
          <InvoiceActions
            id={invoice.id}
            status={invoice.status}
            label={label}
            testMode={staff.testMode}
            canCollect
            actions={{
              finalize: bind(finalizeInvoiceAction), remove: bind(deleteDraftAction), collect: bind(collectInvoiceAction),
              uncollectible: bind(markUncollectibleAction), void: bind(voidInvoiceAction), simulate: bind(simulatePaymentAction),
            }}
          />
        </Card>
      ) : null}
      <Card id="invoice-summary-heading" title="Summary">
        <Facts
          items={[
            ["Customer", <CustomerLink key="c" slug={slug} id={invoice.billingAccountId} name={account?.name ?? customer?.name} email={account?.email ?? customer?.email} />],
            ["Billed to", customer ? <>{customer.legal_name ?? customer.name}{customer.document ? <span className="block text-xs text-slate-600">{formatTaxId(customer.document, customer.document_type)}</span> : null}</> : "Snapshot taken at finalization"],
            ["Subscription", invoice.subscriptionId ? <Link href={`/admin/${slug}/subscriptions/${invoice.subscriptionId}`} className={linkClass}>View subscription</Link> : "—"],
            ["Billing reason", invoice.billingReason.replace(/_/g, " ")],
            ["Collection", invoice.collectionMethod === "charge_automatically" ? "Charge automatically" : "Send invoice (customer pays through the link)"],
            ["Period", invoice.periodStart && invoice.periodEnd ? formatDateRange(invoice.periodStart, invoice.periodEnd, "en") : "—"],
            ["Finalized", when(invoice.finalizedAt)],
            ["Due", when(invoice.dueAt)],
            ["Paid", when(invoice.paidAt)],
            ...(invoice.voidedAt ? [["Voided", when(invoice.voidedAt)] as [string, string]] : []),
            ...(invoice.markedUncollectibleAt ? [["Marked uncollectible", when(invoice.markedUncollectibleAt)] as [string, string]] : []),
            ["Collection attempts", String(invoice.attemptCount)],
            ["Next attempt", when(invoice.nextPaymentAttemptAt)],
            ...(invoice.autoFinalizeAt ? [["Finalizes automatically", when(invoice.autoFinalizeAt)] as [string, string]] : []),
            ["Payment page", payable && invoice.paymentToken ? <a href={paymentUrl(invoice.paymentToken)} className={linkClass}>Open the customer&apos;s payment page</a> : "—"],
            ...(invoice.nfe?.number ? [["NF-e", `${invoice.nfe.number}${invoice.nfe.series ? ` (series ${invoice.nfe.series})` : ""} · ${invoice.nfe.status ?? "—"}`] as [string, string]] : []),
            ...(invoice.memo ? [["Memo", invoice.memo] as [string, string]] : []),
          ]}
        />
      </Card>
      <InvoiceLines invoice={invoice} locale={locale} />
      {can(staff.role, "business:write") && invoice.status === "draft" ? (
        <Card id="add-lines-heading" title="Add lines to the draft">
          <AddLinesForm id={invoice.id} action={bind(addDraftLinesAction)} currency={invoice.currency} />
        </Card>
      ) : null}
      {can(staff.role, "business:write") && invoice.status === "draft" ? (
        <Card id="memo-heading" title="Memo">
          <MemoForm id={invoice.id} action={bind(editMemoAction)} memo={invoice.memo} />
        </Card>
      ) : null}
      {can(staff.role, "business:write") && invoice.status !== "draft" ? (
        <Card id="nfe-heading" title="NF-e (nota fiscal)">
          <NfeForm id={invoice.id} action={bind(recordNfeAction)} nfe={invoice.nfe} />
        </Card>
      ) : null}
      <PaymentsTable caption="Payments of this invoice" payments={payments} slug={slug} locale={locale} empty="No payment attempts yet." />
    </div>
  );
}
