import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { runRenewals } from "@/lib/billing-runs/renew";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { createWhatsappPrice, tenantWithCatalog } from "./subscriptions-factories";

// The renewal worker, driven by the business clock: what each cycle invoices.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let whatsappPrice: string;
beforeAll(async () => {
  c = await tenantWithCatalog();
  whatsappPrice = (await createWhatsappPrice(c.key)).id;
});
afterEach(() => resetClock());

const at = (iso: string) => {
  const d = new Date(iso);
  setClock(d);
  return d;
};
const newAccount = async () => (await api.post("/api/v1/billing_accounts", validAccount(), { key: c.key })).body.id as string;
const subscribe = async (body: Record<string, unknown>) => {
  const res = await api.post("/api/v1/subscriptions", { billing_account_id: await newAccount(), ...body }, { key: c.key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const invoicesOf = async (subscriptionId: string) =>
  ((await api.get(`/api/v1/invoices?subscription_id=${subscriptionId}&limit=100`, { key: c.key })).body.data as any[]).reverse();
const renew = (iso: string) => runRenewals(getDb(), at(iso));
const summary = (inv: any) => ({ reason: inv.billing_reason, start: inv.period_start, total: inv.total_cents, lines: inv.lines.map((l: any) => [l.kind, l.amount_cents]) });

describe("renewals", () => {
  it("invoices the first period at creation and each next period once, in advance", async () => {
    at("2026-01-31T12:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id, trial_days: 0 });
    expect(sub.status).toBe("active");
    await renew("2026-02-15T00:00:00Z"); // nothing due yet
    expect((await invoicesOf(sub.id)).length).toBe(1);
    await renew("2026-02-28T12:00:00Z");
    await renew("2026-02-28T13:00:00Z"); // a second run finds nothing to do
    const invoices = await invoicesOf(sub.id);
    expect(invoices.map(summary)).toEqual([
      { reason: "subscription_create", start: "2026-01-31T12:00:00.000Z", total: 7990, lines: [["recurring", 7990]] },
      { reason: "subscription_cycle", start: "2026-02-28T12:00:00.000Z", total: 7990, lines: [["recurring", 7990]] },
    ]);
    expect(invoices[1]).toMatchObject({ status: "open", period_end: "2026-03-31T12:00:00.000Z" });
    const renewed = (await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body;
    expect(renewed).toMatchObject({ current_period_start: "2026-02-28T12:00:00.000Z", current_period_end: "2026-03-31T12:00:00.000Z" });
  });

  it("catches up a subscription several periods behind, one invoice per period", async () => {
    at("2026-03-10T00:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id, trial_days: 0 });
    const counts = await renew("2026-06-11T00:00:00Z");
    expect(counts.renewed).toBeGreaterThanOrEqual(3);
    expect(counts.failed).toBe(0);
    expect((await invoicesOf(sub.id)).map((i) => i.period_start)).toEqual([
      "2026-03-10T00:00:00.000Z", "2026-04-10T00:00:00.000Z", "2026-05-10T00:00:00.000Z", "2026-06-10T00:00:00.000Z",
    ]);
  });

  it("a trial is not invoiced; its end starts billing", async () => {
    at("2026-04-01T00:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id });
    expect(sub.status).toBe("trialing");
    expect(await invoicesOf(sub.id)).toEqual([]);
    await renew("2026-04-15T00:00:00Z");
    const invoices = await invoicesOf(sub.id);
    expect(invoices.map(summary)).toEqual([{ reason: "subscription_cycle", start: "2026-04-15T00:00:00.000Z", total: 7990, lines: [["recurring", 7990]] }]);
    expect((await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body.status).toBe("active");
  });

  it("bills metered usage in arrears with the next period's licensed items", async () => {
    at("2026-05-01T00:00:00Z");
    const sub = await subscribe({ items: [{ price_id: c.pro.prices[0].id }, { price_id: whatsappPrice }] });
    const metered = sub.items[1].id;
    at("2026-05-20T00:00:00Z");
    await api.post("/api/v1/usage_records", { subscription_item_id: metered, quantity: 1500, idempotency_key: "may" }, { key: c.key });
    await renew("2026-06-01T00:00:00Z");
    const [first, second] = await invoicesOf(sub.id);
    expect(first.lines.map((l: any) => l.kind)).toEqual(["recurring"]); // usage is billed after the period
    expect(second.lines.map((l: any) => [l.kind, l.quantity, l.amount_cents, l.period_start])).toEqual([
      ["recurring", 1, 7990, "2026-06-01T00:00:00.000Z"],
      ["usage", 1500, 2900 + 500 * 5, "2026-05-01T00:00:00.000Z"],
    ]);
  });

  it("a subscription set to cancel at period end ends then, with a final invoice for its usage", async () => {
    at("2026-05-01T00:00:00Z");
    const sub = await subscribe({ items: [{ price_id: c.pro.prices[0].id }, { price_id: whatsappPrice }] });
    at("2026-05-10T00:00:00Z");
    await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[1].id, quantity: 10, idempotency_key: "u" }, { key: c.key });
    await api.post(`/api/v1/subscriptions/${sub.id}/cancel`, { at_period_end: true, cancellation_reason: "too_expensive" }, { key: c.key });
    await renew("2026-06-01T00:00:00Z");
    const after = (await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body;
    expect(after).toMatchObject({ status: "canceled", ended_at: "2026-06-01T00:00:00.000Z" });
    const invoices = await invoicesOf(sub.id);
    expect(invoices.map(summary)).toEqual([
      { reason: "subscription_create", start: "2026-05-01T00:00:00.000Z", total: 7990, lines: [["recurring", 7990]] },
      { reason: "subscription_final", start: "2026-05-01T00:00:00.000Z", total: 2900, lines: [["usage", 2900]] },
    ]);
    await renew("2026-07-01T00:00:00Z");
    expect((await invoicesOf(sub.id)).length).toBe(2);
  });

  it("applies a pending end-of-cycle change at renewal and bills the new items", async () => {
    at("2026-05-01T00:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id, trial_days: 0, add_ons: [{ price_id: c.seats.prices[0].id, quantity: 3 }] });
    expect((await invoicesOf(sub.id))[0].total_cents).toBe(7990 + 3 * 1990);
    // Fewer seats is a downgrade: by default at the end of the cycle, nothing prorated.
    const change = await api.post(`/api/v1/subscriptions/${sub.id}/change`, { quantities: { [c.seats.prices[0].id]: 1 } }, { key: c.key });
    expect(change.body.preview.timing).toBe("end_of_cycle");
    expect(change.body.invoice_id).toBeNull();
    await renew("2026-06-01T00:00:00Z");
    const renewed = (await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body;
    expect(renewed.pending_change).toBeNull();
    expect(renewed.items.map((i: any) => [i.price_id, i.quantity])).toEqual([[c.pro.prices[0].id, 1], [c.seats.prices[0].id, 1]]);
    expect((await invoicesOf(sub.id))[1]).toMatchObject({ period_start: "2026-06-01T00:00:00.000Z", total_cents: 7990 + 1990 });
  });

  it("an immediate upgrade is billed at once, as previewed: unused time to credit, the rest invoiced", async () => {
    at("2026-05-01T00:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id, trial_days: 0 });
    at("2026-05-16T12:00:00Z"); // half of May (31 days) is left
    const preview = (await api.post(`/api/v1/subscriptions/${sub.id}/change/preview`, { quantities: { [c.seats.prices[0].id]: 2 } }, { key: c.key })).body;
    const applied = await api.post(`/api/v1/subscriptions/${sub.id}/change`, { quantities: { [c.seats.prices[0].id]: 2 }, expected_amount_due_now_cents: preview.amount_due_now_cents }, { key: c.key });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const invoice = (await api.get(`/api/v1/invoices/${applied.body.invoice_id}`, { key: c.key })).body;
    const charges = preview.lines.filter((l: any) => l.kind !== "credit_unused").reduce((s: number, l: any) => s + l.amount_cents, 0);
    const unused = -preview.lines.filter((l: any) => l.kind === "credit_unused").reduce((s: number, l: any) => s + l.amount_cents, 0);
    expect(invoice).toMatchObject({ billing_reason: "subscription_update", total_cents: charges, credit_applied_cents: Math.min(unused, charges) });
    expect(invoice.amount_due_cents).toBe(preview.amount_due_now_cents);
  });

  it("a discount code `once` discounts the first invoice only; a coupon every invoice", async () => {
    await api.post("/api/v1/coupons", { code: "PARCEIRO", discount_type: "percentage", percent_off_bps: 1000 }, { key: c.key });
    await api.post("/api/v1/discount_codes", { code: "BEMVINDO", amount_off_cents: 1000, currency: "BRL", duration: "once" }, { key: c.key });
    at("2026-05-01T00:00:00Z");
    const sub = await subscribe({ plan_id: c.plan.id, trial_days: 0, coupon: "PARCEIRO", discount_code: "BEMVINDO" });
    await renew("2026-06-01T00:00:00Z");
    const [first, second] = await invoicesOf(sub.id);
    expect(first.lines.map((l: any) => [l.kind, l.discount_source, l.amount_cents])).toEqual([
      ["recurring", null, 7990], ["discount", "coupon", -799], ["discount", "discount_code", -1000],
    ]);
    expect(first).toMatchObject({ subtotal_cents: 7990, discount_cents: 1799, total_cents: 6191 });
    expect(second.lines.map((l: any) => [l.kind, l.discount_source, l.amount_cents])).toEqual([["recurring", null, 7990], ["discount", "coupon", -799]]);
  });

  it("a scheduled subscription starts and is invoiced when its start arrives; a paused one resumes at resume_at and is invoiced", async () => {
    at("2026-05-01T00:00:00Z");
    const scheduled = await subscribe({ plan_id: c.plan.id, trial_days: 0, start_at: "2026-05-10T00:00:00Z" });
    expect(scheduled.status).toBe("scheduled");
    const paused = await subscribe({ plan_id: c.plan.id, trial_days: 0 });
    at("2026-05-05T00:00:00Z");
    await api.post(`/api/v1/subscriptions/${paused.id}/pause`, { resume_at: "2026-05-20T00:00:00Z" }, { key: c.key });
    await renew("2026-06-01T00:00:00Z"); // past the paused one's old period end: no invoice while paused
    expect((await invoicesOf(scheduled.id)).map((i) => [i.billing_reason, i.period_start])).toEqual([
      ["subscription_create", "2026-05-10T00:00:00.000Z"],
    ]);
    expect((await invoicesOf(paused.id)).map((i) => [i.billing_reason, i.period_start])).toEqual([
      ["subscription_create", "2026-05-01T00:00:00.000Z"],
      ["subscription_cycle", "2026-05-20T00:00:00.000Z"],
    ]);
    expect((await api.get(`/api/v1/subscriptions/${paused.id}`, { key: c.key })).body).toMatchObject({ status: "active", current_period_end: "2026-06-20T00:00:00.000Z" });
  });
});
