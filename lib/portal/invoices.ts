import { eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { invoices, invoiceStatuses, type Invoice, type InvoiceStatus } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import { encodeCursor, listPage } from "@/lib/api/pagination";
import type { InvoiceDocument } from "@/lib/invoices/document";
import { invoiceDocument, invoicePdfFile } from "@/lib/invoices/pdf-data";
import { getInvoiceOrThrow, type InvoiceWithLines } from "@/lib/invoices/store";
import { listPayments } from "@/lib/payments/refunds";
import { assertOwnAccount, isUuid, PORTAL_PAGE_SIZE, type PortalAccountScope } from "./account";
import { portalPayments, type PortalPayment } from "./payments";

// The Invoices section: the account's finalized invoices (drafts are the merchant's business),
// newest first and filtered by status, and one invoice with its lines, payments and PDF.
export const PORTAL_INVOICE_STATUSES = invoiceStatuses.filter((s): s is Exclude<InvoiceStatus, "draft"> => s !== "draft");
export type PortalInvoiceStatus = (typeof PORTAL_INVOICE_STATUSES)[number];

export const invoiceListQuery = z.object({
  status: z.enum(PORTAL_INVOICE_STATUSES).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export type InvoiceListRow = Pick<
  Invoice,
  "id" | "number" | "status" | "currency" | "totalCents" | "amountDueCents" | "amountPaidCents" | "amountRefundedCents" | "dueAt" | "finalizedAt" | "paidAt" | "periodStart" | "periodEnd" | "createdAt"
>;

export type InvoicePage = { rows: InvoiceListRow[]; nextCursor: string | null };

export async function listPortalInvoices(db: DbOrTx, scope: PortalAccountScope, q: { status?: PortalInvoiceStatus; cursor?: string; limit?: number }): Promise<InvoicePage> {
  const limit = q.limit ?? PORTAL_PAGE_SIZE;
  const rows = await listPage(db, invoices, scope, [
    eq(invoices.billingAccountId, scope.billingAccountId),
    q.status ? eq(invoices.status, q.status) : ne(invoices.status, "draft"),
  ], { limit, cursor: q.cursor });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The account's invoice, or the API's 404 (another account's, a draft, or no such id). */
export async function getPortalInvoiceOrThrow(db: DbOrTx, scope: PortalAccountScope, id: string): Promise<InvoiceWithLines> {
  if (!isUuid(id)) throw notFound("invoice", id);
  const invoice = assertOwnAccount(scope, await getInvoiceOrThrow(db, { organizationId: scope.organizationId, id }), "invoice", id);
  if (invoice.status === "draft") throw notFound("invoice", id);
  return invoice;
}

export type PortalInvoiceDetail = {
  invoice: InvoiceWithLines;
  doc: InvoiceDocument;
  payments: PortalPayment[];
  amountRemainingCents: number;
  payable: boolean;
};

export async function loadPortalInvoice(db: DbOrTx, scope: PortalAccountScope, id: string): Promise<PortalInvoiceDetail> {
  const invoice = await getPortalInvoiceOrThrow(db, scope, id);
  const [doc, payments] = await Promise.all([
    invoiceDocument(db, { organizationId: scope.organizationId, id }),
    listPayments(db, { organizationId: scope.organizationId }, { limit: 100, invoice_id: id, billing_account_id: scope.billingAccountId }).then((rows) => portalPayments(db, scope, rows)),
  ]);
  const amountRemainingCents = invoice.amountDueCents - invoice.amountPaidCents;
  const payable = (invoice.status === "open" || invoice.status === "uncollectible") && amountRemainingCents > 0;
  return { invoice, doc, payments, amountRemainingCents, payable };
}

/** The invoice PDF's document (the same as GET /api/v1/invoices/:id/pdf), the account's invoices only. */
export async function portalInvoicePdf(db: DbOrTx, scope: PortalAccountScope, id: string) {
  await getPortalInvoiceOrThrow(db, scope, id);
  const doc = await invoiceDocument(db, { organizationId: scope.organizationId, id });
  return { doc, ...invoicePdfFile(doc, id) };
}
