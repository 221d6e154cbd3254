import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetClock, setClock } from "@/lib/clock";
import { subscriptionChangePreviewObject } from "@/lib/subscriptions/change-input";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let basic: { id: string; priceId: string };
let annual: { id: string };
beforeAll(async () => {
  c = await tenantWithCatalog();
  const product = (await api.post("/api/v1/products", {
    name: "Basic", slug: "basic", product_type: "base", prices: [{ name: "Basic mensal", unit_amount_subcents: 399_000, recurring_interval: "month" }],
  }, { key: c.key })).body;
  const basicPlan = (await api.post("/api/v1/plans", {
    name: "Basic", slug: "basic", billing_cycles: [{ interval: "month" }], items: [{ price_id: product.prices[0].id }],
  }, { key: c.key })).body;
  basic = { id: basicPlan.id, priceId: product.prices[0].id };
  annual = (await api.post("/api/v1/plans", {
    name: "Pro Anual", slug: "pro-anual", billing_cycles: [{ interval: "year" }], items: [{ price_id: c.pro.prices[1].id }],
  }, { key: c.key })).body;
});
afterEach(() => resetClock());

const at = (iso: string) => setClock(new Date(iso));
async function subscribe(trialDays = 0) {
  at("2026-11-01T00:00:00Z");
  const res = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id, trial_days: trialDays }, { key: c.key });
  expect(res.status).toBe(201);
  at("2026-11-10T00:00:00Z");
  return res.body;
}
const preview = (id: string, body: unknown, key = c.key) => api.post(`/api/v1/subscriptions/${id}/change/preview`, body, { key });
const change = (id: string, body: unknown, key = c.key) => api.post(`/api/v1/subscriptions/${id}/change`, body, { key });
const get = async (id: string) => (await api.get(`/api/v1/subscriptions/${id}`, { key: c.key })).body;
const reasons = async (id: string) =>
  (await api.get(`/api/v1/subscriptions/${id}/versions`, { key: c.key })).body.data.map((v: { reason: string }) => v.reason).reverse();

describe("changing to the annual cycle (the worked example)", () => {
  it("R$ 79.90/month from Nov 1, annual on Nov 10: credit 55.93, charge 799.00, due 743.07; apply matches the preview", async () => {
    const sub = await subscribe();
    const previewed = await preview(sub.id, { billing_cycle: { interval: "year" } });
    expect(previewed.status).toBe(200);
    expect(subscriptionChangePreviewObject.parse(previewed.body)).toBeTruthy();
    expect(previewed.body).toEqual({
      object: "subscription_change_preview",
      change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate", message: null,
      effective_at: "2026-11-10T00:00:00.000Z",
      new_period: { start: "2026-11-10T00:00:00.000Z", end: "2027-11-10T00:00:00.000Z" },
      lines: [
        expect.objectContaining({ kind: "credit_unused", price_id: c.pro.prices[0].id, quantity: 1, period_start: "2026-11-10T00:00:00.000Z", period_end: "2026-12-01T00:00:00.000Z", amount_cents: -5593 }),
        expect.objectContaining({ kind: "charge_full", price_id: c.pro.prices[1].id, quantity: 1, period_start: "2026-11-10T00:00:00.000Z", period_end: "2027-11-10T00:00:00.000Z", amount_cents: 79900 }),
      ],
      amount_due_now_cents: 74307, credit_to_balance_cents: 0, amount_due_at_renewal_cents: 79900, bonus_days: 0,
    });
    expect(await reasons(sub.id)).toEqual(["created"]); // a preview writes nothing

    const applied = await change(sub.id, { billing_cycle: { interval: "year" }, expected_amount_due_now_cents: 74307 });
    expect(applied.status).toBe(200);
    expect(applied.body.preview).toEqual(previewed.body);
    expect(applied.body.subscription).toMatchObject({
      plan_id: c.plan.id, status: "active", billing_cycle: { interval: "year", interval_count: 1 },
      current_period_start: "2026-11-10T00:00:00.000Z", current_period_end: "2027-11-10T00:00:00.000Z", billing_cycle_anchor: "2026-11-10T00:00:00.000Z",
      pending_change: null, version: 2,
    });
    expect(applied.body.subscription.items).toEqual([expect.objectContaining({ price_id: c.pro.prices[1].id, product_id: c.pro.id, quantity: 1 })]);
    expect(await get(sub.id)).toEqual(applied.body.subscription);
    expect(await reasons(sub.id)).toEqual(["created", "plan_changed"]);
  });

  it("refuses (409) when the amount is not the one expected, and writes nothing", async () => {
    const sub = await subscribe();
    const res = await change(sub.id, { billing_cycle: { interval: "year" }, expected_amount_due_now_cents: 79900 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "resource_conflict", param: "expected_amount_due_now_cents" });
    expect(res.body.error.message).toContain("74307");
    expect(await get(sub.id)).toEqual(sub);
    expect(await reasons(sub.id)).toEqual(["created"]);
  });

  it("a plan change rule with bonus days extends the new period, and its message is shown", async () => {
    const rule = await api.post("/api/v1/plan_change_rules", {
      from_plan_id: c.plan.id, to_plan_id: annual.id, change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate",
      bonus_days: 7, message: "Uma semana por nossa conta",
    }, { key: c.key });
    expect(rule.status).toBe(201);
    const sub = await subscribe();
    const previewed = (await preview(sub.id, { plan_id: annual.id })).body;
    expect(previewed).toMatchObject({ bonus_days: 7, message: "Uma semana por nossa conta", amount_due_now_cents: 74307, new_period: { end: "2027-11-10T00:00:00.000Z" } });
    const applied = (await change(sub.id, { plan_id: annual.id })).body;
    expect(applied.preview).toEqual(previewed);
    expect(applied.subscription).toMatchObject({
      plan_id: annual.id, billing_cycle: { interval: "year", interval_count: 1 },
      current_period_start: "2026-11-10T00:00:00.000Z", current_period_end: "2027-11-17T00:00:00.000Z", billing_cycle_anchor: "2027-11-17T00:00:00.000Z",
    });
  });
});

describe("other changes", () => {
  it("an end_of_cycle downgrade stores pending_change and changes nothing else", async () => {
    const sub = await subscribe();
    const previewed = (await preview(sub.id, { plan_id: basic.id })).body;
    expect(previewed).toMatchObject({
      change_type: "downgrade", proration_method: "none", timing: "end_of_cycle", effective_at: "2026-12-01T00:00:00.000Z",
      new_period: { start: "2026-12-01T00:00:00.000Z", end: "2027-01-01T00:00:00.000Z" },
      lines: [], amount_due_now_cents: 0, credit_to_balance_cents: 0, amount_due_at_renewal_cents: 3990,
    });
    const applied = await change(sub.id, { plan_id: basic.id, expected_amount_due_now_cents: 0 });
    expect(applied.status).toBe(200);
    expect(applied.body.preview).toEqual(previewed);
    const { pending_change, version, updated_at, ...rest } = applied.body.subscription;
    const { pending_change: before, version: v1, updated_at: u1, ...restBefore } = sub;
    expect(rest).toEqual(restBefore);
    expect([before, v1, version, new Date(updated_at) >= new Date(u1)]).toEqual([null, 1, 2, true]);
    expect(pending_change).toEqual({
      effective_at: "2026-12-01T00:00:00.000Z", plan_id: basic.id, items: [{ price_id: basic.priceId, quantity: 1 }],
      rule: { change_type: "downgrade", proration_method: "none", timing: "end_of_cycle", bonus_discount: null, bonus_days: 0, message: null },
    });
    expect(await reasons(sub.id)).toEqual(["created", "change_scheduled"]);
  });

  it("adding seats mid-period: prorated on the remaining days; kept items keep their id", async () => {
    const sub = await subscribe();
    const seat = c.seats.prices[0].id;
    const applied = (await change(sub.id, { quantities: { [seat]: 2 } })).body;
    expect(applied.preview).toMatchObject({ change_type: "upgrade", timing: "immediate", amount_due_now_cents: 2786, new_period: { start: sub.current_period_start, end: sub.current_period_end } });
    expect(applied.preview.lines.map((l: { kind: string; amount_cents: number }) => [l.kind, l.amount_cents])).toEqual([["credit_unused", -5593], ["charge_remaining", 5593], ["charge_remaining", 2786]]);
    expect(applied.subscription.items).toEqual([
      expect.objectContaining({ id: sub.items[0].id, price_id: c.pro.prices[0].id, quantity: 1 }),
      expect.objectContaining({ price_id: seat, quantity: 2 }),
    ]);
    expect(applied.subscription).toMatchObject({ current_period_end: sub.current_period_end, billing_cycle_anchor: sub.billing_cycle_anchor });
    // Moving to the annual cycle carries the seats over to the annual seats price.
    const yearly = (await preview(sub.id, { billing_cycle: { interval: "year" } })).body;
    expect(yearly.lines.filter((l: { kind: string }) => l.kind === "charge_full").map((l: { price_id: string; quantity: number }) => [l.price_id, l.quantity]))
      .toEqual([[c.pro.prices[1].id, 1], [c.seats.prices[1].id, 2]]);
  });

  it("in a trial: applied now, nothing prorated, the trial runs on", async () => {
    const sub = await subscribe(14);
    const applied = (await change(sub.id, { billing_cycle: { interval: "year" } })).body;
    expect(applied.preview).toMatchObject({ timing: "immediate", proration_method: "none", lines: [], amount_due_now_cents: 0 });
    expect(applied.subscription).toMatchObject({
      status: "trialing", billing_cycle: { interval: "year" }, trial_end: sub.trial_end,
      current_period_end: sub.trial_end, billing_cycle_anchor: sub.trial_end,
    });
  });

  it("409 outside trialing/active/past_due, for preview and apply", async () => {
    const paused = await subscribe();
    await api.post(`/api/v1/subscriptions/${paused.id}/pause`, {}, { key: c.key });
    const canceled = await subscribe();
    await api.post(`/api/v1/subscriptions/${canceled.id}/cancel`, {}, { key: c.key });
    for (const sub of [paused, canceled]) {
      for (const res of [await preview(sub.id, { plan_id: basic.id }), await change(sub.id, { plan_id: basic.id })]) {
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: "resource_conflict", param: "status" });
      }
    }
  });

  it("names what is wrong (422) and writes nothing", async () => {
    const sub = await subscribe();
    const unknown = randomUUID();
    const cases: Array<[Record<string, unknown>, string, string?]> = [
      [{}, "plan_id"],
      [{ plan_id: basic.id, items: [{ price_id: basic.priceId }] }, "items"],
      [{ items: [{ price_id: c.pro.prices[1].id }], billing_cycle: { interval: "year" } }, "billing_cycle"],
      [{ items: [{ price_id: c.pro.prices[0].id }, { price_id: c.pro.prices[0].id }] }, "items[1].price_id"],
      [{ items: [{ price_id: c.pro.prices[0].id }, { price_id: c.pro.prices[1].id }] }, "items[1].price_id"],
      [{ items: [{ price_id: unknown }] }, "items[0].price_id", "reference_not_found"],
      [{ plan_id: unknown }, "plan_id", "reference_not_found"],
      [{ billing_cycle: { interval: "month", interval_count: 3 } }, "billing_cycle"],
      [{ plan_id: basic.id, billing_cycle: { interval: "year" } }, "billing_cycle"],
      [{ quantities: { [unknown]: 2 } }, `quantities.${unknown}`],
      [{ quantities: { [c.seats.prices[1].id]: 2 } }, `quantities.${c.seats.prices[1].id}`],
      [{ quantities: { [c.pro.prices[0].id]: -1 } }, `quantities.${c.pro.prices[0].id}`],
      [{ billing_cycle: { interval: "month" } }, "billing_cycle"],
      [{ plan_id: c.plan.id }, "plan_id"],
      [{ billing_cycle: { interval: "year" }, expected_amount_due_now_cents: -1 }, "expected_amount_due_now_cents"],
      [{ plan_id: basic.id, proration: "none" }, "proration"],
    ];
    for (const [body, param, code = "validation_failed"] of cases) {
      const res = await change(sub.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ code, param });
      if (!("expected_amount_due_now_cents" in body)) expect((await preview(sub.id, body)).body.error).toMatchObject({ code, param });
    }
    expect(await get(sub.id)).toEqual(sub);
    expect(await reasons(sub.id)).toEqual(["created"]);
  });
});

describe("the new subscription routes across tenants", () => {
  it("another tenant's keys get 404 on pause, resume, cancel, reactivate, change and preview, and nothing changes", async () => {
    const sub = await subscribe();
    const other = await createTenant();
    const routes: Array<[string, unknown]> = [
      ["pause", {}], ["resume", {}], ["cancel", {}], ["cancel", { at_period_end: true }], ["reactivate", {}],
      ["change/preview", { billing_cycle: { interval: "year" } }], ["change", { billing_cycle: { interval: "year" } }],
    ];
    for (const key of [other.liveKey, other.testKey, c.t.testKey]) {
      for (const [path, body] of routes) {
        const res = await api.post(`/api/v1/subscriptions/${sub.id}/${path}`, body, { key });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(404);
        expect(res.body.error).toMatchObject({ code: "resource_missing", message: `No such subscription: '${sub.id}'` });
      }
    }
    expect(await get(sub.id)).toEqual(sub);
    expect(await reasons(sub.id)).toEqual(["created"]);
  });
});
