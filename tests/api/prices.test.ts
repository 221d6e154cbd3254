import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { planItems, plans } from "@/db/schema";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let productId: string;
let meteredId: string;
beforeAll(async () => {
  t = await createTenant();
  productId = (await api.post("/api/v1/products", { name: "Seats", slug: "seats", product_type: "addon_quantity" }, { key: t.liveKey })).body.id;
  meteredId = (await api.post("/api/v1/products", { name: "API calls", slug: "api-calls", product_type: "metered" }, { key: t.liveKey })).body.id;
});

const createPrice = (body: Record<string, unknown>) =>
  api.post("/api/v1/prices", { product_id: productId, name: "P", recurring_interval: "month", ...body }, { key: t.liveKey });
const quote = async (priceId: string, quantity: number) => (await api.post(`/api/v1/prices/${priceId}/quote`, { quantity }, { key: t.liveKey })).body;

describe("prices and quotes", () => {
  it("per unit: R$ 29.90 per seat x 5 = R$ 149.50", async () => {
    const price = (await createPrice({ unit_amount_subcents: 299000 })).body;
    expect(await quote(price.id, 5)).toMatchObject({ object: "price_quote", price_id: price.id, currency: "BRL", quantity: 5, amount_cents: 14950 });
  });

  it("graduated tiers with a flat fee: each tier bills its own units", async () => {
    const price = (
      await createPrice({
        billing_scheme: "tiered",
        tiers_mode: "graduated",
        tiers: [
          { up_to: 10, unit_amount_subcents: 100000, flat_amount_subcents: 500000 },
          { up_to: 50, unit_amount_subcents: 80000 },
          { up_to: null, unit_amount_subcents: 50000 },
        ],
      })
    ).body;
    // 10 x R$10 + R$50 flat + 40 x R$8 + 10 x R$5 = 100 + 50 + 320 + 50 = R$ 520.00
    const q = await quote(price.id, 60);
    expect(q.amount_cents).toBe(52000);
    expect(q.lines.length).toBeGreaterThanOrEqual(3);
    expect(q.lines.reduce((s: number, l: { amount_subcents: number }) => s + l.amount_subcents, 0)).toBe(q.amount_subcents);
  });

  it("volume: the tier reached prices every unit", async () => {
    const price = (await createPrice({ billing_scheme: "volume", tiers: [{ up_to: 10, unit_amount_subcents: 100000 }, { up_to: null, unit_amount_subcents: 70000 }] })).body;
    expect((await quote(price.id, 10)).amount_cents).toBe(10000);
    expect((await quote(price.id, 11)).amount_cents).toBe(7700);
  });

  it("package: rounds up to whole packages", async () => {
    const price = (await createPrice({ billing_scheme: "package", package_size: 100, unit_amount_subcents: 490000 })).body;
    expect((await quote(price.id, 250)).amount_cents).toBe(3 * 4900);
    expect((await quote(price.id, 0)).amount_cents).toBe(0);
  });

  it("metered allowance: R$ 99 includes 1000 calls, R$ 0.05 per call above", async () => {
    const price = (
      await api.post("/api/v1/prices", { product_id: meteredId, name: "Calls", recurring_interval: "month", usage_type: "metered", unit_amount_subcents: 990000, included_quantity: 1000, excess_amount_subcents: 500 }, { key: t.liveKey })
    ).body;
    expect((await quote(price.id, 800)).amount_cents).toBe(9900);
    expect((await quote(price.id, 1500)).amount_cents).toBe(9900 + 2500);
  });

  it("names the field on bad terms", async () => {
    expect((await createPrice({ billing_scheme: "tiered", tiers_mode: "graduated" })).body.error.param).toBe("tiers");
    expect((await createPrice({ included_quantity: 10 })).body.error.param).toBeTruthy();
    const metered = await createPrice({ usage_type: "metered" });
    expect(metered.status).toBe(422);
    expect(metered.body.error.param).toBe("usage_type");
    const unknown = await api.post("/api/v1/prices", { product_id: "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11", name: "P", recurring_interval: "month" }, { key: t.liveKey });
    expect(unknown.body.error).toMatchObject({ code: "reference_not_found", param: "product_id" });
  });

  it("terms change while unused; once a plan uses the price they are fixed (409) but name/active still change", async () => {
    const price = (await createPrice({ unit_amount_subcents: 100000 })).body;
    const edited = await api.patch(`/api/v1/prices/${price.id}`, { unit_amount_subcents: 120000 }, { key: t.liveKey });
    expect(edited.body.unit_amount_subcents).toBe(120000);
    // A PATCH leaves what it does not send alone.
    expect((await api.patch(`/api/v1/prices/${price.id}`, { name: "Renamed" }, { key: t.liveKey })).body).toMatchObject({ name: "Renamed", unit_amount_subcents: 120000, billing_scheme: "per_unit" });
    const tiered = (await createPrice({ billing_scheme: "volume", tiers: [{ up_to: null, unit_amount_subcents: 5 }] })).body;
    expect((await api.patch(`/api/v1/prices/${tiered.id}`, { name: "Still volume" }, { key: t.liveKey })).body).toMatchObject({ billing_scheme: "volume", tiers: [{ up_to: null }] });
    const [plan] = await getDb().insert(plans).values({ organizationId: t.live.id, name: "P", slug: `p-${price.id.slice(0, 8)}`, billingCycles: [{ interval: "month", interval_count: 1 }] }).returning();
    await getDb().insert(planItems).values({ organizationId: t.live.id, planId: plan!.id, productId, priceId: price.id });
    const fixed = await api.patch(`/api/v1/prices/${price.id}`, { unit_amount_subcents: 150000 }, { key: t.liveKey });
    expect(fixed.status).toBe(409);
    expect(fixed.body.error.param).toBe("unit_amount_subcents");
    expect((await api.patch(`/api/v1/prices/${price.id}`, { name: "Legacy", active: false }, { key: t.liveKey })).body).toMatchObject({ name: "Legacy", active: false, unit_amount_subcents: 120000 });
    const del = await api.delete(`/api/v1/prices/${price.id}`, { key: t.liveKey });
    expect(del.body).toMatchObject({ id: price.id, active: false });
  });

  it("quote refuses a negative or fractional quantity", async () => {
    const price = (await createPrice({ unit_amount_subcents: 100 })).body;
    for (const quantity of [-1, 1.5]) {
      const res = await api.post(`/api/v1/prices/${price.id}/quote`, { quantity }, { key: t.liveKey });
      expect(res.status).toBe(422);
      expect(res.body.error.param).toBe("quantity");
    }
  });
});
