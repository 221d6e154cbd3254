import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { creditApplications, invoices } from "@/db/schema";
import { invoiceObject } from "@/lib/api/resources/invoices";
import { finalizeDueDrafts } from "@/lib/invoices/service";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const newAccount = async (key = t.liveKey) => (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
const line = (o: Record<string, unknown> = {}) => ({ description: "Consultoria de implantação", quantity: 2, unit_amount_cents: 15_000, ...o });
const create = (body: Record<string, unknown>, key = t.liveKey) => api.post("/api/v1/invoices", body, { key });
const finalize = (id: string, key = t.liveKey) => api.post(`/api/v1/invoices/${id}/finalize`, undefined, { key });
const grant = (account: string, amount: number, o: Record<string, unknown> = {}) =>
  api.post(`/api/v1/billing_accounts/${account}/credits`, { credit_type: "promotional", amount_cents: amount, ...o }, { key: t.liveKey });

function expectError(res: { status: number; body: any }, status: number, param?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (param) expect(res.body.error.param).toBe(param);
}

describe("invoices", () => {
  it("creates a draft with lines and reconciled totals, then finalizes it with a number, due date, customer and payment link", async () => {
    const account = await newAccount();
    const res = await create({ billing_account_id: account, lines: [line(), line({ description: "Treinamento", quantity: 1, unit_amount_cents: 9_990 })], memo: "Projeto Alfa" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(invoiceObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "invoice", status: "draft", number: null, currency: "BRL", billing_reason: "manual",
      subtotal_cents: 39_990, discount_cents: 0, total_cents: 39_990, credit_applied_cents: 0, amount_due_cents: 39_990, amount_paid_cents: 0,
      customer: null, payment_url: null, memo: "Projeto Alfa",
    });
    expect(res.body.lines.map((l: any) => [l.kind, l.quantity, l.unit_amount_subcents, l.amount_cents])).toEqual([
      ["manual", 2, 1_500_000, 30_000],
      ["manual", 1, 999_000, 9_990],
    ]);
    const fin = await finalize(res.body.id);
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    expect(fin.body.status).toBe("open");
    expect(fin.body.number).toMatch(new RegExp(`^${t.slug.toUpperCase()}-\\d{6}$`));
    expect(fin.body.customer).toMatchObject({ name: "Padaria Pão Quente", document_type: "cnpj", document: "11222333000181" });
    expect(new Date(fin.body.due_at).getTime() - new Date(fin.body.finalized_at).getTime()).toBe(5 * 86_400_000);
    expect(fin.body.payment_url).toMatch(/\/pay\/[A-Za-z0-9_-]{27}$/);
    expect(fin.body.next_payment_attempt_at).toBe(fin.body.finalized_at);
    // Immutable once open; finalizing twice is a conflict.
    expectError(await api.patch(`/api/v1/invoices/${res.body.id}`, { memo: "outro" }, { key: t.liveKey }), 409, "memo");
    expectError(await finalize(res.body.id), 409, "status");
    expectError(await api.delete(`/api/v1/invoices/${res.body.id}`, { key: t.liveKey }), 409, "status");
  });

  it("numbers finalized invoices per organization without gaps, even when finalizations race", async () => {
    const tenant = await createTenant();
    const account = await newAccount(tenant.liveKey);
    const drafts = await Promise.all(Array.from({ length: 8 }, () => create({ billing_account_id: account, lines: [line()] }, tenant.liveKey)));
    const finals = await Promise.all(drafts.map((d) => finalize(d.body.id, tenant.liveKey)));
    const numbers = finals.map((f) => Number(f.body.number.split("-")[1])).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The sandbox organization has its own sequence.
    const sandboxAccount = await newAccount(tenant.testKey);
    const sandbox = await create({ billing_account_id: sandboxAccount, lines: [line()], finalize: true }, tenant.testKey);
    expect(sandbox.body.number).toBe(`${tenant.slug.toUpperCase()}TEST-000001`);
    expect(sandbox.body.livemode).toBe(false);
  });

  it("applies the account's credits at finalization, oldest-expiring first, and a fully credited invoice is paid", async () => {
    const account = await newAccount();
    const late = (await grant(account, 20_000, { description: "sem validade" })).body;
    const soon = (await grant(account, 10_000, { expires_at: new Date(Date.now() + 5 * 86_400_000).toISOString(), description: "expira logo" })).body;
    const fin = (await create({ billing_account_id: account, lines: [line({ quantity: 1, unit_amount_cents: 25_000 })], finalize: true })).body;
    expect(fin).toMatchObject({ status: "paid", subtotal_cents: 25_000, total_cents: 25_000, credit_applied_cents: 25_000, amount_due_cents: 0, payment_url: null });
    expect(fin.lines.filter((l: any) => l.kind === "credit").map((l: any) => [l.credit_id, l.amount_cents, l.description])).toEqual([
      [soon.id, -10_000, "Credit applied: expira logo"],
      [late.id, -15_000, "Credit applied: sem validade"],
    ]);
    const apps = await getDb().select().from(creditApplications).where(eq(creditApplications.invoiceId, fin.id));
    expect(apps.map((a) => a.amountCents).sort()).toEqual([10_000, 15_000]);
    expect((await api.get(`/api/v1/credits/${late.id}`, { key: t.liveKey })).body.amount_remaining_cents).toBe(5_000);
    expect((await api.get(`/api/v1/credits/${soon.id}`, { key: t.liveKey })).body.amount_remaining_cents).toBe(0);
  });

  it("voiding an open invoice gives the credits it used back; a paid one cannot be voided", async () => {
    const account = await newAccount();
    const credit = (await grant(account, 30_000)).body;
    const fin = (await create({ billing_account_id: account, lines: [line({ quantity: 1, unit_amount_cents: 40_000 })], finalize: true })).body;
    expect(fin).toMatchObject({ status: "open", credit_applied_cents: 30_000, amount_due_cents: 10_000 });
    const voided = await api.post(`/api/v1/invoices/${fin.id}/void`, undefined, { key: t.liveKey });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ status: "void", payment_url: null, next_payment_attempt_at: null });
    expect((await api.get(`/api/v1/credits/${credit.id}`, { key: t.liveKey })).body.amount_remaining_cents).toBe(30_000);
    expectError(await api.post(`/api/v1/invoices/${fin.id}/void`, undefined, { key: t.liveKey }), 409, "status");
    const paid = (await create({ billing_account_id: account, lines: [line({ quantity: 1, unit_amount_cents: 100 })], finalize: true })).body;
    expect(paid.status).toBe("paid");
    expectError(await api.post(`/api/v1/invoices/${paid.id}/void`, undefined, { key: t.liveKey }), 409, "status");
  });

  it("marks an open invoice uncollectible, which keeps its payment link", async () => {
    const account = await newAccount();
    const fin = (await create({ billing_account_id: account, lines: [line()], finalize: true })).body;
    const res = await api.post(`/api/v1/invoices/${fin.id}/mark_uncollectible`, undefined, { key: t.liveKey });
    expect(res.body).toMatchObject({ status: "uncollectible", payment_url: fin.payment_url });
    expectError(await api.post(`/api/v1/invoices/${fin.id}/mark_uncollectible`, undefined, { key: t.liveKey }), 409, "status");
  });

  it("sets NF-e fields on a finalized invoice only, and validates them", async () => {
    const account = await newAccount();
    const draft = (await create({ billing_account_id: account, lines: [line()] })).body;
    const nfe = { number: "000123", series: "1", status: "issued", verification_url: "https://nfse.prefeitura.sp.gov.br/verificacao?n=123" };
    expectError(await api.patch(`/api/v1/invoices/${draft.id}`, { nfe }, { key: t.liveKey }), 409, "nfe");
    await finalize(draft.id);
    const res = await api.patch(`/api/v1/invoices/${draft.id}`, { nfe }, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body.nfe).toEqual(nfe);
    const partial = await api.patch(`/api/v1/invoices/${draft.id}`, { nfe: { status: "canceled" } }, { key: t.liveKey });
    expect(partial.body.nfe).toEqual({ ...nfe, status: "canceled" });
    // Metadata merges, as on every resource: "" or null removes a key.
    await api.patch(`/api/v1/invoices/${draft.id}`, { metadata: { pedido: "PO-77", centro: "TI" } }, { key: t.liveKey });
    const merged = await api.patch(`/api/v1/invoices/${draft.id}`, { metadata: { centro: null, projeto: "Alfa" } }, { key: t.liveKey });
    expect(merged.body.metadata).toEqual({ pedido: "PO-77", projeto: "Alfa" });
    expectError(await api.patch(`/api/v1/invoices/${draft.id}`, { nfe: { verification_url: "ftp://x" } }, { key: t.liveKey }), 422, "nfe.verification_url");
    expectError(await api.patch(`/api/v1/invoices/${draft.id}`, { nfe: { status: "done" } }, { key: t.liveKey }), 422, "nfe.status");
  });

  it("validates creation, naming the field, and writes nothing on error", async () => {
    const account = await newAccount();
    const before = (await getDb().select().from(invoices).where(eq(invoices.billingAccountId, account))).length;
    expectError(await create({ billing_account_id: account, lines: [] }), 422, "lines");
    expectError(await create({ billing_account_id: account, lines: [line({ unit_amount_cents: 0 })] }), 422, "lines[0].unit_amount_cents");
    expectError(await create({ billing_account_id: account, lines: [line({ description: " " })] }), 422, "lines[0].description");
    expectError(await create({ billing_account_id: account, lines: [line({ quantity: 1.5 })] }), 422, "lines[0].quantity");
    expectError(await create({ billing_account_id: account, currency: "REAL", lines: [line()] }), 422, "currency");
    expectError(await create({ billing_account_id: "00000000-0000-4000-8000-000000000000", lines: [line()] }), 422, "billing_account_id");
    expectError(await create({ billing_account_id: account, lines: [line({ quantity: 1_000_000_000, unit_amount_cents: 10_000_000_000_000 })] }), 422);
    expect((await getDb().select().from(invoices).where(eq(invoices.billingAccountId, account))).length).toBe(before);
  });

  it("adds lines to a draft (totals follow), and the finalization worker finalizes drafts when their time comes", async () => {
    const account = await newAccount();
    const at = new Date(Date.now() + 3_600_000);
    const draft = (await create({ billing_account_id: account, lines: [line()], auto_finalize_at: at.toISOString() })).body;
    expect(draft).toMatchObject({ status: "draft", auto_finalize_at: at.toISOString() });
    const more = await api.post(`/api/v1/invoices/${draft.id}/lines`, { lines: [line({ description: "Hora extra", quantity: 3, unit_amount_cents: 1_000 })] }, { key: t.liveKey });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    expect(more.body).toMatchObject({ subtotal_cents: 33_000, amount_due_cents: 33_000 });
    expect(more.body.lines.map((l: any) => l.description)).toEqual(["Consultoria de implantação", "Hora extra"]);
    expect(await finalizeDueDrafts(getDb(), new Date(at.getTime() - 1000))).toEqual({ finalized: 0, failed: 0 });
    const run = await finalizeDueDrafts(getDb(), at);
    expect(run.failed).toBe(0);
    const finalized = (await api.get(`/api/v1/invoices/${draft.id}`, { key: t.liveKey })).body;
    expect(finalized).toMatchObject({ status: "open", total_cents: 33_000 });
    expect(finalized.number).toBeTruthy();
    expect((await finalizeDueDrafts(getDb(), at)).finalized).toBe(0); // nothing twice
    expectError(await api.post(`/api/v1/invoices/${draft.id}/lines`, { lines: [line()] }, { key: t.liveKey }), 409, "status");
    expectError(await create({ billing_account_id: account, lines: [line()], finalize: true, auto_finalize_at: at.toISOString() }), 422, "auto_finalize_at");
    expectError(await create({ billing_account_id: account, lines: [line()], auto_finalize_at: "2020-01-01T00:00:00Z" }), 422, "auto_finalize_at");
  });

  it("invoices a subscription by hand (one-off lines, finalized and collected like a cycle invoice); other tenants get 404", async () => {
    const c = await tenantWithCatalog();
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    const res = await api.post(`/api/v1/subscriptions/${sub.id}/invoices`, { lines: [{ description: "Migração de dados", unit_amount_cents: 50_000 }], memo: "Extra" }, { key: c.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ subscription_id: sub.id, billing_reason: "manual", status: "open", total_cents: 50_000, memo: "Extra" });
    expect(res.body.next_payment_attempt_at).toBeTruthy();
    const draft = await api.post(`/api/v1/subscriptions/${sub.id}/invoices`, { lines: [{ description: "Hora extra", unit_amount_cents: 100 }], finalize: false }, { key: c.key });
    expect(draft.body.status).toBe("draft");
    for (const key of [t.liveKey, c.t.testKey]) {
      expectError(await api.post(`/api/v1/subscriptions/${sub.id}/invoices`, { lines: [line()] }, { key }), 404);
    }
    await api.post(`/api/v1/subscriptions/${sub.id}/cancel`, {}, { key: c.key });
    expectError(await api.post(`/api/v1/subscriptions/${sub.id}/invoices`, { lines: [line()] }, { key: c.key }), 409, "status");
  });

  it("deletes a draft", async () => {
    const account = await newAccount();
    const draft = (await create({ billing_account_id: account, lines: [line()] })).body;
    expect((await api.delete(`/api/v1/invoices/${draft.id}`, { key: t.liveKey })).status).toBe(200);
    expectError(await api.get(`/api/v1/invoices/${draft.id}`, { key: t.liveKey }), 404);
  });

  it("lists newest first with filters", async () => {
    const account = await newAccount();
    const a = (await create({ billing_account_id: account, lines: [line()] })).body;
    const b = (await create({ billing_account_id: account, lines: [line()], finalize: true })).body;
    const all = await api.get(`/api/v1/invoices?billing_account_id=${account}`, { key: t.liveKey });
    expect(all.body.data.map((i: any) => i.id)).toEqual([b.id, a.id]);
    const drafts = await api.get(`/api/v1/invoices?billing_account_id=${account}&status=draft`, { key: t.liveKey });
    expect(drafts.body.data.map((i: any) => i.id)).toEqual([a.id]);
    expectError(await api.get(`/api/v1/invoices?status=nope`, { key: t.liveKey }), 422, "status");
  });

  it("another tenant's key, and the same merchant's sandbox key, get 404 and see nothing", async () => {
    const account = await newAccount();
    const inv = (await create({ billing_account_id: account, lines: [line()] })).body;
    const other = await createTenant();
    for (const key of [other.liveKey, t.testKey]) {
      expectError(await api.get(`/api/v1/invoices/${inv.id}`, { key }), 404);
      expectError(await api.patch(`/api/v1/invoices/${inv.id}`, { memo: "x" }, { key }), 404);
      expectError(await api.post(`/api/v1/invoices/${inv.id}/finalize`, undefined, { key }), 404);
      expectError(await api.post(`/api/v1/invoices/${inv.id}/void`, undefined, { key }), 404);
      expectError(await api.delete(`/api/v1/invoices/${inv.id}`, { key }), 404);
      expectError(await api.post(`/api/v1/invoices/${inv.id}/lines`, { lines: [line()] }, { key }), 404);
      expectError(await api.post(`/api/v1/invoices/${inv.id}/mark_uncollectible`, undefined, { key }), 404);
      expectError(await api.get(`/api/v1/invoices/${inv.id}/pdf`, { key }), 404);
      expectError(await create({ billing_account_id: account, lines: [line()] }, key), 422, "billing_account_id");
      const list = await api.get(`/api/v1/invoices?billing_account_id=${account}`, { key });
      expect(list.body.data).toEqual([]);
    }
    expect((await api.get(`/api/v1/invoices/${inv.id}`, { key: t.liveKey })).status).toBe(200);
  });
});
