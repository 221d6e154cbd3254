import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, creditApplications, credits, invoiceLines, invoices, organizations, type CustomerSnapshot } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { applyCredits } from "@/lib/billing/discounts";
import { now as clockNow } from "@/lib/clock";
import { listApplicableCredits } from "@/lib/credits/balance";
import { emitEvent } from "@/lib/webhooks/emit";
import { blankLine, type DraftLine } from "./lines";
import { formatNumber, nextNumber } from "./sequences";
import { getInvoiceOrThrow, lineRows, newPaymentToken, type InvoiceWithLines } from "./store";
import { invoiceTotals, totalsColumns } from "./totals";
import { invoiceEventData } from "./events";
import { collectAfterCommit } from "@/lib/payments/queue";
import { notifyInvoiceIssued } from "@/lib/email/notifications";

// draft -> open: the invoice gets its number (gapless per organization), the customer as they
// are now, its due date, the account's credits (oldest-expiring first, as CreditApplication rows
// and credit lines) and a payment link. Nothing about it changes after this but its payment
// state, NF-e fields and metadata. An invoice with nothing left to pay is paid at once.
export type InvoiceScope = { organizationId: string; mode: "live" | "test" };

const DAY_MS = 86_400_000;

export async function finalizeInvoice(tx: DbOrTx, scope: InvoiceScope & { id: string }): Promise<InvoiceWithLines> {
  const invoice = await getInvoiceOrThrow(tx, scope, { forUpdate: true });
  if (invoice.status !== "draft") throw new ApiError("resource_conflict", `This invoice is already finalized (status ${invoice.status})`, { param: "status" });
  const at = clockNow();
  const [org] = await tx.select({ slug: organizations.slug, dueDays: organizations.invoiceDueDays }).from(organizations).where(eq(organizations.id, scope.organizationId));
  const [account] = await tx
    .select()
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, invoice.billingAccountId), eq(billingAccounts.organizationId, scope.organizationId)));
  const customer: CustomerSnapshot = {
    name: account!.name, legal_name: account!.legalName, email: account!.email,
    document_type: account!.documentType, document: account!.document, tax_address: account!.taxAddress,
  };

  const creditLines = await applyAccountCredits(tx, scope, invoice, at);
  if (creditLines.length) await tx.insert(invoiceLines).values(lineRows(scope.organizationId, invoice.id, creditLines, invoice.lines.length + 1));
  const totals = invoiceTotals([...invoice.lines.map((l) => ({ kind: l.kind, amount_cents: l.amountCents })), ...creditLines]);
  const number = formatNumber(org!.slug, await nextNumber(tx, scope.organizationId, "invoice"));
  const paid = totals.amount_due_cents === 0;
  await tx
    .update(invoices)
    .set({
      ...totalsColumns(totals),
      status: paid ? "paid" : "open",
      number,
      customer,
      finalizedAt: at,
      paidAt: paid ? at : null,
      dueAt: new Date(at.getTime() + org!.dueDays * DAY_MS),
      paymentToken: paid ? null : newPaymentToken(),
      // Collected by the payments worker from now on (lib/payments/collect.ts).
      nextPaymentAttemptAt: !paid && invoice.collectionMethod === "charge_automatically" ? at : null,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.organizationId, scope.organizationId)));
  const finalized = await getInvoiceOrThrow(tx, scope);
  await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.finalized", data: invoiceEventData(finalized, scope.mode) });
  if (finalized.nextPaymentAttemptAt) collectAfterCommit(finalized.id);
  if (paid) await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.paid", data: invoiceEventData(finalized, scope.mode) });
  await notifyInvoiceIssued(tx, finalized); // emails the customer when there is something to pay (open)
  return finalized;
}

/** Spends the account's credits on the invoice's total, locked so two finalizations cannot spend one credit twice. */
async function applyAccountCredits(tx: DbOrTx, scope: InvoiceScope, invoice: InvoiceWithLines, at: Date): Promise<DraftLine[]> {
  const { total_cents } = invoiceTotals(invoice.lines.map((l) => ({ kind: l.kind, amount_cents: l.amountCents })));
  if (total_cents === 0) return [];
  const available = await listApplicableCredits(tx, { organizationId: scope.organizationId, billingAccountId: invoice.billingAccountId, currency: invoice.currency, at });
  const { applications } = applyCredits(total_cents, available, at);
  const lines: DraftLine[] = [];
  for (const a of applications) {
    const [credit] = await tx
      .update(credits)
      .set({ amountRemainingCents: sql`${credits.amountRemainingCents} - ${a.amount_cents}`, updatedAt: sql`clock_timestamp()` })
      .where(and(eq(credits.id, a.credit_id), eq(credits.organizationId, scope.organizationId)))
      .returning({ description: credits.description });
    await tx.insert(creditApplications).values({ organizationId: scope.organizationId, creditId: a.credit_id, invoiceId: invoice.id, amountCents: a.amount_cents });
    lines.push({ ...blankLine, kind: "credit", credit_id: a.credit_id, description: credit?.description ? `Credit applied: ${credit.description}` : "Credit applied", amount_cents: -a.amount_cents });
  }
  return lines;
}
