import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { syncUsageSnapshots } from "@/lib/usage/snapshots";
import { api } from "../helpers/api";
import { tenantWithCatalog } from "./subscriptions-factories";

// Daily and monthly usage snapshots (the hourly usage-sync) and GET /subscriptions/:id/usage/history.
// The subscription's period runs 15 November -> 15 December 2026, across a month boundary.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let sub: { id: string; items: Array<{ id: string }> };
let metered: string;
let licensed: string;
beforeAll(async () => {
  c = await tenantWithCatalog();
  const calls = (
    await api.post("/api/v1/products", {
      name: "API calls", slug: "api-calls", product_type: "metered",
      prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 500 }],
    }, { key: c.key })
  ).body;
  setClock(new Date("2026-11-15T00:00:00Z"));
  sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: c.pro.prices[0].id }, { price_id: calls.prices[0].id }] }, { key: c.key })).body;
  licensed = sub.items[0]!.id;
  metered = sub.items[1]!.id;
  resetClock();
});
afterEach(() => resetClock());

const at = new Date("2026-12-02T00:00:00Z");
const sync = (options: { since?: Date } = {}) => syncUsageSnapshots(getDb(), { at, ...options });
const report = (records: Array<{ quantity: number; timestamp: string; action?: "set"; key: string }>, headers?: Record<string, string>) =>
  api.post("/api/v1/usage_records/batch", { records: records.map(({ key, ...r }) => ({ subscription_item_id: metered, idempotency_key: key, ...r })) }, { key: c.key, headers });
const history = (query: string, key = c.key) => api.get(`/api/v1/subscriptions/${sub.id}/usage/history${query}`, { key });
const summaryEvents = async () =>
  (await api.get("/api/v1/events?type=usage.summary_updated&limit=100", { key: c.key })).body.data as Array<{ data: { object: Record<string, unknown> } }>;

describe("usage snapshots", () => {
  it("adds increments per UTC day and month; a set replaces the running total at its instant", async () => {
    setClock(at);
    const batch = [
      { key: "d29-a", quantity: 10, timestamp: "2026-11-29T10:00:00Z" },
      { key: "d29-b", quantity: 5, timestamp: "2026-11-29T20:00:00Z" },
      { key: "d30-set", quantity: 100, action: "set" as const, timestamp: "2026-11-30T12:00:00Z" },
      { key: "d30-a", quantity: 1, timestamp: "2026-11-30T13:00:00Z" },
      { key: "d30-b", quantity: 7, timestamp: "2026-11-30T23:59:59.999Z" },
      { key: "d01-a", quantity: 3, timestamp: "2026-12-01T00:00:00Z" },
      { key: "d01-b", quantity: 4, timestamp: "2026-12-01T12:00:00Z" },
    ];
    // Sent with an Idempotency-Key (the request's transaction) and retried: recorded once.
    const res = await report(batch, { "Idempotency-Key": "usage-batch-1" });
    expect(res.body).toMatchObject({ received: 7, recorded: 7, duplicates: 0 });
    const retry = await report(batch, { "Idempotency-Key": "usage-batch-1" });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(res.body);
    const first = await sync();
    expect(first).toMatchObject({ since: null, windows: 5, changed: 5, events: 1 });

    const days = (await history("?granularity=day")).body;
    expect(days).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    expect(days.data).toEqual([
      expect.objectContaining({ object: "usage_snapshot", subscription_item_id: metered, granularity: "day", period_start: "2026-12-01T00:00:00.000Z", period_end: "2026-12-02T00:00:00.000Z", quantity: 7, record_count: 2 }),
      expect.objectContaining({ period_start: "2026-11-30T00:00:00.000Z", quantity: 108, record_count: 3 }),
      expect.objectContaining({ period_start: "2026-11-29T00:00:00.000Z", quantity: 15, record_count: 2 }),
    ]);
    // November: the set at 11-30 12:00 replaces 10 + 5; 1 + 7 come after it.
    const months = (await history("?granularity=month")).body.data;
    expect(months).toEqual([
      expect.objectContaining({ period_start: "2026-12-01T00:00:00.000Z", period_end: "2027-01-01T00:00:00.000Z", quantity: 7, record_count: 2 }),
      expect.objectContaining({ period_start: "2026-11-01T00:00:00.000Z", period_end: "2026-12-01T00:00:00.000Z", quantity: 108, record_count: 5 }),
    ]);
    // The billing period (15 Nov - 15 Dec) reads the same records with the same rule: 100 + 1 + 7 + 3 + 4.
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body.items[0].quantity).toBe(115);

    const events = await summaryEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.data.object).toEqual({
      object: "usage_month_totals", livemode: true, subscription_id: sub.id, period_start: "2026-12-01T00:00:00.000Z", period_end: "2027-01-01T00:00:00.000Z",
      items: [{ subscription_item_id: metered, quantity: 7, record_count: 2 }],
    });
  });

  it("is idempotent: a second sync rereads the overlap, changes nothing and emits nothing", async () => {
    const before = (await history("?granularity=day")).body.data;
    const again = await sync();
    expect(again.since).toBeInstanceOf(Date);
    expect(again).toMatchObject({ changed: 0, events: 0 });
    expect(again.windows).toBeGreaterThan(0);
    expect((await history("?granularity=day")).body.data).toEqual(before);
    expect(await summaryEvents()).toHaveLength(1);
    // Nothing created after `since`: nothing to recompute.
    expect(await sync({ since: new Date(Date.now() + 60_000) })).toMatchObject({ windows: 0, changed: 0, events: 0 });
  });

  it("emits only when the current month changes, once per subscription", async () => {
    setClock(at);
    await report([{ key: "late-nov", quantity: 2, timestamp: "2026-11-30T15:00:00Z" }]);
    expect(await sync()).toMatchObject({ changed: 2, events: 0 }); // 30 Nov and November; December untouched
    expect((await history("?granularity=month")).body.data[1]).toMatchObject({ quantity: 110, record_count: 6 });

    await report([{ key: "dec-a", quantity: 20, timestamp: "2026-12-01T18:00:00Z" }, { key: "dec-b", quantity: 30, timestamp: "2026-12-01T19:00:00Z" }]);
    expect(await sync()).toMatchObject({ changed: 2, events: 1 });
    const events = await summaryEvents();
    expect(events).toHaveLength(2);
    expect(events[0]!.data.object).toMatchObject({ subscription_id: sub.id, items: [{ subscription_item_id: metered, quantity: 57, record_count: 4 }] });
  });

  it("history: cursor pages, from/to bounds, item filter, validation", async () => {
    const page1 = (await history("?granularity=day&limit=2")).body;
    expect(page1.data.map((s: { period_start: string }) => s.period_start)).toEqual(["2026-12-01T00:00:00.000Z", "2026-11-30T00:00:00.000Z"]);
    expect(page1.has_more).toBe(true);
    const page2 = (await history(`?granularity=day&limit=2&cursor=${page1.next_cursor}`)).body;
    expect(page2).toMatchObject({ has_more: false, next_cursor: null, data: [{ period_start: "2026-11-29T00:00:00.000Z", quantity: 15 }] });

    const bounded = (await history("?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z")).body.data;
    expect(bounded).toEqual([expect.objectContaining({ granularity: "day", period_start: "2026-11-30T00:00:00.000Z", quantity: 110 })]);
    expect((await history(`?subscription_item_id=${metered}&granularity=month`)).body.data).toHaveLength(2);
    expect((await history(`?subscription_item_id=${licensed}`)).body.data).toEqual([]);

    const bad = await history("?granularity=week");
    expect(bad.status).toBe(422);
    expect(bad.body.error.param).toBe("granularity");
    expect((await history("?cursor=nonsense")).body.error.param).toBe("cursor");
  });

  it("another tenant gets a 404 for this subscription and an empty history for its own", async () => {
    const other = await tenantWithCatalog();
    expect((await history("", other.key)).status).toBe(404);
    expect((await history("", c.t.testKey)).status).toBe(404);
    const own = (await api.post("/api/v1/subscriptions", { billing_account_id: other.account.id, items: [{ price_id: other.pro.prices[0].id }] }, { key: other.key })).body;
    const theirs = await api.get(`/api/v1/subscriptions/${own.id}/usage/history?subscription_item_id=${metered}&granularity=month`, { key: other.key });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ data: [], has_more: false });
    expect((await api.get(`/api/v1/subscriptions/${own.id}/usage/history`, { key: other.key })).body.data).toEqual([]);
  });

  it("stores idempotency keys with quotes and backslashes exactly as sent, with their own timestamps", async () => {
    setClock(at);
    const key = String.raw`odd"key\with{json}[chars]`;
    const res = await report([{ key, quantity: 1, timestamp: "2026-12-01T23:00:00.123Z" }]);
    expect(res.body.data).toEqual([expect.objectContaining({ idempotency_key: key, duplicate: false })]);
    const single = await api.post("/api/v1/usage_records", { subscription_item_id: metered, quantity: 1, idempotency_key: key }, { key: c.key });
    expect(single.body).toMatchObject({ id: res.body.data[0].id, idempotency_key: key, timestamp: "2026-12-01T23:00:00.123Z", duplicate: true });
  });
});
