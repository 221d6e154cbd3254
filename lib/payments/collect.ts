import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, invoices, organizations, paymentMethods, payments, type Payment, type PaymentMethod } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { now as clockNow } from "@/lib/clock";
import { getInvoiceOrThrow, type InvoiceWithLines } from "@/lib/invoices/store";
import { log } from "@/lib/log";
import { emitEvent } from "@/lib/webhooks/emit";
import { paymentEventData } from "./events";
import { GatewayInputError, type PaymentGateway } from "./gateway";
import { getGateway } from "./gateways";
import { settleFailedRound, settlePaid } from "./settle";

// Collecting an invoice, safely under retries and races:
// 1. in a transaction holding the invoice's row lock: check it is due, count the round, and
//    insert the attempt as `processing` (one in flight per invoice: a unique index);
// 2. outside any transaction: ask the gateway, with the attempt's idempotency key (a retry of
//    this attempt gets the gateway's first answer, never a second capture);
// 3. in a transaction with the lock again: record the answer. A decline moves on to the backup
//    method (its attempt inserted in the same transaction), then to the dunning schedule.
// An attempt left `processing` by a crash is re-driven with the same key after STALE_MS.
type Scope = { organizationId: string; mode: "live" | "test" };
export type CollectOutcome = "paid" | "failed" | "pending" | "in_flight" | "nothing_to_do";
export type CollectResult = { outcome: CollectOutcome; invoice: InvoiceWithLines; payment: Payment | null };
export type CollectOptions = { force?: boolean; paymentMethodId?: string; gateway?: PaymentGateway };

export const STALE_MS = 60_000;
const PIX_VALIDITY_MS = 24 * 3_600_000;

const invoiceLock = (tx: DbOrTx, scope: Scope, id: string) => getInvoiceOrThrow(tx, { organizationId: scope.organizationId, id }, { forUpdate: true });

async function methodsToTry(tx: DbOrTx, scope: Scope, invoice: InvoiceWithLines, paymentMethodId?: string): Promise<PaymentMethod[]> {
  const active = await tx
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, scope.organizationId), eq(paymentMethods.billingAccountId, invoice.billingAccountId), eq(paymentMethods.status, "active")))
    .orderBy(asc(paymentMethods.createdAt));
  if (paymentMethodId) {
    const chosen = active.find((m) => m.id === paymentMethodId);
    if (!chosen) throw new ApiError("reference_not_found", `No active payment method '${paymentMethodId}' on this invoice's billing account`, { param: "payment_method_id" });
    return [chosen];
  }
  return ["default", "backup"].map((role) => active.find((m) => m.role === role)).filter((m): m is PaymentMethod => m !== undefined);
}

async function insertAttempt(tx: DbOrTx, scope: Scope, invoice: InvoiceWithLines, method: PaymentMethod): Promise<Payment> {
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(payments)
    .values({
      id,
      organizationId: scope.organizationId,
      invoiceId: invoice.id,
      billingAccountId: invoice.billingAccountId,
      paymentMethodId: method.id,
      methodType: method.type,
      gateway: method.gateway,
      amountCents: invoice.amountDueCents - invoice.amountPaidCents,
      currency: invoice.currency,
      status: "processing",
      attemptNumber: invoice.attemptCount,
      idempotencyKey: `pay_${id}`,
    })
    .returning();
  return row!;
}

type Begun = { kind: "attempt"; payment: Payment; rest: PaymentMethod[] } | { kind: "done"; result: CollectResult };

/** Phase 1: is it due, is anything in flight, and the round's first attempt. */
async function begin(db: DbOrTx, scope: Scope, invoiceId: string, options: CollectOptions): Promise<Begun> {
  return db.transaction(async (tx) => {
    const invoice = await invoiceLock(tx, scope, invoiceId);
    const done = (outcome: CollectOutcome, payment: Payment | null = null): Begun => ({ kind: "done", result: { outcome, invoice, payment } });
    const remaining = invoice.amountDueCents - invoice.amountPaidCents;
    if (!["open", "uncollectible"].includes(invoice.status) || remaining <= 0) return done("nothing_to_do");
    const at = clockNow();
    const own = await tx.select().from(payments).where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, invoice.id), inArray(payments.status, ["processing", "pending"])));
    const inFlight = own.find((p) => p.status === "processing");
    if (inFlight) {
      // A crashed attempt is re-driven with its own key; a live one is left alone.
      if (Date.now() - inFlight.updatedAt.getTime() > STALE_MS) return { kind: "attempt", payment: inFlight, rest: [] };
      return done("in_flight", inFlight);
    }
    if (!options.force) {
      const due = invoice.status === "open" && invoice.collectionMethod === "charge_automatically" && invoice.nextPaymentAttemptAt !== null && invoice.nextPaymentAttemptAt <= at;
      if (!due) return done("nothing_to_do");
    }
    const candidates = await methodsToTry(tx, scope, invoice, options.paymentMethodId);
    const pending = own.find((p) => p.status === "pending" && candidates[0] && p.methodType === candidates[0].type);
    if (pending && !options.paymentMethodId) return done("pending", pending);
    await tx
      .update(invoices)
      .set({ attemptCount: sql`${invoices.attemptCount} + 1`, nextPaymentAttemptAt: null, updatedAt: sql`clock_timestamp()` })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.organizationId, scope.organizationId)));
    const counted = { ...invoice, attemptCount: invoice.attemptCount + 1 };
    if (candidates.length === 0) {
      const failed = await settleFailedRound(tx, scope, counted, { code: "no_payment_method", message: "The billing account has no payment method to charge" });
      return { kind: "done", result: { outcome: "failed", invoice: failed, payment: null } };
    }
    return { kind: "attempt", payment: await insertAttempt(tx, scope, counted, candidates[0]!), rest: candidates.slice(1) };
  });
}

type GatewayAnswer =
  | { status: "succeeded"; reference: string }
  | { status: "failed"; reference: string | null; code: string; message: string }
  | { status: "pending"; reference: string; boleto?: Payment["boleto"]; pix?: Payment["pix"] };

/** Phase 2: the gateway call, outside any transaction. */
async function ask(db: DbOrTx, scope: Scope, payment: Payment, gateway: PaymentGateway): Promise<GatewayAnswer> {
  const [row] = await db
    .select({ number: invoices.number, dueAt: invoices.dueAt, token: paymentMethods.cardToken, name: billingAccounts.name, email: billingAccounts.email, document: billingAccounts.document, merchant: organizations.name })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(billingAccounts, eq(billingAccounts.id, payments.billingAccountId))
    .innerJoin(organizations, eq(organizations.id, payments.organizationId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, payments.paymentMethodId))
    .where(and(eq(payments.id, payment.id), eq(payments.organizationId, scope.organizationId)));
  const description = `Invoice ${row!.number}`;
  const payer = { name: row!.name, email: row!.email, document: row!.document };
  const key = payment.idempotencyKey;
  try {
    if (payment.methodType === "card") {
      const r = await gateway.chargeCard({ idempotencyKey: key, token: row!.token!, amountCents: payment.amountCents, currency: payment.currency, description });
      return r.status === "succeeded" ? r : { status: "failed", reference: r.reference, code: r.failureCode, message: r.failureMessage };
    }
    const today = clockNow();
    if (payment.methodType === "boleto") {
      const due = row!.dueAt && row!.dueAt > today ? row!.dueAt : today;
      const b = await gateway.issueBoleto({ idempotencyKey: key, amountCents: payment.amountCents, dueDate: due, payer, description });
      return { status: "pending", reference: b.reference, boleto: { barcode: b.barcode, digitable_line: b.digitableLine, due_date: b.dueDate } };
    }
    const p = await gateway.issuePix({
      idempotencyKey: key, amountCents: payment.amountCents, expiresAt: new Date(today.getTime() + PIX_VALIDITY_MS), payer,
      merchantName: row!.merchant, merchantCity: "SAO PAULO", description,
    });
    return { status: "pending", reference: p.reference, pix: { payload: p.payload, txid: p.txid, expires_at: p.expiresAt } };
  } catch (error) {
    if (error instanceof GatewayInputError) return { status: "failed", reference: null, code: "gateway_rejected", message: `${error.param}: ${error.message}` };
    throw error; // a network-level failure: the attempt stays processing and is re-driven later
  }
}

/** Phase 3: the answer, recorded under the invoice's lock; the next attempt when a card was declined. */
async function record(db: DbOrTx, scope: Scope, attempt: Payment, answer: GatewayAnswer, rest: PaymentMethod[]): Promise<{ result: CollectResult; next?: Payment; rest: PaymentMethod[] }> {
  return db.transaction(async (tx) => {
    const invoice = await invoiceLock(tx, scope, attempt.invoiceId);
    const [payment] = await tx.select().from(payments).where(and(eq(payments.id, attempt.id), eq(payments.organizationId, scope.organizationId))).for("update");
    if (payment!.status !== "processing") return { result: { outcome: "in_flight", invoice, payment: payment! }, rest: [] }; // recorded by someone else
    const where = and(eq(payments.id, attempt.id), eq(payments.organizationId, scope.organizationId));
    if (answer.status === "succeeded") {
      await tx.update(payments).set({ gatewayReference: answer.reference }).where(where);
      const paid = await settlePaid(tx, scope, invoice, { ...payment!, gatewayReference: answer.reference }, clockNow());
      const [final] = await tx.select().from(payments).where(where);
      return { result: { outcome: "paid", invoice: paid, payment: final! }, rest: [] };
    }
    if (answer.status === "pending") {
      const [pending] = await tx
        .update(payments)
        .set({ status: "pending", gatewayReference: answer.reference, boleto: answer.boleto ?? null, pix: answer.pix ?? null, updatedAt: sql`clock_timestamp()` })
        .where(where)
        .returning();
      await emitEvent(tx, { organizationId: scope.organizationId, type: "payment.pending", data: paymentEventData(pending!, scope.mode) });
      return { result: { outcome: "pending", invoice, payment: pending! }, rest: [] };
    }
    const [failed] = await tx
      .update(payments)
      .set({ status: "failed", gatewayReference: answer.reference, failureCode: answer.code, failureMessage: answer.message, updatedAt: sql`clock_timestamp()` })
      .where(where)
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "payment.failed", data: paymentEventData(failed!, scope.mode) });
    if (rest.length > 0) {
      const next = await insertAttempt(tx, scope, invoice, rest[0]!);
      return { result: { outcome: "failed", invoice, payment: failed! }, next, rest: rest.slice(1) };
    }
    const rescheduled = await settleFailedRound(tx, scope, invoice, { code: answer.code, message: answer.message });
    return { result: { outcome: "failed", invoice: rescheduled, payment: failed! }, rest: [] };
  });
}

export async function collectInvoice(db: DbOrTx, scope: Scope & { invoiceId: string }, options: CollectOptions = {}): Promise<CollectResult> {
  const gateway = options.gateway ?? getGateway();
  const begun = await begin(db, scope, scope.invoiceId, options);
  if (begun.kind === "done") return begun.result;
  let attempt: Payment | undefined = begun.payment;
  let rest = begun.rest;
  let result: CollectResult | undefined;
  while (attempt) {
    const answer = await ask(db, scope, attempt, gateway);
    const recorded = await record(db, scope, attempt, answer, rest);
    result = recorded.result;
    attempt = recorded.next;
    rest = recorded.rest;
  }
  return result!;
}

/** Open invoices whose next attempt is due, and attempts stuck in processing. */
export async function dueCollections(db: DbOrTx, at: Date, limit = 500) {
  return db.execute<{ id: string; organization_id: string; mode: "live" | "test" }>(sql`
    select i.id, i.organization_id, o.mode from invoices i join organizations o on o.id = i.organization_id
    where i.status = 'open' and i.next_payment_attempt_at <= ${at.toISOString()}::timestamptz
    union
    select i.id, i.organization_id, o.mode from payments p join invoices i on i.id = p.invoice_id join organizations o on o.id = i.organization_id
    where p.status = 'processing' and p.updated_at < now() - interval '60 seconds'
    limit ${limit}`);
}

/** Collects everything due at `at` (the worker's sweep, and the billing simulation in tests). */
export async function runCollections(db: DbOrTx, at: Date) {
  const counts: Record<CollectOutcome | "error", number> = { paid: 0, failed: 0, pending: 0, in_flight: 0, nothing_to_do: 0, error: 0 };
  for (const row of await dueCollections(db, at)) {
    try {
      counts[(await collectInvoice(db, { organizationId: row.organization_id, mode: row.mode, invoiceId: row.id })).outcome]++;
    } catch (error) {
      counts.error++;
      log.error("invoice collection failed", { invoiceId: row.id, error });
    }
  }
  return counts;
}
