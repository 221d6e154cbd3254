import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { ingestUsage } from "@/lib/usage/ingest";
import { api, call } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let sub: { id: string; items: Array<{ id: string; price_id: string }> };
let meteredItem: string;
let licensedItem: string;
beforeAll(async () => {
  c = await tenantWithCatalog();
  // WhatsApp messages: R$ 29.00 a month includes 1 000; R$ 0.05 each above.
  const whatsapp = (
    await api.post("/api/v1/products", {
      name: "WhatsApp", slug: "whatsapp", product_type: "metered",
      prices: [{ name: "WhatsApp", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 290_000, included_quantity: 1000, excess_amount_subcents: 500 }],
    }, { key: c.key })
  ).body;
  setClock(new Date("2026-11-01T00:00:00Z"));
  sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: c.pro.prices[0].id }, { price_id: whatsapp.prices[0].id }] }, { key: c.key })).body;
  licensedItem = sub.items[0]!.id;
  meteredItem = sub.items[1]!.id;
});
afterEach(() => resetClock());

const record = (body: Record<string, unknown>, key = c.key) => api.post("/api/v1/usage_records", { subscription_item_id: meteredItem, ...body }, { key });

describe("usage records", () => {
  it("records usage once per idempotency_key; a repeat says duplicate and counts nothing", async () => {
    setClock(new Date("2026-11-05T10:00:00Z"));
    const first = await record({ quantity: 700, idempotency_key: "msg-batch-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ object: "usage_record", quantity: 700, action: "increment", duplicate: false, timestamp: "2026-11-05T10:00:00.000Z" });
    const again = await record({ quantity: 700, idempotency_key: "msg-batch-1" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    const summary = (await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body;
    expect(summary.items[0]).toMatchObject({ subscription_item_id: meteredItem, quantity: 700 });
  });

  it("batch: up to 1 000, duplicates inside and across batches reported, all counted once", async () => {
    setClock(new Date("2026-11-06T00:00:00Z"));
    const records = Array.from({ length: 1000 }, (_, i) => ({ subscription_item_id: meteredItem, quantity: 1, idempotency_key: `b-${i % 999}` }));
    const res = await api.post("/api/v1/usage_records/batch", { records }, { key: c.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: "usage_record_batch", received: 1000, recorded: 999, duplicates: 1 });
    expect(res.body.data[999]).toMatchObject({ idempotency_key: "b-0", duplicate: true });
    const replay = await api.post("/api/v1/usage_records/batch", { records: records.slice(0, 10) }, { key: c.key });
    expect(replay.body).toMatchObject({ recorded: 0, duplicates: 10 });
    const summary = (await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body;
    expect(summary.items[0].quantity).toBe(700 + 999);
    expect((await api.post("/api/v1/usage_records/batch", { records: [...records, records[0]] }, { key: c.key })).body.error.param).toBe("records");
  });

  it("batch with an Idempotency-Key: stored in the request's transaction, the retry replays the answer", async () => {
    setClock(new Date("2026-11-06T00:30:00Z")); // before the `set` of the next test, which replaces it
    const body = { records: [{ subscription_item_id: meteredItem, quantity: 2, idempotency_key: "idem-1" }, { subscription_item_id: meteredItem, quantity: 3, idempotency_key: "idem-2" }] };
    const headers = { "idempotency-key": "usage-retry-1" };
    const first = await call("POST", "/api/v1/usage_records/batch", { key: c.key, body, headers });
    expect(first.body).toMatchObject({ recorded: 2, duplicates: 0 });
    const retry = await call("POST", "/api/v1/usage_records/batch", { key: c.key, body, headers });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body.items[0].quantity).toBe(700 + 999 + 5);
  });

  it("a key repeated inside one batch: the first occurrence is stored and answered, the later one is its duplicate", async () => {
    setClock(new Date("2026-11-06T00:45:00Z")); // before the `set` of the next test, which replaces it
    const results = await ingestUsage(getDb(), { organizationId: c.t.live.id }, [
      { subscription_item_id: meteredItem, quantity: 3, action: "increment", idempotency_key: "twice-1" },
      { subscription_item_id: meteredItem, quantity: 8, action: "increment", idempotency_key: "twice-1" },
    ]);
    expect(results.map((r) => [r.record.quantity, r.duplicate])).toEqual([[3, false], [3, true]]);
    expect(results[1]!.record.id).toBe(results[0]!.record.id);
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body.items[0].quantity).toBe(700 + 999 + 5 + 3);
  });

  it("set replaces the period's total at its instant; increments after it add up", async () => {
    setClock(new Date("2026-11-07T00:00:00Z"));
    await record({ quantity: 5000, action: "set", idempotency_key: "set-1", timestamp: "2026-11-06T12:00:00Z" });
    await record({ quantity: 10, idempotency_key: "after-set", timestamp: "2026-11-06T13:00:00Z" });
    await record({ quantity: 99, idempotency_key: "before-set", timestamp: "2026-11-06T11:00:00Z" });
    const summary = (await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body;
    expect(summary.items[0].quantity).toBe(5010);
  });

  it("bills and projects linearly to the period's end", async () => {
    // 5 010 messages after 10 of November's 30 days: R$ 29.00 + 4 010 × R$ 0.05 = R$ 229.50 so far;
    // projected 15 030 -> R$ 29.00 + 14 030 × R$ 0.05 = R$ 730.50.
    setClock(new Date("2026-11-11T00:00:00Z"));
    const summary = (await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body;
    expect(summary).toMatchObject({ object: "usage_summary", period_start: "2026-11-01T00:00:00.000Z", period_end: "2026-12-01T00:00:00.000Z", as_of: "2026-11-11T00:00:00.000Z" });
    expect(summary.items).toEqual([expect.objectContaining({ quantity: 5010, amount_cents: 22950, projected_quantity: 15030, projected_amount_cents: 73050 })]);
  });

  it("names the record at fault and writes nothing from a rejected batch", async () => {
    setClock(new Date("2026-11-12T00:00:00Z"));
    const before = (await getDb().execute<{ n: number }>(sql`select count(*)::int n from usage_records`))[0]!.n;
    const good = (i: number) => ({ subscription_item_id: meteredItem, quantity: 1, idempotency_key: `reject-${i}` });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ subscription_item_id: licensedItem, quantity: 1, idempotency_key: "x1" }, "records[3].subscription_item_id"],
      [{ subscription_item_id: "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11", quantity: 1, idempotency_key: "x2" }, "records[3].subscription_item_id"],
      [{ ...good(9), timestamp: "2026-10-31T23:59:59Z" }, "records[3].timestamp"],
      [{ ...good(9), timestamp: "2026-11-13T00:00:00Z" }, "records[3].timestamp"],
      [{ ...good(9), quantity: -1 }, "records[3].quantity"],
    ];
    for (const [bad, param] of cases) {
      const res = await api.post("/api/v1/usage_records/batch", { records: [good(0), good(1), good(2), bad] }, { key: c.key });
      expect(res.status).toBe(422);
      expect(res.body.error.param).toBe(param);
    }
    expect((await getDb().execute<{ n: number }>(sql`select count(*)::int n from usage_records`))[0]!.n).toBe(before);
  });

  it("says what is wrong with the first faulty record: item, subscription status, timestamp", async () => {
    setClock(new Date("2026-11-30T23:58:00Z"));
    const fault = async (bad: Record<string, unknown>, key = c.key) => {
      const res = await api.post("/api/v1/usage_records/batch", { records: [{ subscription_item_id: meteredItem, quantity: 1, idempotency_key: "ok-1" }, bad, { ...bad, idempotency_key: "later" }] }, { key });
      expect(res.status).toBe(422);
      return { param: res.body.error.param, message: res.body.error.message, code: res.body.error.code };
    };
    expect(await fault({ subscription_item_id: licensedItem, quantity: 1, idempotency_key: "f1" })).toMatchObject({ param: "records[1].subscription_item_id", message: expect.stringContaining("not metered") });
    expect(await fault({ subscription_item_id: "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11", quantity: 1, idempotency_key: "f2" })).toMatchObject({ code: "reference_not_found", param: "records[1].subscription_item_id" });
    // Two minutes before the period ends: a timestamp 3 minutes ahead is within the clock skew
    // allowed, but belongs to the next period; 6 minutes ahead is in the future.
    expect(await fault({ subscription_item_id: meteredItem, quantity: 1, idempotency_key: "f3", timestamp: "2026-12-01T00:01:00Z" })).toMatchObject({ param: "records[1].timestamp", message: expect.stringContaining("after the current billing period") });
    expect(await fault({ subscription_item_id: meteredItem, quantity: 1, idempotency_key: "f4", timestamp: "2026-12-01T00:04:01Z" })).toMatchObject({ param: "records[1].timestamp", message: expect.stringContaining("is in the future") });
    expect(await fault({ subscription_item_id: meteredItem, quantity: 1, idempotency_key: "f5", timestamp: "2026-10-31T23:59:59Z" })).toMatchObject({ param: "records[1].timestamp", message: expect.stringContaining("before the current billing period") });

    // A paused subscription takes no usage.
    const paused = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: sub.items[1]!.price_id }] }, { key: c.key })).body;
    expect((await api.post(`/api/v1/subscriptions/${paused.id}/pause`, {}, { key: c.key })).status).toBe(200);
    const status = await api.post("/api/v1/usage_records", { subscription_item_id: paused.items[0].id, quantity: 1, idempotency_key: "f6" }, { key: c.key });
    expect(status.status).toBe(422);
    expect(status.body.error).toMatchObject({ param: "subscription_item_id", message: expect.stringContaining("the subscription is paused") });
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key })).body.items[0].quantity).toBe(5010);
  });

  it("another tenant cannot report usage on these items nor read the summary", async () => {
    const other = await createTenant();
    const res = await record({ quantity: 1, idempotency_key: "foreign" }, other.liveKey);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "reference_not_found", param: "subscription_item_id" });
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: other.liveKey })).status).toBe(404);
    expect((await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.t.testKey })).status).toBe(404);
  });
});
