import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { deleteProductGroup } from "@/lib/catalog/product-groups";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

// Inputs that used to reach a 500 (or a wrong answer): each is now a 4xx naming the field.
afterEach(() => resetClock());

describe("dates", () => {
  it("a malformed date next to a valid one is a 422 naming it (the window check no longer runs on text)", async () => {
    const t = await createTenant();
    const post = await api.post("/api/v1/coupons", { code: "ABC7", discount_type: "percentage", percent_off_bps: 100, valid_from: "2030-01-01", valid_until: "2031-01-01T00:00:00Z" }, { key: t.liveKey });
    expect(post.status).toBe(422);
    expect(post.body.error.param).toBe("valid_from");
    const coupon = (await api.post("/api/v1/coupons", { code: "ABC8", discount_type: "percentage", percent_off_bps: 100 }, { key: t.liveKey })).body;
    const patch = await api.patch(`/api/v1/coupons/${coupon.id}`, { valid_from: "2030-01-01T00:00:00Z", valid_until: "2031-13-01T00:00:00Z" }, { key: t.liveKey });
    expect(patch.status).toBe(422);
    expect(patch.body.error.param).toBe("valid_until");
  });

  it("instants PostgreSQL cannot store are refused on every resource that takes one", async () => {
    const t = await createTenant();
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey })).body;
    for (const when of ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59-12:00"]) {
      const coupon = await api.post("/api/v1/coupons", { code: "YEARS1", discount_type: "percentage", percent_off_bps: 100, valid_until: when }, { key: t.liveKey });
      expect(coupon.status, when).toBe(422);
      expect(coupon.body.error.param).toBe("valid_until");
      const code = await api.post("/api/v1/discount_codes", { code: "YEARS2", percent_off_bps: 100, duration: "once", expires_at: when }, { key: t.liveKey });
      expect(code.body.error.param).toBe("expires_at");
      const credit = await api.post(`/api/v1/billing_accounts/${account.id}/credits`, { credit_type: "manual", amount_cents: 100, expires_at: when }, { key: t.liveKey });
      expect(credit.body.error.param).toBe("expires_at");
    }
  });
});

describe("amounts and usage", () => {
  it("items whose subcents together pass 2^53 are fine: the subtotal adds cents, with overflow checks (was a 500)", async () => {
    const c = await tenantWithCatalog();
    const big = (
      await api.post("/api/v1/products", { name: "Big", slug: "big", product_type: "addon_quantity", prices: [
        { name: "A", unit_amount_subcents: 9_000_000_000, recurring_interval: "month" },
        { name: "B", unit_amount_subcents: 9_000_000_001, recurring_interval: "month" },
      ] }, { key: c.key })
    ).body;
    const res = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: big.prices.map((p: { id: string }) => ({ price_id: p.id, quantity: 1_000_000 })) }, { key: c.key });
    expect(res.status).toBe(201);
  });

  it("early in a period the projection may be beyond billing: the summary still answers, with a null estimate", async () => {
    const c = await tenantWithCatalog();
    const metered = (await api.post("/api/v1/products", { name: "Calls", slug: "calls", product_type: "metered", prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 10 }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:00Z"));
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, items: [{ price_id: metered.prices[0].id }] }, { key: c.key })).body;
    setClock(new Date("2026-11-01T00:00:01Z"));
    await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[0].id, quantity: 1000, idempotency_key: "early" }, { key: c.key });
    const summary = await api.get(`/api/v1/subscriptions/${sub.id}/usage`, { key: c.key });
    expect(summary.status).toBe(200);
    expect(summary.body.items[0]).toMatchObject({ quantity: 1000, amount_cents: 100, projected_amount_cents: null });
    expect(summary.body.items[0].projected_quantity).toBeGreaterThan(1_000_000_000);

    // Usage after the period's end (not renewed yet) would never be billed: refused.
    setClock(new Date("2026-12-01T00:00:00Z"));
    const late = await api.post("/api/v1/usage_records", { subscription_item_id: sub.items[0].id, quantity: 1, idempotency_key: "late", timestamp: "2026-12-01T00:02:00Z" }, { key: c.key });
    expect(late.status).toBe(422);
    expect(late.body.error.param).toBe("timestamp");
  });
});

describe("deletes inside a transaction", () => {
  it("a product group still in use is a 409 and leaves the surrounding transaction usable", async () => {
    const t = await createTenant();
    const group = (await api.post("/api/v1/product_groups", { name: "G", slug: "g" }, { key: t.liveKey })).body;
    await api.post("/api/v1/products", { name: "P", slug: "p", product_type: "base", product_group_id: group.id }, { key: t.liveKey });
    const after = await getDb().transaction(async (tx) => {
      await expect(deleteProductGroup(tx, { organizationId: t.live.id, id: group.id })).rejects.toMatchObject({ code: "resource_conflict" });
      return tx.execute(sql`select 1 as ok`); // an aborted transaction would refuse this
    });
    expect(after[0]).toMatchObject({ ok: 1 });
  });
});
