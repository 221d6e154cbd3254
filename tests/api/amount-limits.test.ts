import { afterEach, describe, expect, it } from "vitest";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { tenantWithCatalog } from "./subscriptions-factories";

// Amounts the pricing engine cannot compute exactly (beyond 2^53 subcents) are the client's
// input being out of range: a 422, never a 500 — whichever route reaches the engine.
afterEach(() => resetClock());

describe("amounts beyond exact arithmetic", () => {
  it("a subscription whose quantity x price overflows is refused with 422", async () => {
    const c = await tenantWithCatalog();
    const huge = (await api.post("/api/v1/products", { name: "Huge", slug: "huge", product_type: "addon_quantity", prices: [{ name: "Huge", unit_amount_subcents: 1_000_000_000_000, recurring_interval: "month" }] }, { key: c.key })).body;
    const res = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: huge.prices[0].id, quantity: 1_000_000 }] }, { key: c.key });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
  });

  it("a usage summary whose total exceeds the billable range is a 422, not a 500", async () => {
    const c = await tenantWithCatalog();
    const metered = (await api.post("/api/v1/products", { name: "Calls", slug: "calls", product_type: "metered", prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 1 }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:00Z"));
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: metered.prices[0].id }] }, { key: c.key })).body;
    setClock(new Date("2026-11-02T00:00:00Z"));
    const recorded = await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[0].id, quantity: 2_000_000_000, idempotency_key: "big" }, { key: c.key });
    expect(recorded.status).toBe(201);
    const summary = await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key });
    expect(summary.status).toBe(422);
  });
});
