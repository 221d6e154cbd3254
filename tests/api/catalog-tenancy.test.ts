import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

// Tenant B (live or sandbox key) never sees or touches tenant A's catalog.
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  ids.service_items = (await api.post("/api/v1/service_items", { code: "A-1", description: "A's service" }, { key: a.liveKey })).body.id;
  ids.product_groups = (await api.post("/api/v1/product_groups", { name: "A group", slug: "a-group" }, { key: a.liveKey })).body.id;
  const product = (
    await api.post("/api/v1/products", { name: "A product", slug: "a-product", product_type: "base", prices: [{ name: "A monthly", unit_amount_subcents: 100, recurring_interval: "month" }] }, { key: a.liveKey })
  ).body;
  ids.products = product.id;
  ids.prices = product.prices[0].id;
  for (const [path, body] of [
    ["service_items", { code: "B-1", description: "B's" }],
    ["product_groups", { name: "B", slug: "b-group" }],
    ["products", { name: "B", slug: "b-product", product_type: "base", prices: [{ name: "B monthly", unit_amount_subcents: 1, recurring_interval: "month" }] }],
  ] as const) {
    expect((await api.post(`/api/v1/${path}`, body, { key: b.liveKey })).status).toBe(201);
  }
});

const patches: Record<string, Record<string, unknown>> = {
  service_items: { description: "hijack" },
  product_groups: { name: "hijack" },
  products: { name: "hijack" },
  prices: { name: "hijack" },
};
const listQueries: Record<string, string[]> = {
  service_items: ["", "?limit=100", "?status=all"],
  product_groups: ["", "?limit=100"],
  products: ["", "?limit=100", "?status=all", "?slug=a-product"],
  prices: ["", "?limit=100", `?active=true`],
};

describe.each(["service_items", "product_groups", "products", "prices"])("%s across tenants", (resource) => {
  it("another tenant's key gets 404 on retrieve, update and delete; nothing changes", async () => {
    for (const key of [b.liveKey, b.testKey, a.testKey]) {
      const url = `/api/v1/${resource}/${ids[resource]}`;
      expect((await api.get(url, { key })).status).toBe(404);
      expect((await api.patch(url, patches[resource], { key })).status).toBe(404);
      expect((await api.delete(url, { key })).status).toBe(404);
    }
    const mine = await api.get(`/api/v1/${resource}/${ids[resource]}`, { key: a.liveKey });
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toContain("hijack");
  });

  it("another tenant's lists never include it", async () => {
    for (const key of [b.liveKey, a.testKey]) {
      for (const query of listQueries[resource]!) {
        const res = await api.get(`/api/v1/${resource}${query}`, { key });
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body.data)).not.toContain(ids[resource]);
      }
    }
  });
});

describe("quote across tenants", () => {
  it("404 for another tenant's price", async () => {
    const res = await api.post(`/api/v1/prices/${ids.prices}/quote`, { quantity: 1 }, { key: b.liveKey });
    expect(res.status).toBe(404);
  });

  it("a price cannot be attached to another tenant's product", async () => {
    const res = await api.post("/api/v1/prices", { product_id: ids.products, name: "x", recurring_interval: "month" }, { key: b.liveKey });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "reference_not_found", param: "product_id" });
  });
});
