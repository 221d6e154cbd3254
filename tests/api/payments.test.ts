import { eq, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { payments, sandboxGatewayCharges } from "@/db/schema";
import { paymentObject } from "@/lib/api/resources/payments";
import { resetClock, setClock } from "@/lib/clock";
import { collectInvoice, runCollections } from "@/lib/payments/collect";
import { markSandboxChargePaid, SANDBOX_SIGNATURE_HEADER } from "@/lib/payments/sandbox";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { attachCard, TEST_CARD } from "../helpers/payments";
import { tenantWithCatalog } from "./subscriptions-factories";

// Collecting invoices: cards (default, then backup), dunning, boleto/PIX through the gateway's
// signed webhook, refunds, and no double charge.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
beforeAll(async () => {
  c = await tenantWithCatalog();
});
afterEach(() => resetClock());

const DAY = 86_400_000;
const newAccount = async (key = c.key) => (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
const subscribe = async (account: string) => {
  const res = await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const invoiceOf = async (subscriptionId: string, key = c.key) => (await api.get(`/api/v1/invoices?subscription_id=${subscriptionId}`, { key })).body.data[0];
const getInvoice = async (id: string, key = c.key) => (await api.get(`/api/v1/invoices/${id}`, { key })).body;
const getSub = async (id: string) => (await api.get(`/api/v1/subscriptions/${id}`, { key: c.key })).body;
const paymentsOf = async (invoiceId: string, key = c.key) => ((await api.get(`/api/v1/payments?invoice_id=${invoiceId}`, { key })).body.data as any[]).reverse();
const oneOffInvoice = async (key: string, account: string, amount = 12_345) =>
  (await api.post("/api/v1/invoices", { billing_account_id: account, lines: [{ description: "Setup", unit_amount_cents: amount }], finalize: true, collection_method: "send_invoice" }, { key })).body;

describe("collecting card payments", () => {
  it("charges the default card: payment with a receipt, invoice paid, events", async () => {
    const account = await newAccount();
    await attachCard(c.key, account);
    const sub = await subscribe(account);
    const invoice = await invoiceOf(sub.id);
    expect(invoice).toMatchObject({ status: "open", amount_due_cents: 7990 });
    await runCollections(getDb(), new Date());
    const paid = await getInvoice(invoice.id);
    expect(paid).toMatchObject({ status: "paid", amount_paid_cents: 7990, payment_url: null, next_payment_attempt_at: null, attempt_count: 1 });
    const [payment] = await paymentsOf(invoice.id);
    expect(paymentObject.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({ status: "succeeded", method_type: "card", amount_cents: 7990, attempt_number: 1, failure_code: null });
    expect(payment.receipt_number).toMatch(new RegExp(`^${c.t.slug.toUpperCase()}R-\\d{6}$`));
    expect((await getSub(sub.id)).status).toBe("active");
    const types = (await api.get(`/api/v1/events?limit=100`, { key: c.key })).body.data.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(["invoice.finalized", "payment.succeeded", "invoice.paid"]));
  });

  it("a declined default card falls back to the backup in the same round", async () => {
    const account = await newAccount();
    await attachCard(c.key, account, TEST_CARD.declined);
    await attachCard(c.key, account, TEST_CARD.ok, "backup");
    const sub = await subscribe(account);
    const invoice = await invoiceOf(sub.id);
    await runCollections(getDb(), new Date());
    expect((await getInvoice(invoice.id)).status).toBe("paid");
    expect((await paymentsOf(invoice.id)).map((p) => [p.status, p.failure_code, p.attempt_number])).toEqual([
      ["failed", "card_declined", 1],
      ["succeeded", null, 1],
    ]);
  });

  it("dunning of a first invoice: retries on days 1, 3, 5 and 7 after finalization; the subscription stays incomplete", async () => {
    const start = new Date("2027-01-10T00:00:00Z");
    setClock(start);
    const account = await newAccount();
    await attachCard(c.key, account, TEST_CARD.insufficientFunds);
    const sub = await subscribe(account);
    const first = await invoiceOf(sub.id);
    await runCollections(getDb(), start);
    // The first invoice failing leaves the subscription incomplete.
    expect((await getSub(sub.id)).status).toBe("incomplete");
    const failed = await getInvoice(first.id);
    expect(failed).toMatchObject({ status: "open", attempt_count: 1, next_payment_attempt_at: new Date(start.getTime() + DAY).toISOString() });
    const schedule: string[] = [];
    for (const day of [1, 3, 5, 7]) {
      const at = new Date(start.getTime() + day * DAY);
      setClock(at);
      await runCollections(getDb(), at);
      schedule.push((await getInvoice(first.id)).next_payment_attempt_at);
    }
    expect(schedule).toEqual([3, 5, 7].map((d) => new Date(start.getTime() + d * DAY).toISOString()).concat([null as unknown as string]));
    const attempts = await paymentsOf(first.id);
    expect(attempts.map((p) => [p.attempt_number, p.failure_code])).toEqual([1, 2, 3, 4, 5].map((n) => [n, "insufficient_funds"]));
    expect((await getSub(sub.id)).status).toBe("incomplete");
  });

  it("a renewal invoice that cannot be collected makes the subscription past_due, then unpaid; paying recovers it", async () => {
    const start = new Date("2027-03-01T00:00:00Z");
    setClock(start);
    const account = await newAccount();
    const card = await attachCard(c.key, account);
    const sub = await subscribe(account);
    await runCollections(getDb(), start);
    // The card gets replaced by one that declines.
    const bad = await attachCard(c.key, account, TEST_CARD.declined, "default");
    await api.delete(`/api/v1/payment_methods/${card}`, { key: c.key });
    const renewalAt = new Date("2027-04-01T00:00:00Z");
    setClock(renewalAt);
    const { runRenewals } = await import("@/lib/billing-runs/renew");
    await runRenewals(getDb(), renewalAt);
    await runCollections(getDb(), renewalAt);
    expect((await getSub(sub.id)).status).toBe("past_due");
    for (const day of [1, 3, 5, 7]) {
      setClock(new Date(renewalAt.getTime() + day * DAY));
      await runCollections(getDb(), new Date(renewalAt.getTime() + day * DAY));
    }
    expect((await getSub(sub.id)).status).toBe("unpaid");
    const renewal = (await api.get(`/api/v1/invoices?subscription_id=${sub.id}&status=open`, { key: c.key })).body.data[0];
    const good = await attachCard(c.key, account, TEST_CARD.ok);
    const paid = await api.post(`/api/v1/invoices/${renewal.id}/pay`, { payment_method_id: good }, { key: c.key });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ invoice_status: "paid", amount_remaining_cents: 0, payment: { status: "succeeded" } });
    expect((await getSub(sub.id)).status).toBe("active");
    expect((await paymentsOf(renewal.id)).map((p) => [p.payment_method_id, p.status])).toEqual([
      ...[1, 2, 3, 4, 5].map(() => [bad, "failed"]),
      [good, "succeeded"],
    ]);
  });

  it("never captures twice: the same invoice collected by 8 racing workers is charged once", async () => {
    const account = await newAccount();
    await attachCard(c.key, account);
    const invoice = await oneOffInvoice(c.key, account);
    const scope = { organizationId: c.t.live.id, mode: "live" as const, invoiceId: invoice.id };
    const results = await Promise.all(Array.from({ length: 8 }, () => collectInvoice(getDb(), scope, { force: true })));
    expect(results.filter((r) => r.outcome === "paid").length).toBe(1);
    const rows = await getDb().select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(rows.filter((p) => p.status === "succeeded").length).toBe(1);
    const captures = await getDb().select().from(sandboxGatewayCharges).where(inArray(sandboxGatewayCharges.idempotencyKey, rows.map((p) => p.idempotencyKey)));
    expect(captures.filter((ch) => ch.kind === "card" && ch.status === "succeeded").length).toBe(1);
    expect((await getInvoice(invoice.id)).amount_paid_cents).toBe(12_345);
    // And once paid, another collection does nothing.
    expect((await collectInvoice(getDb(), scope, { force: true })).outcome).toBe("nothing_to_do");
  });
});

describe("boleto and PIX", () => {
  it("issues a PIX, and the sandbox's signed webhook settles the invoice once", async () => {
    const account = await newAccount(c.t.testKey);
    const invoice = await oneOffInvoice(c.t.testKey, account);
    const pm = (await api.post(`/api/v1/billing_accounts/${account}/payment_methods`, { type: "pix" }, { key: c.t.testKey })).body.id;
    const issued = await api.post(`/api/v1/invoices/${invoice.id}/pay`, { payment_method_id: pm }, { key: c.t.testKey });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ invoice_status: "open", payment: { status: "pending", method_type: "pix", receipt_number: null } });
    expect(issued.body.payment.pix.payload).toMatch(/^000201.*6304[0-9A-F]{4}$/);
    const reference = (await getDb().select().from(payments).where(eq(payments.id, issued.body.payment.id)))[0]!.gatewayReference!;
    const webhook = await markSandboxChargePaid(getDb(), reference);
    // A tampered body is refused; the genuine one settles; a redelivery changes nothing.
    const tampered = await api.post("/api/v1/gateway/webhooks/sandbox", undefined, { rawBody: webhook.body.replace("12345", "1"), headers: { "content-type": "application/json", [SANDBOX_SIGNATURE_HEADER]: webhook.signature } });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe("invalid_signature");
    const send = () => api.post("/api/v1/gateway/webhooks/sandbox", undefined, { rawBody: webhook.body, headers: { "content-type": "application/json", [SANDBOX_SIGNATURE_HEADER]: webhook.signature } });
    expect((await send()).body).toEqual({ received: true, outcome: "settled" });
    expect((await send()).body).toEqual({ received: true, outcome: "already_settled" });
    const paid = await getInvoice(invoice.id, c.t.testKey);
    expect(paid).toMatchObject({ status: "paid", amount_paid_cents: 12_345 });
    expect((await paymentsOf(invoice.id, c.t.testKey))[0]).toMatchObject({ status: "succeeded", method_type: "pix" });
  });

  it("simulate_payment pays a boleto in a sandbox organization and is refused with a live key", async () => {
    const account = await newAccount(c.t.testKey);
    const invoice = await oneOffInvoice(c.t.testKey, account);
    const res = await api.post(`/api/v1/invoices/${invoice.id}/simulate_payment`, { method: "boleto" }, { key: c.t.testKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ invoice_status: "paid", payment: { status: "succeeded", method_type: "boleto" } });
    expect(res.body.payment.boleto.digitable_line).toMatch(/^\d{47}$/);
    expect((await api.post(`/api/v1/invoices/${invoice.id}/simulate_payment`, {}, { key: c.t.testKey })).status).toBe(409);
    const liveAccount = await newAccount();
    const live = await oneOffInvoice(c.key, liveAccount);
    const refused = await api.post(`/api/v1/invoices/${live.id}/simulate_payment`, {}, { key: c.key });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("sandbox_only");
  });

  it("money that arrives for an invoice already paid becomes account credit", async () => {
    const account = await newAccount(c.t.testKey);
    const invoice = await oneOffInvoice(c.t.testKey, account);
    const pix = (await api.post(`/api/v1/billing_accounts/${account}/payment_methods`, { type: "pix" }, { key: c.t.testKey })).body.id;
    const pending = (await api.post(`/api/v1/invoices/${invoice.id}/pay`, { payment_method_id: pix }, { key: c.t.testKey })).body.payment;
    await api.post(`/api/v1/invoices/${invoice.id}/simulate_payment`, { method: "boleto" }, { key: c.t.testKey });
    const reference = (await getDb().select().from(payments).where(eq(payments.id, pending.id)))[0]!.gatewayReference;
    expect(reference).toBeTruthy();
    // Paying the boleto canceled the pending PIX; if the customer pays it anyway, the money is credited.
    const webhook = await markSandboxChargePaid(getDb(), reference!);
    const res = await api.post("/api/v1/gateway/webhooks/sandbox", undefined, { rawBody: webhook.body, headers: { "content-type": "application/json", [SANDBOX_SIGNATURE_HEADER]: webhook.signature } });
    expect(res.body.outcome).toBe("credited");
    const credits = (await api.get(`/api/v1/billing_accounts/${account}/credits`, { key: c.t.testKey })).body;
    expect(credits.balances).toEqual([expect.objectContaining({ currency: "BRL", available_cents: 12_345 })]);
  });
});

describe("refunds", () => {
  it("refunds partly, then the rest; never more than captured; optionally as account credit", async () => {
    const account = await newAccount();
    await attachCard(c.key, account);
    const invoice = await oneOffInvoice(c.key, account, 10_000);
    const paid = (await api.post(`/api/v1/invoices/${invoice.id}/pay`, {}, { key: c.key })).body.payment;
    const refund = (body: Record<string, unknown>) => api.post(`/api/v1/payments/${paid.id}/refund`, body, { key: c.key });
    const partial = await refund({ amount_cents: 3_000, reason: "desconto negociado" });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body).toMatchObject({ amount_refunded_cents: 3_000, refunds: [{ amount_cents: 3_000, status: "succeeded", as_credit: false }] });
    const tooMuch = await refund({ amount_cents: 7_001 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.param).toBe("amount_cents");
    const credit = await refund({ amount_cents: 2_000, as_credit: true });
    expect(credit.body.refunds[1]).toMatchObject({ amount_cents: 2_000, as_credit: true, credit_id: expect.any(String) });
    const rest = await refund({});
    expect(rest.body.amount_refunded_cents).toBe(10_000);
    expect((await refund({})).status).toBe(409);
    expect(await getInvoice(invoice.id)).toMatchObject({ status: "paid", amount_paid_cents: 10_000, amount_refunded_cents: 10_000 });
    const balance = (await api.get(`/api/v1/billing_accounts/${account}/credits`, { key: c.key })).body.balances;
    expect(balance).toEqual([expect.objectContaining({ available_cents: 2_000 })]);
    expect(((await api.get(`/api/v1/events?limit=100`, { key: c.key })).body.data as any[]).filter((e) => e.type === "payment.refunded").length).toBeGreaterThanOrEqual(3);
  });
});

describe("a refund the gateway refuses", () => {
  it("is kept as failed with its code and answered 409; nothing is refunded; the next attempt is a new request that can succeed", async () => {
    const account = await newAccount();
    await attachCard(c.key, account);
    const invoice = await oneOffInvoice(c.key, account, 5_000);
    const paid = (await api.post(`/api/v1/invoices/${invoice.id}/pay`, {}, { key: c.key })).body.payment;
    const [row] = await getDb().select().from(payments).where(eq(payments.id, paid.id));
    await getDb().update(payments).set({ gatewayReference: "ch_unknown_to_the_gateway" }).where(eq(payments.id, paid.id));
    const refused = await api.post(`/api/v1/payments/${paid.id}/refund`, { amount_cents: 1_000 }, { key: c.key });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("charge_not_found");
    const after = (await api.get(`/api/v1/payments/${paid.id}`, { key: c.key })).body;
    expect(after).toMatchObject({ amount_refunded_cents: 0, refunds: [{ amount_cents: 1_000, status: "failed" }] });

    await getDb().update(payments).set({ gatewayReference: row!.gatewayReference }).where(eq(payments.id, paid.id));
    const retried = await api.post(`/api/v1/payments/${paid.id}/refund`, { amount_cents: 1_000 }, { key: c.key });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ amount_refunded_cents: 1_000, refunds: [{ status: "failed" }, { status: "succeeded", amount_cents: 1_000 }] });
  });
});

describe("tenancy", () => {
  it("another tenant's key, and the sandbox key, get 404 on payments and see none", async () => {
    const account = await newAccount();
    await attachCard(c.key, account);
    const invoice = await oneOffInvoice(c.key, account);
    const payment = (await api.post(`/api/v1/invoices/${invoice.id}/pay`, {}, { key: c.key })).body.payment;
    const other = await createTenant();
    for (const key of [other.liveKey, c.t.testKey]) {
      expect((await api.get(`/api/v1/payments/${payment.id}`, { key })).status).toBe(404);
      expect((await api.post(`/api/v1/payments/${payment.id}/refund`, {}, { key })).status).toBe(404);
      expect((await api.post(`/api/v1/invoices/${invoice.id}/pay`, {}, { key })).status).toBe(404);
      expect((await api.post(`/api/v1/invoices/${invoice.id}/simulate_payment`, {}, { key })).status).toBe(404);
      expect((await api.get(`/api/v1/payments?invoice_id=${invoice.id}`, { key })).body.data).toEqual([]);
    }
  });
});
