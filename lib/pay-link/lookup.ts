import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { invoices, organizations, type InvoiceStatus } from "@/db/schema";
import { now } from "@/lib/clock";
import type { InvoiceDocument } from "@/lib/invoices/document";
import { invoiceDocument, invoicePdfFile } from "@/lib/invoices/pdf-data";
import { pendingInstruments, type PendingInstruments } from "@/lib/payments/pending";

// The public payment link /pay/<token>: whoever holds the token may see the invoice and pay it,
// without signing in. The token (160 random bits, unique column) is the whole capability, so a
// wrong, malformed or revoked token, a draft, or a suspended merchant all look the same: nothing.

/** `newPaymentToken()`: 20 random bytes in base64url. Anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{27}$/;

export type PayLinkTarget = { organizationId: string; mode: "live" | "test"; invoiceId: string; status: InvoiceStatus };

const liveOrganizations = alias(organizations, "live_organizations");

/** The invoice a payment token names. Deliberately not tenant-scoped: the token is the capability. */
export async function unsafeInvoiceByPaymentToken(db: DbOrTx, token: string): Promise<PayLinkTarget | null> {
  if (!TOKEN.test(token)) return null;
  const [row] = await db
    .select({
      invoiceId: invoices.id,
      status: invoices.status,
      organizationId: organizations.id,
      mode: organizations.mode,
      orgStatus: organizations.status,
      liveStatus: liveOrganizations.status,
    })
    .from(invoices)
    .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
    .leftJoin(liveOrganizations, eq(liveOrganizations.id, organizations.liveOrganizationId))
    .where(eq(invoices.paymentToken, token))
    .limit(1);
  if (!row || row.status === "draft" || row.orgStatus !== "active") return null;
  if (row.mode === "test" && row.liveStatus !== "active") return null;
  return { organizationId: row.organizationId, mode: row.mode, invoiceId: row.invoiceId, status: row.status };
}

export type PayLinkPage = {
  target: PayLinkTarget;
  doc: InvoiceDocument;
  pending: PendingInstruments;
  /** Still to pay (open or uncollectible, something remaining). */
  payable: boolean;
  amountRemainingCents: number;
};

/** Everything the payment page shows, or null when the token names nothing it may show. */
export async function payLinkPage(db: DbOrTx, token: string): Promise<PayLinkPage | null> {
  const target = await unsafeInvoiceByPaymentToken(db, token);
  if (!target) return null;
  const scope = { organizationId: target.organizationId, invoiceId: target.invoiceId };
  const [doc, pending] = await Promise.all([
    invoiceDocument(db, { organizationId: target.organizationId, id: target.invoiceId }),
    pendingInstruments(db, scope, now()),
  ]);
  const amountRemainingCents = doc.invoice.amount_due_cents - doc.invoice.amount_paid_cents;
  const payable = (doc.invoice.status === "open" || doc.invoice.status === "uncollectible") && amountRemainingCents > 0;
  return { target, doc, pending, payable, amountRemainingCents };
}

/** The invoice PDF behind a payment link, the same document the API serves. */
export async function payLinkPdf(db: DbOrTx, token: string, options: { organizationId?: string } = {}) {
  const target = await unsafeInvoiceByPaymentToken(db, token);
  if (!target || (options.organizationId && options.organizationId !== target.organizationId)) return null;
  const doc = await invoiceDocument(db, { organizationId: target.organizationId, id: target.invoiceId });
  return { doc, ...invoicePdfFile(doc, target.invoiceId) };
}
