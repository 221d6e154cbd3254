// /payments on a portal host — receipts, failures with their reason, scheduled retries, refunds.
import type { Metadata } from "next";
import { PageHeader } from "@/components/portal/common/card";
import { Pager } from "@/components/portal/common/pager";
import { PaymentTable } from "@/components/portal/payments/payment-table";
import { RefundsCard, RetriesCard } from "@/components/portal/payments/retries-and-refunds";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { pick } from "@/lib/i18n/messages";
import { portalMessages } from "@/lib/i18n/messages/portal";
import { portalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { accountRefunds, listPortalPayments, scheduledRetries, type PaymentsPage } from "@/lib/portal/payments";
import { isSectionEnabled } from "@/lib/portal/sections";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalBillingMessages, (await getPortalVisitor(params)).locale).payments.title };
}

export default async function PaymentsPage({ params, searchParams }: Props) {
  const cursor = single((await searchParams).cursor)?.slice(0, 200) || undefined;
  const { viewer, scope } = await requireSectionViewer(params, "payments", { next: "/payments" });
  const m = pick(portalBillingMessages, viewer.locale);
  const shell = pick(portalMessages, viewer.locale);
  const db = getDb();
  const list = async (): Promise<PaymentsPage> => {
    try {
      return await listPortalPayments(db, scope, { cursor });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return listPortalPayments(db, scope, {}); // a tampered cursor: the first page
    }
  };
  const [page, retries, refunds] = await Promise.all([list(), scheduledRetries(db, scope), accountRefunds(db, scope)]);
  const linkInvoices = isSectionEnabled(viewer.settings, "invoices");
  return (
    <>
      <PageHeader title={m.payments.title} />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="payment-history-heading" className="min-w-0 lg:col-span-2">
          <h2 id="payment-history-heading" className="mb-3 text-lg font-semibold text-zinc-950">{m.payments.historyTitle}</h2>
          <PaymentTable rows={page.rows} m={m} shell={shell} locale={viewer.locale} showInvoice linkInvoices={linkInvoices} emptyText={m.payments.empty} label={m.payments.historyTitle} />
          <Pager basePath="/payments" params={{}} nextCursor={page.nextCursor} onFirstPage={!cursor} labels={m.pager} />
        </section>
        <div className="min-w-0 space-y-6">
          <RetriesCard retries={retries} m={m} locale={viewer.locale} linkInvoices={linkInvoices} />
          <RefundsCard refunds={refunds} m={m} locale={viewer.locale} linkInvoices={linkInvoices} />
        </div>
      </div>
    </>
  );
}
