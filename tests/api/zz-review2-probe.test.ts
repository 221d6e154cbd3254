import { afterEach, describe, expect, it } from "vitest";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { tenantWithCatalog } from "./subscriptions-factories";

afterEach(() => resetClock());

describe("review2 probes", () => {
  it("A: two items whose sum exceeds 2^53 subcents", async () => {
    const c = await tenantWithCatalog();
    const p = (await api.post("/api/v1/products", { name: "Big", slug: "big", product_type: "addon_quantity", prices: [
      { name: "B1", unit_amount_subcents: 9_000_000_000, recurring_interval: "month" },
      { name: "B2", unit_amount_subcents: 9_000_000_000, recurring_interval: "month" },
    ] }, { key: c.key })).body;
    const res = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: p.prices[0].id, quantity: 1_000_000 }, { price_id: p.prices[1].id, quantity: 1_000_000 }] }, { key: c.key });
    console.log("A", res.status, JSON.stringify(res.body).slice(0, 300));
  });

  it("B: usage summary 1 second into the period with 1000 units", async () => {
    const c = await tenantWithCatalog();
    const metered = (await api.post("/api/v1/products", { name: "Calls", slug: "calls", product_type: "metered", prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 1 }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:00Z"));
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: metered.prices[0].id }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:01Z"));
    const r = await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[0].id, quantity: 1000, idempotency_key: "k1" }, { key: c.key });
    const summary = await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key });
    console.log("B", r.status, summary.status, JSON.stringify(summary.body).slice(0, 400));
  });

  it("C: change preview with overflowing quantity", async () => {
    const c = await tenantWithCatalog();
    const p = (await api.post("/api/v1/products", { name: "Big", slug: "big", product_type: "addon_quantity", prices: [
      { name: "B1", unit_amount_subcents: 1_000_000_000_000, recurring_interval: "month" },
    ] }, { key: c.key })).body;
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: p.prices[0].id, quantity: 1 }] }, { key: c.key })).body;
    const res = await api.post(`/api/v1/subscriptions/${sub.id}/change/preview`, { quantities: { [p.prices[0].id]: 1_000_000 } }, { key: c.key });
    console.log("C", sub.id ? "sub ok" : JSON.stringify(sub), res.status, JSON.stringify(res.body).slice(0, 300));
  });

  it("D: usage timestamp after the period end is accepted but not counted", async () => {
    const c = await tenantWithCatalog();
    const metered = (await api.post("/api/v1/products", { name: "Calls", slug: "calls", product_type: "metered", prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 1 }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:00Z"));
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: metered.prices[0].id }] }, { key: c.key })).body;
    setClock(new Date("2026-11-30T23:58:00Z"));
    const r = await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[0].id, quantity: 5, timestamp: "2026-12-01T00:02:00Z", idempotency_key: "late" }, { key: c.key });
    const summary = await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key });
    console.log("D", sub.current_period_end, r.status, summary.status, JSON.stringify(summary.body.items));
  });
});
