// /invoices/<id> on a portal host — one invoice: lines and totals, PDF, NF-e, payments, and
// paying it (?action=pay opens straight onto the pay panel: the deep link's invoice_pay flow).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { payLabels } from "@/components/pay/labels";
import { InvoiceSummary } from "@/components/pay/invoice-summary";
import { Badge, linkClass } from "@/components/portal/common/card";
import { methodLabel } from "@/components/portal/common/method-label";
import { invoiceTone } from "@/components/portal/common/tones";
import { NfeCard } from "@/components/portal/invoices/nfe-card";
import { PayPanel } from "@/components/portal/invoices/pay-panel";
import { PaymentTable } from "@/components/portal/payments/payment-table";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { pick } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/messages/portal";
import { portalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import type { PortalAccountScope } from "@/lib/portal/account";
import { loadPortalInvoice } from "@/lib/portal/invoices";
import { accountPaymentMethods } from "@/lib/portal/overview";
import { cardToCharge, portalPayPanel } from "@/lib/portal/pay";
import { can } from "@/lib/portal/permissions";
import { getPortalVisitor } from "../../../viewer";
import { requireSectionViewer, single } from "../../section";
import { issueInstrumentAction, payWithCardAction, simulatePaymentAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(scope: PortalAccountScope, id: string) {
  try {
    return await loadPortalInvoice(getDb(), scope, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalBillingMessages, (await getPortalVisitor(params)).locale).invoices.number };
}

export default async function InvoicePage({ params, searchParams }: Props) {
  const { id, host } = await params;
  const action = single((await searchParams).action);
  const { viewer, scope } = await requireSectionViewer(params, "invoices", { next: `/invoices/${encodeURIComponent(id)}${action === "pay" ? "?action=pay" : ""}` });
  const m = pick(portalBillingMessages, viewer.locale);
  const shell = pick(portalMessages, viewer.locale);
  const locale = viewer.locale;
  const detail = await load(scope, id);
  const { invoice } = detail;
  const canPay = can(viewer.user.role, "manage_billing");
  const [page, methods] = detail.payable && canPay ? await Promise.all([portalPayPanel(getDb(), scope, detail), accountPaymentMethods(getDb(), scope)]) : [null, []];
  const card = cardToCharge(methods);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/invoices" className={`${linkClass} text-sm`}>← {m.invoices.back}</Link>
        <span data-testid="invoice-status"><Badge tone={invoiceTone(invoice.status)}>{m.invoiceStatus[invoice.status as keyof typeof m.invoiceStatus]}</Badge></span>
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <InvoiceSummary doc={{ ...detail.doc, locale }} labels={payLabels(locale)} pdfHref={`/invoices/${invoice.id}/pdf`} />
          <NfeCard nfe={invoice.nfe} m={m} />
        </div>
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {detail.payable ? (
            <PayPanel
              canPay={canPay}
              card={card ? { label: methodLabel(shell.methods, card) } : null}
              page={page}
              actions={{
                card: payWithCardAction.bind(null, host, invoice.id),
                issue: issueInstrumentAction.bind(null, host, invoice.id),
                simulate: simulatePaymentAction.bind(null, host, invoice.id),
              }}
              paymentPath={canPay && invoice.paymentToken ? `/pay/${invoice.paymentToken}` : null}
              focus={action === "pay"}
              m={m}
              locale={locale}
            />
          ) : null}
        </div>
      </div>
      <section aria-labelledby="invoice-payments-heading">
        <h2 id="invoice-payments-heading" className="mb-3 text-lg font-semibold text-zinc-950">{m.invoices.paymentsTitle}</h2>
        <PaymentTable
          rows={detail.payments}
          m={m}
          shell={shell}
          locale={locale}
          showInvoice={false}
          linkInvoices={false}
          emptyText={m.invoices.noPayments}
          label={m.invoices.paymentsTitle}
        />
      </section>
    </div>
  );
}
