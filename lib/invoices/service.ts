import { and, eq, gte, ilike, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { creditApplications, credits, invoiceLines, invoices, organizations, payments } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { mergeMetadata } from "@/lib/api/metadata";
import { listPage } from "@/lib/api/pagination";
import { asReference } from "@/lib/api/references";
import { accountMatches, escapeLike } from "@/lib/billing-accounts/search";
import { isUuid } from "@/lib/uuid";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { checkedMul } from "@/lib/billing/money";
import { now as clockNow } from "@/lib/clock";
import { log } from "@/lib/log";
import { organizationCurrency } from "@/lib/organizations/create";
import type { EventType } from "@/lib/webhooks/event-types";
import { emitEvent } from "@/lib/webhooks/emit";
import { invoiceEventData } from "./events";
import { finalizeInvoice, type InvoiceScope } from "./finalize";
import type { AddInvoiceLinesInput, CreateInvoiceInput, SubscriptionInvoiceInput, UpdateInvoiceInput } from "./input";
import { blankLine, type DraftLine } from "./lines";
import { getInvoiceOrThrow, insertDraft, lineRows, linesOf, type InvoiceWithLines } from "./store";
import { invoiceTotals, totalsColumns } from "./totals";

// Invoices made by hand, their editable fields and their terminal states.
const conflict = (message: string, param = "status") => new ApiError("resource_conflict", message, { param });
const byId = (scope: { organizationId: string; id: string }) => and(eq(invoices.id, scope.id), eq(invoices.organizationId, scope.organizationId));

export function manualLines(lines: CreateInvoiceInput["lines"]): DraftLine[] {
  return lines.map((l) => ({
    ...blankLine,
    kind: "manual",
    description: l.description,
    quantity: l.quantity,
    unit_amount_subcents: checkedMul(l.unit_amount_cents, 100),
    amount_cents: checkedMul(l.quantity, l.unit_amount_cents),
  }));
}

export async function createInvoice(db: DbOrTx, scope: InvoiceScope, input: CreateInvoiceInput): Promise<InvoiceWithLines> {
  return db.transaction(async (tx) => {
    const account = await asReference(getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: input.billing_account_id }, { forUpdate: true }), "billing_account_id");
    if (account.status === "archived") throw new ApiError("resource_archived", "This billing account is archived: it can no longer be invoiced", { param: "billing_account_id" });
    const draft = await insertDraft(tx, {
      organizationId: scope.organizationId,
      billingAccountId: account.id,
      subscriptionId: null,
      currency: input.currency ?? (await organizationCurrency(tx, scope.organizationId)),
      billingReason: "manual",
      collectionMethod: input.collection_method,
      period: null,
      lines: manualLines(input.lines),
      memo: input.memo,
      metadata: input.metadata,
      autoFinalizeAt: input.auto_finalize_at ?? null,
    });
    await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.created", data: invoiceEventData(draft, scope.mode) });
    return input.finalize ? finalizeInvoice(tx, { ...scope, id: draft.id }) : draft;
  });
}

/** More one-off lines on a draft; the totals follow. */
export async function addDraftLines(db: DbOrTx, scope: InvoiceScope & { id: string }, input: AddInvoiceLinesInput): Promise<InvoiceWithLines> {
  return db.transaction(async (tx) => {
    const current = await getInvoiceOrThrow(tx, scope, { forUpdate: true });
    if (current.status !== "draft") throw conflict("Lines can only be added to a draft");
    const added = manualLines(input.lines);
    await tx.insert(invoiceLines).values(lineRows(scope.organizationId, current.id, added, current.lines.length + 1));
    const totals = invoiceTotals([...current.lines.map((l) => ({ kind: l.kind, amount_cents: l.amountCents })), ...added]);
    await tx.update(invoices).set({ ...totalsColumns(totals), updatedAt: sql`clock_timestamp()` as unknown as Date }).where(byId(scope));
    const updated = await getInvoiceOrThrow(tx, scope);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.updated", data: invoiceEventData(updated, scope.mode) });
    return updated;
  });
}

/** The finalization worker: drafts whose auto_finalize_at has come, each in its own transaction. */
export async function finalizeDueDrafts(db: DbOrTx, at: Date): Promise<{ finalized: number; failed: number }> {
  const due = await db
    .select({ id: invoices.id, organizationId: invoices.organizationId, mode: organizations.mode })
    .from(invoices)
    .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
    .where(and(eq(invoices.status, "draft"), lte(invoices.autoFinalizeAt, at)))
    .limit(1000);
  const counts = { finalized: 0, failed: 0 };
  for (const d of due) {
    try {
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ status: invoices.status }).from(invoices).where(byId({ organizationId: d.organizationId, id: d.id })).for("update");
        if (row?.status === "draft") await finalizeInvoice(tx, { organizationId: d.organizationId, mode: d.mode, id: d.id });
      });
      counts.finalized++;
    } catch (error) {
      counts.failed++;
      log.error("invoice auto-finalization failed", { invoiceId: d.id, error });
    }
  }
  return counts;
}

/** Manual invoicing of a subscription: one-off lines billed with it, in its currency. */
export async function invoiceSubscriptionNow(db: DbOrTx, scope: InvoiceScope & { subscriptionId: string }, input: SubscriptionInvoiceInput, load: (tx: DbOrTx) => Promise<{ billingAccountId: string; currency: string; status: string }>) {
  return db.transaction(async (tx) => {
    const sub = await load(tx);
    if (sub.status === "canceled") throw conflict("This subscription is canceled; invoice the billing account instead");
    const draft = await insertDraft(tx, {
      organizationId: scope.organizationId,
      billingAccountId: sub.billingAccountId,
      subscriptionId: scope.subscriptionId,
      currency: sub.currency,
      billingReason: "manual",
      period: null,
      lines: manualLines(input.lines),
      memo: input.memo,
      metadata: input.metadata,
    });
    await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.created", data: invoiceEventData(draft, scope.mode) });
    return input.finalize ? finalizeInvoice(tx, { ...scope, id: draft.id }) : draft;
  });
}

export type InvoiceFilters = {
  limit: number; cursor?: string; billing_account_id?: string; subscription_id?: string; status?: InvoiceWithLines["status"];
  /** The admin's search: the invoice's number or id, or its customer (accountMatches). */
  search?: string;
  /** Created at or after / before these instants. */
  created_gte?: Date; created_lt?: Date;
};

function invoiceSearch(organizationId: string, search: string) {
  const text = search.trim();
  return or(
    ilike(invoices.number, `%${escapeLike(text)}%`),
    isUuid(text) ? or(eq(invoices.id, text), eq(invoices.subscriptionId, text)) : undefined,
    accountMatches(invoices.billingAccountId, organizationId, text),
  );
}

export async function listInvoices(db: DbOrTx, scope: { organizationId: string }, f: InvoiceFilters): Promise<InvoiceWithLines[]> {
  const rows = await listPage(db, invoices, scope, [
    f.billing_account_id ? eq(invoices.billingAccountId, f.billing_account_id) : undefined,
    f.subscription_id ? eq(invoices.subscriptionId, f.subscription_id) : undefined,
    f.status ? eq(invoices.status, f.status) : undefined,
    f.search?.trim() ? invoiceSearch(scope.organizationId, f.search) : undefined,
    f.created_gte ? gte(invoices.createdAt, f.created_gte) : undefined,
    f.created_lt ? lt(invoices.createdAt, f.created_lt) : undefined,
  ], f);
  const lines = await linesOf(db, scope, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, lines: lines.get(r.id) ?? [] }));
}

export async function updateInvoice(db: DbOrTx, scope: InvoiceScope & { id: string }, input: UpdateInvoiceInput): Promise<InvoiceWithLines> {
  return db.transaction(async (tx) => {
    const current = await getInvoiceOrThrow(tx, scope, { forUpdate: true });
    const draft = current.status === "draft";
    if (!draft && (input.memo !== undefined || input.collection_method !== undefined || input.auto_finalize_at !== undefined)) {
      const param = input.memo !== undefined ? "memo" : input.collection_method !== undefined ? "collection_method" : "auto_finalize_at";
      throw conflict("A finalized invoice is immutable: only nfe and metadata can change", param);
    }
    if (draft && input.nfe !== undefined) throw conflict("NF-e fields are set once the invoice is finalized", "nfe");
    const changes: Partial<typeof invoices.$inferInsert> = { updatedAt: sql`clock_timestamp()` as unknown as Date };
    if (input.memo !== undefined) changes.memo = input.memo;
    if (input.collection_method !== undefined) changes.collectionMethod = input.collection_method;
    if (input.auto_finalize_at !== undefined) changes.autoFinalizeAt = input.auto_finalize_at;
    if (input.metadata !== undefined) changes.metadata = mergeMetadata(current.metadata, input.metadata);
    if (input.nfe !== undefined) {
      const base = current.nfe ?? { number: null, series: null, verification_url: null, status: null };
      changes.nfe = { ...base, ...input.nfe };
    }
    await tx.update(invoices).set(changes).where(byId(scope));
    const updated = await getInvoiceOrThrow(tx, scope);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.updated", data: invoiceEventData(updated, scope.mode) });
    return updated;
  });
}

export async function deleteDraft(db: DbOrTx, scope: InvoiceScope & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await getInvoiceOrThrow(tx, scope, { forUpdate: true });
    if (current.status !== "draft") throw conflict("Only a draft can be deleted; void a finalized invoice instead");
    await tx.delete(invoices).where(byId(scope));
  });
}

export function finalizeDraft(db: DbOrTx, scope: InvoiceScope & { id: string }) {
  return db.transaction((tx) => finalizeInvoice(tx, scope));
}

async function close(db: DbOrTx, scope: InvoiceScope & { id: string }, event: EventType, decide: (inv: InvoiceWithLines, at: Date) => Partial<typeof invoices.$inferInsert>, after?: (tx: DbOrTx, inv: InvoiceWithLines) => Promise<void>) {
  return db.transaction(async (tx) => {
    const current = await getInvoiceOrThrow(tx, scope, { forUpdate: true });
    const changes = decide(current, clockNow());
    await tx.update(invoices).set({ ...changes, nextPaymentAttemptAt: null, updatedAt: sql`clock_timestamp()` as unknown as Date }).where(byId(scope));
    if (after) await after(tx, current);
    const updated = await getInvoiceOrThrow(tx, scope);
    await emitEvent(tx, { organizationId: scope.organizationId, type: event, data: invoiceEventData(updated, scope.mode) });
    return updated;
  });
}

/** open | uncollectible -> void: the credits it consumed are restored, pending boleto/PIX canceled. */
export function voidInvoice(db: DbOrTx, scope: InvoiceScope & { id: string }) {
  return close(
    db, scope, "invoice.voided",
    (inv, at) => {
      if (inv.status === "draft") throw conflict("A draft is deleted, not voided");
      if (inv.status === "paid") throw conflict("A paid invoice cannot be voided; refund its payment instead");
      if (inv.status === "void") throw conflict("This invoice is already void");
      if (inv.amountPaidCents > 0) throw conflict("This invoice has been partly paid; refund the payment first");
      return { status: "void", voidedAt: at };
    },
    async (tx, inv) => {
      const reversed = await tx
        .update(creditApplications)
        .set({ reversedAt: clockNow() })
        .where(and(eq(creditApplications.organizationId, scope.organizationId), eq(creditApplications.invoiceId, inv.id), isNull(creditApplications.reversedAt)))
        .returning({ creditId: creditApplications.creditId, amount: creditApplications.amountCents });
      for (const r of reversed) {
        // A voided credit stays at 0: what it had given back is not revived.
        await tx
          .update(credits)
          .set({ amountRemainingCents: sql`${credits.amountRemainingCents} + ${r.amount}`, updatedAt: sql`clock_timestamp()` })
          .where(and(eq(credits.id, r.creditId), eq(credits.organizationId, scope.organizationId), eq(credits.status, "active")));
      }
      await tx
        .update(payments)
        .set({ status: "canceled", updatedAt: sql`clock_timestamp()` })
        .where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, inv.id), inArray(payments.status, ["pending"])));
    },
  );
}

export function markUncollectible(db: DbOrTx, scope: InvoiceScope & { id: string }) {
  return close(db, scope, "invoice.marked_uncollectible", (inv, at) => {
    if (inv.status !== "open") throw conflict(`Only an open invoice can be marked uncollectible (this one is ${inv.status})`);
    return { status: "uncollectible", markedUncollectibleAt: at };
  });
}
