import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, organizations, type CustomerSnapshot } from "@/db/schema";
import { paymentUrl } from "@/lib/api/resources/invoices";
import { now } from "@/lib/clock";
import { newestPayable, pendingInstruments } from "@/lib/payments/pending";
import type { InvoiceDocument } from "./document";
import { getInvoiceOrThrow } from "./store";

// Everything the invoice PDF shows, read once and scoped to the organization: the invoice and its
// lines, the merchant's legal data and brand, the customer (the snapshot taken at finalization; a
// draft shows the billing account as it is now), NF-e, the payment link while it can be paid and
// the boleto/PIX being waited on.
type Scope = { organizationId: string; id: string };

export async function invoiceDocument(db: DbOrTx, scope: Scope): Promise<InvoiceDocument> {
  const invoice = await getInvoiceOrThrow(db, scope);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, scope.organizationId));
  const customer = invoice.customer ?? (await currentCustomer(db, scope.organizationId, invoice.billingAccountId));
  const payable = invoice.status === "open" || invoice.status === "uncollectible";
  const pending = payable ? newestPayable(await pendingInstruments(db, { organizationId: scope.organizationId, invoiceId: invoice.id }, now())) : { pix: null, boleto: null };
  return {
    locale: org!.locale,
    merchant: {
      name: org!.name,
      legal_name: org!.legalName,
      tax_id: org!.taxId,
      address: org!.address,
      support_email: org!.supportEmail,
      brand_color: org!.brandColor,
      logo: logoFromDataUrl(org!.logoUrl),
    },
    invoice: {
      number: invoice.number,
      status: invoice.status,
      currency: invoice.currency,
      created_at: invoice.createdAt,
      finalized_at: invoice.finalizedAt,
      due_at: invoice.dueAt,
      paid_at: invoice.paidAt,
      period_start: invoice.periodStart,
      period_end: invoice.periodEnd,
      subtotal_cents: invoice.subtotalCents,
      discount_cents: invoice.discountCents,
      credit_applied_cents: invoice.creditAppliedCents,
      total_cents: invoice.totalCents,
      amount_due_cents: invoice.amountDueCents,
      amount_paid_cents: invoice.amountPaidCents,
      amount_refunded_cents: invoice.amountRefundedCents,
      memo: invoice.memo,
      payment_url: payable && invoice.paymentToken ? paymentUrl(invoice.paymentToken) : null,
    },
    customer,
    lines: invoice.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      quantity: l.quantity,
      unit_amount_subcents: l.unitAmountSubcents,
      amount_cents: l.amountCents,
      period_start: l.periodStart,
      period_end: l.periodEnd,
    })),
    nfe: invoice.nfe,
    boleto: pending.boleto ? { digitable_line: pending.boleto.digitable_line, barcode: pending.boleto.barcode, due_date: pending.boleto.due_date } : null,
    pix: pending.pix ? { payload: pending.pix.payload, expires_at: pending.pix.expires_at } : null,
  };
}

async function currentCustomer(db: DbOrTx, organizationId: string, billingAccountId: string): Promise<CustomerSnapshot> {
  const [account] = await db
    .select()
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, billingAccountId), eq(billingAccounts.organizationId, organizationId)));
  return {
    name: account!.name, legal_name: account!.legalName, email: account!.email,
    document_type: account!.documentType, document: account!.document, tax_address: account!.taxAddress,
  };
}

const DATA_URL = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;
const MAX_LOGO_BYTES = 512 * 1024;

/**
 * The logo, only when the organization stored it inline as a PNG or JPEG data URL whose bytes are
 * that format: a PDF is never made to wait on (or leak a request to) someone else's server.
 */
export function logoFromDataUrl(url: string | null): InvoiceDocument["merchant"]["logo"] {
  const match = url ? DATA_URL.exec(url.replace(/\s+/g, "")) : null;
  if (!match) return null;
  const data = Buffer.from(match[2]!, "base64");
  if (data.length === 0 || data.length > MAX_LOGO_BYTES) return null;
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  if (match[1] === "png" ? !png : !jpg) return null;
  return { data, format: match[1] === "png" ? "png" : "jpg" };
}

/** The download's file name ("ACME-000042.pdf", a draft "draft-<id>.pdf") and a validator of its content. */
export function invoicePdfFile(doc: InvoiceDocument, invoiceId: string): { filename: string; etag: string } {
  const base = doc.invoice.number ?? `draft-${invoiceId}`;
  const filename = `${base.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf`;
  // The rendered bytes carry a creation date, so the validator is taken over what is shown instead.
  const json = JSON.stringify(doc, (key, value: unknown) => (key === "logo" && value ? (value as { data: Buffer }).data.toString("base64") : value));
  const etag = `W/"pdf-${createHash("sha1").update(PDF_LAYOUT_VERSION).update(json).digest("base64url")}"`;
  return { filename, etag };
}

/** Bump when lib/invoices/pdf*.tsx changes what a document looks like, so cached copies are refetched. */
const PDF_LAYOUT_VERSION = "1";

export const pdfDisposition = (filename: string) => `inline; filename="${filename}"`;
