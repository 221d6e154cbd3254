import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
beforeAll(async () => {
  c = await tenantWithCatalog();
});
afterEach(() => resetClock());

const subscribe = (body: Record<string, unknown>, key = c.key) => api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, ...body }, { key });

describe("creating subscriptions", () => {
  it("from a plan: the chosen cycle's items, the plan's trial, a first version", async () => {
    setClock(new Date("2026-11-01T12:00:00Z"));
    const res = await subscribe({ plan_id: c.plan.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: "subscription", status: "trialing", plan_id: c.plan.id, currency: "BRL",
      billing_cycle: { interval: "month", interval_count: 1 },
      trial_start: "2026-11-01T12:00:00.000Z", trial_end: "2026-11-15T12:00:00.000Z",
      current_period_start: "2026-11-01T12:00:00.000Z", current_period_end: "2026-11-15T12:00:00.000Z",
      billing_cycle_anchor: "2026-11-15T12:00:00.000Z", version: 1,
    });
    expect(res.body.items).toEqual([expect.objectContaining({ object: "subscription_item", price_id: c.pro.prices[0].id, product_id: c.pro.id, quantity: 1 })]);
    const versions = await api.get(`/api/v1/subscriptions/${res.body.id}/versions`, { key: c.key });
    expect(versions.body.data).toEqual([expect.objectContaining({ object: "subscription_version", version: 1, reason: "created", actor: `api_key:${c.t.liveKeyId}` })]);
    expect(versions.body.data[0].snapshot).toMatchObject({ id: res.body.id, status: "trialing" });
  });

  it("annual cycle, no trial, an add-on with quantity and a quantity override", async () => {
    setClock(new Date("2026-01-31T00:00:00Z"));
    const res = await subscribe({ plan_id: c.plan.id, billing_cycle: { interval: "year" }, trial_days: 0, add_ons: [{ price_id: c.seats.prices[1].id, quantity: 3 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "active", trial_end: null, current_period_start: "2026-01-31T00:00:00.000Z", current_period_end: "2027-01-31T00:00:00.000Z" });
    expect(res.body.items.map((i: { price_id: string; quantity: number }) => [i.price_id, i.quantity])).toEqual([[c.pro.prices[1].id, 1], [c.seats.prices[1].id, 3]]);
    const monthly = await subscribe({ plan_id: c.plan.id, trial_days: 0, quantities: { [c.pro.prices[0].id]: 2 } });
    expect(monthly.body.current_period_end).toBe("2026-02-28T00:00:00.000Z"); // Jan 31 + 1 month, clamped
    expect(monthly.body.items[0].quantity).toBe(2);
  });

  it("explicit items; a future start schedules it", async () => {
    setClock(new Date("2026-11-01T00:00:00Z"));
    const res = await subscribe({ items: [{ price_id: c.pro.prices[0].id, quantity: 1 }, { price_id: c.seats.prices[0].id, quantity: 2 }], start_at: "2026-12-01T00:00:00Z" });
    expect(res.body).toMatchObject({ status: "scheduled", plan_id: null, start_at: "2026-12-01T00:00:00.000Z", current_period_end: "2027-01-01T00:00:00.000Z" });
  });

  it("names what is wrong (422) and writes nothing", async () => {
    const before = (await getDb().execute<{ n: number }>(sql`select count(*)::int n from subscriptions`))[0]!.n;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "plan_id"],
      [{ plan_id: c.plan.id, items: [{ price_id: c.pro.prices[0].id }] }, "items"],
      [{ plan_id: c.plan.id, billing_cycle: { interval: "month", interval_count: 3 } }, "billing_cycle"],
      [{ plan_id: c.plan.id, add_ons: [{ price_id: c.pro.prices[0].id }] }, "add_ons[0].price_id"],
      [{ plan_id: c.plan.id, add_ons: [{ price_id: c.seats.prices[1].id }] }, "add_ons[0].price_id"],
      [{ plan_id: c.plan.id, quantities: { [c.seats.prices[0].id]: 2 } }, `quantities.${c.seats.prices[0].id}`],
      [{ items: [{ price_id: c.pro.prices[0].id }, { price_id: c.pro.prices[1].id }] }, "items[1].price_id"],
      [{ plan_id: c.plan.id, start_at: "2020-01-01T00:00:00Z" }, "start_at"],
      [{ plan_id: c.plan.id, coupon: "NOPE" }, "coupon"],
    ];
    for (const [body, param] of cases) {
      const res = await subscribe(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.param).toBe(param);
    }
    expect((await getDb().execute<{ n: number }>(sql`select count(*)::int n from subscriptions`))[0]!.n).toBe(before);
  });

  it("counts a coupon atomically and refuses it past its limit", async () => {
    await api.post("/api/v1/coupons", { code: "UMAVEZ", discount_type: "percentage", percent_off_bps: 1000, usage_limit: 1 }, { key: c.key });
    expect((await subscribe({ plan_id: c.plan.id, coupon: "umavez" })).status).toBe(201);
    const second = await subscribe({ plan_id: c.plan.id, coupon: "UMAVEZ" });
    expect(second.status).toBe(422);
    expect(second.body.error.message).toContain("usage_limit_reached");
    const coupon = (await api.get("/api/v1/coupons?code=UMAVEZ", { key: c.key })).body.data[0];
    expect(coupon.times_used).toBe(1);
  });

  it("PUT items replaces the set atomically, keeps ids of kept prices, writes a version", async () => {
    const sub = (await subscribe({ plan_id: c.plan.id, trial_days: 0 })).body;
    const bad = await api.put(`/api/v1/subscriptions/${sub.id}/items`, { items: [{ price_id: c.pro.prices[0].id, quantity: 5 }, { price_id: c.seats.prices[1].id }] }, { key: c.key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.param).toBe("items[1].price_id");
    expect((await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body.items).toEqual(sub.items);
    const res = await api.put(`/api/v1/subscriptions/${sub.id}/items`, { items: [{ price_id: c.pro.prices[0].id, quantity: 5 }, { price_id: c.seats.prices[0].id, quantity: 2 }] }, { key: c.key });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: sub.items[0].id, quantity: 5 });
    expect(res.body.items[1]).toMatchObject({ price_id: c.seats.prices[0].id, quantity: 2 });
    expect(res.body.version).toBe(2);
    const versions = (await api.get(`/api/v1/subscriptions/${sub.id}/versions`, { key: c.key })).body.data;
    expect(versions.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([[2, "items_replaced"], [1, "created"]]);
  });

  it("lists with filters; prices used by subscriptions are fixed", async () => {
    const list = await api.get(`/api/v1/subscriptions?billing_account_id=${c.account.id}&status=active`, { key: c.key });
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((s: { status: string }) => s.status === "active")).toBe(true);
    const edit = await api.patch(`/api/v1/prices/${c.pro.prices[0].id}`, { unit_amount_subcents: 1 }, { key: c.key });
    expect(edit.status).toBe(409);
  });
});

describe("subscriptions across tenants", () => {
  it("404 on another tenant's subscription, its versions and items; lists never leak; no foreign references", async () => {
    const sub = (await subscribe({ plan_id: c.plan.id })).body;
    const other = await createTenant();
    for (const key of [other.liveKey, other.testKey, c.t.testKey]) {
      expect((await api.get(`/api/v1/subscriptions/${sub.id}`, { key })).status).toBe(404);
      expect((await api.get(`/api/v1/subscriptions/${sub.id}/versions`, { key })).status).toBe(404);
      expect((await api.put(`/api/v1/subscriptions/${sub.id}/items`, { items: [{ price_id: c.pro.prices[0].id }] }, { key })).status).toBe(404);
      expect(JSON.stringify((await api.get("/api/v1/subscriptions?limit=100", { key })).body.data)).not.toContain(sub.id);
    }
    const foreign = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id }, { key: other.liveKey });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toMatchObject({ code: "reference_not_found", param: "billing_account_id" });
  });
});
