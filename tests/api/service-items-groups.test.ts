import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

describe("service items", () => {
  it("creates, filters by code, updates, and refuses a duplicate code or an ISS rate over 100%", async () => {
    const res = await api.post("/api/v1/service_items", { code: "SAAS-01", description: "Licenciamento", municipal_service_code: "01.05", iss_rate_bps: 500 }, { key: t.liveKey });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: "service_item", code: "SAAS-01", iss_rate_bps: 500, status: "active" });
    expect((await api.post("/api/v1/service_items", { code: "SAAS-01", description: "x" }, { key: t.liveKey })).body.error).toMatchObject({ code: "resource_conflict", param: "code" });
    expect((await api.post("/api/v1/service_items", { code: "S2", description: "x", iss_rate_bps: 10001 }, { key: t.liveKey })).body.error.param).toBe("iss_rate_bps");
    expect((await api.get("/api/v1/service_items?code=SAAS-01", { key: t.liveKey })).body.data).toHaveLength(1);
    expect((await api.patch(`/api/v1/service_items/${res.body.id}`, { iss_rate_bps: 200 }, { key: t.liveKey })).body.iss_rate_bps).toBe(200);
  });

  it("deletes an unused one; archives one that a product uses", async () => {
    const unused = (await api.post("/api/v1/service_items", { code: "U", description: "u" }, { key: t.liveKey })).body;
    expect((await api.delete(`/api/v1/service_items/${unused.id}`, { key: t.liveKey })).body.deleted).toBe(true);
    const used = (await api.post("/api/v1/service_items", { code: "USED", description: "u" }, { key: t.liveKey })).body;
    await api.post("/api/v1/products", { name: "P", slug: "p-si", product_type: "base", service_item_id: used.id }, { key: t.liveKey });
    expect((await api.delete(`/api/v1/service_items/${used.id}`, { key: t.liveKey })).body.status).toBe("archived");
  });
});

describe("product groups", () => {
  it("creates, lists, renames; a slug is unique; a group with products cannot be deleted", async () => {
    const group = (await api.post("/api/v1/product_groups", { name: "Add-ons", slug: "add-ons", position: 2 }, { key: t.liveKey })).body;
    expect(group).toMatchObject({ object: "product_group", slug: "add-ons", position: 2 });
    expect((await api.post("/api/v1/product_groups", { name: "Again", slug: "add-ons" }, { key: t.liveKey })).status).toBe(409);
    expect((await api.post("/api/v1/product_groups", { name: "Bad", slug: "Add Ons" }, { key: t.liveKey })).body.error.param).toBe("slug");
    expect((await api.patch(`/api/v1/product_groups/${group.id}`, { name: "Extras" }, { key: t.liveKey })).body.name).toBe("Extras");
    await api.post("/api/v1/products", { name: "Extra", slug: "extra", product_type: "addon_fixed", product_group_id: group.id }, { key: t.liveKey });
    const del = await api.delete(`/api/v1/product_groups/${group.id}`, { key: t.liveKey });
    expect(del.status).toBe(409);
    const empty = (await api.post("/api/v1/product_groups", { name: "Empty", slug: "empty" }, { key: t.liveKey })).body;
    expect((await api.delete(`/api/v1/product_groups/${empty.id}`, { key: t.liveKey })).body).toEqual({ id: empty.id, object: "product_group", deleted: true });
  });
});
