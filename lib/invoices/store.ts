import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { invoiceLines, invoices, type BillingReason, type Invoice, type InvoiceLine } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import type { DraftLine } from "./lines";
import { invoiceTotals, totalsColumns } from "./totals";

// Reading and writing invoices with their lines. Every query is scoped to the organization.
export type InvoiceWithLines = Invoice & { lines: InvoiceLine[] };
type Scope = { organizationId: string };

export async function getInvoiceOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<InvoiceWithLines> {
  const query = db.select().from(invoices).where(and(eq(invoices.id, scope.id), eq(invoices.organizationId, scope.organizationId)));
  const [invoice] = options.forUpdate ? await query.for("update") : await query;
  if (!invoice) throw notFound("invoice", scope.id);
  return { ...invoice, lines: await linesOf(db, scope, [invoice.id]).then((m) => m.get(invoice.id) ?? []) };
}

export async function linesOf(db: DbOrTx, scope: Scope, invoiceIds: string[]): Promise<Map<string, InvoiceLine[]>> {
  const byInvoice = new Map<string, InvoiceLine[]>();
  if (invoiceIds.length === 0) return byInvoice;
  const rows = await db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.organizationId, scope.organizationId), inArray(invoiceLines.invoiceId, invoiceIds)))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  for (const row of rows) byInvoice.set(row.invoiceId, [...(byInvoice.get(row.invoiceId) ?? []), row]);
  return byInvoice;
}

export function lineRows(organizationId: string, invoiceId: string, lines: DraftLine[], firstPosition: number) {
  return lines.map((l, i) => ({
    organizationId,
    invoiceId,
    position: firstPosition + i,
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitAmountSubcents: l.unit_amount_subcents,
    amountCents: l.amount_cents,
    priceId: l.price_id,
    subscriptionItemId: l.subscription_item_id,
    periodStart: l.period_start,
    periodEnd: l.period_end,
    discountSource: l.discount_source,
    couponId: l.coupon_id,
    discountCodeId: l.discount_code_id,
    creditId: l.credit_id,
  }));
}

export type NewInvoice = {
  organizationId: string;
  billingAccountId: string;
  subscriptionId: string | null;
  currency: string;
  billingReason: BillingReason;
  collectionMethod?: Invoice["collectionMethod"];
  period: { start: Date; end: Date } | null;
  lines: DraftLine[];
  memo?: string | null;
  metadata?: Record<string, string>;
  autoFinalizeAt?: Date | null;
};

/** A draft with its lines; totals from the lines (invoiceTotals). */
export async function insertDraft(tx: DbOrTx, input: NewInvoice): Promise<InvoiceWithLines> {
  const totals = invoiceTotals(input.lines);
  const [invoice] = await tx
    .insert(invoices)
    .values({
      organizationId: input.organizationId,
      billingAccountId: input.billingAccountId,
      subscriptionId: input.subscriptionId,
      currency: input.currency,
      billingReason: input.billingReason,
      collectionMethod: input.collectionMethod ?? "charge_automatically",
      periodStart: input.period?.start ?? null,
      periodEnd: input.period?.end ?? null,
      memo: input.memo ?? null,
      metadata: input.metadata ?? {},
      autoFinalizeAt: input.autoFinalizeAt ?? null,
      ...totalsColumns(totals),
    })
    .returning();
  const lines = input.lines.length
    ? await tx.insert(invoiceLines).values(lineRows(input.organizationId, invoice!.id, input.lines, 1)).returning()
    : [];
  return { ...invoice!, lines };
}

/** The public payment link's token: 160 random bits. */
export const newPaymentToken = () => randomBytes(20).toString("base64url");
