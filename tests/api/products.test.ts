import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { plans, planItems } from "@/db/schema";
import { productObject } from "@/lib/api/resources/products";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let serviceItemId: string;
beforeAll(async () => {
  t = await createTenant();
  serviceItemId = (await api.post("/api/v1/service_items", { code: "SAAS-01", description: "Licenciamento de software", municipal_service_code: "01.05", iss_rate_bps: 200 }, { key: t.liveKey })).body.id;
});

const post = (body: unknown) => api.post("/api/v1/products", body, { key: t.liveKey });
const monthly = (over: Record<string, unknown> = {}) => ({ name: "Monthly", unit_amount_subcents: 799000, recurring_interval: "month", interval_count: 1, ...over });
const count = async (table: string) => (await getDb().execute<{ n: number }>(sql`select count(*)::int n from ${sql.identifier(table)}`))[0]!.n;

describe("products with nested prices", () => {
  it("creates the issue's example: the product and both prices, with ids", async () => {
    const res = await post({
      name: "Pro Plan",
      slug: "pro-plan",
      product_type: "base",
      service_item_id: serviceItemId,
      prices: [
        { name: "Pro Monthly", unit_amount_subcents: 7990000, recurring_interval: "month", interval_count: 1 },
        { name: "Pro Annual", unit_amount_subcents: 79900000, recurring_interval: "year", interval_count: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(productObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({ object: "product", slug: "pro-plan", product_type: "base", service_item_id: serviceItemId, status: "active" });
    expect(res.body.prices).toHaveLength(2);
    expect(res.body.prices[0]).toMatchObject({ object: "price", name: "Pro Monthly", currency: "BRL", billing_scheme: "per_unit", usage_type: "licensed", unit_amount_subcents: 7990000, product_id: res.body.id, active: true });
    expect(res.body.prices[1]).toMatchObject({ name: "Pro Annual", recurring_interval: "year", unit_amount_subcents: 79900000 });
    expect(res.body.prices[0].id).toMatch(/^[0-9a-f-]{36}$/);
    // Read back identical, prices in the order they were sent (every time: they share a transaction).
    for (let i = 0; i < 5; i++) expect((await api.get(`/api/v1/products/${res.body.id}`, { key: t.liveKey })).body).toEqual(res.body);
  });

  it("writes nothing when one nested price is invalid, naming it", async () => {
    const before = [await count("products"), await count("prices")];
    const res = await post({ name: "Broken", slug: "broken", product_type: "base", prices: [monthly(), monthly({ billing_scheme: "tiered", tiers_mode: "graduated", unit_amount_subcents: 0 })] });
    expect(res.status).toBe(422);
    expect(res.body.error.param).toBe("prices[1].tiers");
    expect([await count("products"), await count("prices")]).toEqual(before);
  });

  it.each([
    ["a tiered price without tiers", { billing_scheme: "tiered", tiers_mode: "graduated", unit_amount_subcents: 0 }, "prices[0].tiers"],
    ["tiers out of order", { billing_scheme: "tiered", tiers_mode: "graduated", unit_amount_subcents: 0, tiers: [{ up_to: 10, unit_amount_subcents: 100 }, { up_to: 5, unit_amount_subcents: 90 }, { up_to: null, unit_amount_subcents: 80 }] }, "prices[0].tiers[1].up_to"],
    ["a package price without package_size", { billing_scheme: "package" }, "prices[0].package_size"],
    ["an unknown field", { colour: "blue" }, "prices[0].colour"],
  ])("refuses %s (422 naming the field)", async (_, over, param) => {
    const res = await post({ name: "X", slug: `x-${Math.random().toString(36).slice(2, 8)}`, product_type: "base", prices: [monthly(over)] });
    expect(res.status).toBe(422);
    expect(res.body.error.param).toBe(param);
  });

  it("refuses a licensed price on a metered product, and a metered price on a base product", async () => {
    const licensed = await post({ name: "API calls", slug: "api-calls", product_type: "metered", prices: [monthly()] });
    expect(licensed.status).toBe(422);
    expect(licensed.body.error.param).toBe("prices[0].usage_type");
    const metered = await post({ name: "Seats", slug: "seats-m", product_type: "base", prices: [monthly({ usage_type: "metered" })] });
    expect(metered.body.error.param).toBe("prices[0].usage_type");
  });

  it("409 when the slug is taken in this organization, fine in another", async () => {
    await post({ name: "Dup", slug: "dup-slug", product_type: "base" });
    const again = await post({ name: "Dup", slug: "dup-slug", product_type: "base" });
    expect(again.status).toBe(409);
    expect(again.body.error.param).toBe("slug");
    expect((await api.post("/api/v1/products", { name: "Dup", slug: "dup-slug", product_type: "base" }, { key: t.testKey })).status).toBe(201);
  });

  it("refuses references to another tenant's service item, group or parent (422, no hint it exists)", async () => {
    const other = await createTenant();
    const theirs = (await api.post("/api/v1/service_items", { code: "X", description: "x" }, { key: other.liveKey })).body.id;
    const res = await post({ name: "Ref", slug: "ref", product_type: "base", service_item_id: theirs });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "reference_not_found", param: "service_item_id" });
  });

  it("keeps the parent/child hierarchy free of cycles", async () => {
    const base = (await post({ name: "Base", slug: "h-base", product_type: "base" })).body;
    const addon = (await post({ name: "Addon", slug: "h-addon", product_type: "addon_fixed", parent_product_id: base.id })).body;
    const sub = (await post({ name: "Sub", slug: "h-sub", product_type: "addon_fixed", parent_product_id: addon.id })).body;
    const cycle = await api.patch(`/api/v1/products/${base.id}`, { parent_product_id: sub.id }, { key: t.liveKey });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.param).toBe("parent_product_id");
    const self = await api.patch(`/api/v1/products/${base.id}`, { parent_product_id: base.id }, { key: t.liveKey });
    expect(self.body.error.param).toBe("parent_product_id");
    const children = await api.get(`/api/v1/products?parent_product_id=${base.id}`, { key: t.liveKey });
    expect(children.body.data.map((p: { slug: string }) => p.slug)).toEqual(["h-addon"]);
  });

  it("deletes an unused product with its prices; archives one a plan uses (prices deactivated)", async () => {
    const unused = (await post({ name: "Unused", slug: "unused", product_type: "base", prices: [monthly()] })).body;
    expect((await api.delete(`/api/v1/products/${unused.id}`, { key: t.liveKey })).body).toEqual({ id: unused.id, object: "product", deleted: true });
    expect((await api.get(`/api/v1/prices/${unused.prices[0].id}`, { key: t.liveKey })).status).toBe(404);

    const used = (await post({ name: "Used", slug: "used", product_type: "base", prices: [monthly()] })).body;
    const [plan] = await getDb().insert(plans).values({ organizationId: t.live.id, name: "P", slug: "p-used", billingCycles: [{ interval: "month", interval_count: 1 }] }).returning();
    await getDb().insert(planItems).values({ organizationId: t.live.id, planId: plan!.id, productId: used.id, priceId: used.prices[0].id });
    const res = await api.delete(`/api/v1/products/${used.id}`, { key: t.liveKey });
    expect(res.body).toMatchObject({ id: used.id, status: "archived", prices: [{ active: false }] });
    expect((await api.patch(`/api/v1/products/${used.id}`, { name: "x" }, { key: t.liveKey })).body.error.code).toBe("resource_archived");
    expect((await api.get("/api/v1/products?slug=used", { key: t.liveKey })).body.data).toEqual([]);
    expect((await api.get("/api/v1/products?slug=used&status=archived", { key: t.liveKey })).body.data).toHaveLength(1);
  });
});
