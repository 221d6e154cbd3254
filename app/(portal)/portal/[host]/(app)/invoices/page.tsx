// /invoices on a portal host — the account's invoices, filtered by status, newest first.
import type { Metadata } from "next";
import { PageHeader } from "@/components/portal/common/card";
import { Pager } from "@/components/portal/common/pager";
import { InvoiceTable } from "@/components/portal/invoices/invoice-table";
import { StatusFilter } from "@/components/portal/invoices/status-filter";
import { getDb } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { portalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { pick } from "@/lib/i18n/messages";
import { invoiceListQuery, listPortalInvoices, type InvoicePage } from "@/lib/portal/invoices";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalBillingMessages, (await getPortalVisitor(params)).locale).invoices.title };
}

export default async function InvoicesPage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const q = invoiceListQuery.parse({ status: single(sp.status) || undefined, cursor: single(sp.cursor) || undefined });
  const next = `/invoices${q.status ? `?status=${q.status}` : ""}`;
  const { viewer, scope } = await requireSectionViewer(params, "invoices", { next });
  const m = pick(portalBillingMessages, viewer.locale);
  let page: InvoicePage;
  try {
    page = await listPortalInvoices(getDb(), scope, q);
  } catch (error) {
    // A tampered cursor: start over from the first page.
    if (!(error instanceof ApiError)) throw error;
    page = await listPortalInvoices(getDb(), scope, { status: q.status });
  }
  return (
    <>
      <PageHeader title={m.invoices.title}>
        <StatusFilter current={q.status} m={m} />
      </PageHeader>
      <InvoiceTable rows={page.rows} m={m} locale={viewer.locale} />
      <Pager basePath="/invoices" params={{ status: q.status }} nextCursor={page.nextCursor} onFirstPage={!q.cursor} labels={m.pager} />
    </>
  );
}
