import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { products } from "@/db/schema";
import { planObject } from "@/lib/api/resources/plans";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { insertCatalog, insertPrice, pinCreatedAt, validPlan } from "./plans-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let c: Awaited<ReturnType<typeof insertCatalog>>;
beforeAll(async () => {
  t = await createTenant();
  c = await insertCatalog(t.live.id);
});

const create = (body: Record<string, unknown>) => api.post("/api/v1/plans", body, { key: t.liveKey });
const error = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.error?.code, param: res.body.error?.param });

describe("plans: create and read", () => {
  it("creates a plan with items (product derived from the price) and reads it back", async () => {
    const res = await create({
      name: "Pro",
      slug: "pro",
      description: "Para equipes",
      trial_days: 14,
      billing_cycles: [{ interval: "month" }, { interval: "year", interval_count: 1 }],
      visibility: "private",
      items: [{ price_id: c.monthly.id }, { price_id: c.yearly.id }, { price_id: c.addon.id, quantity: 0, optional: true }],
    });
    expect(res.status).toBe(201);
    expect(planObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "plan",
      livemode: true,
      name: "Pro",
      slug: "pro",
      description: "Para equipes",
      trial_days: 14,
      billing_cycles: [{ interval: "month", interval_count: 1 }, { interval: "year", interval_count: 1 }],
      visibility: "private",
      plan_group_id: null,
      status: "active",
    });
    expect(res.body.items).toEqual([
      { id: expect.any(String), object: "plan_item", product_id: c.base.id, price_id: c.monthly.id, quantity: 1, optional: false, position: 0 },
      { id: expect.any(String), object: "plan_item", product_id: c.base.id, price_id: c.yearly.id, quantity: 1, optional: false, position: 1 },
      { id: expect.any(String), object: "plan_item", product_id: c.addon.productId, price_id: c.addon.id, quantity: 0, optional: true, position: 2 },
    ]);
    const got = await api.get(`/api/v1/plans/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    expect(got.headers.get("etag")).toBeTruthy();
  });

  it("applies defaults: public, no trial, no group, no description", async () => {
    const res = await create(validPlan([c.monthly.id]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ visibility: "public", trial_days: 0, plan_group_id: null, description: null });
  });

  it("names the field in every validation error and writes nothing", async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [validPlan([c.monthly.id], { colour: "blue" }), "colour"],
      [validPlan([c.monthly.id], { trial_days: 731 }), "trial_days"],
      [validPlan([c.monthly.id], { trial_days: -1 }), "trial_days"],
      [validPlan([c.monthly.id], { billing_cycles: [] }), "billing_cycles"],
      [validPlan([c.monthly.id], { billing_cycles: [{ interval: "month" }, { interval: "month", interval_count: 1 }] }), "billing_cycles[1]"],
      [validPlan([c.monthly.id], { billing_cycles: [{ interval: "month", interval_count: 37 }] }), "billing_cycles[0].interval_count"],
      [validPlan([c.monthly.id], { billing_cycles: [{ interval: "week" }] }), "billing_cycles[0].interval"],
      [validPlan([c.monthly.id], { visibility: "hidden" }), "visibility"],
      [validPlan([c.monthly.id], { slug: "Not A Slug" }), "slug"],
      [validPlan([c.monthly.id], { name: " " }), "name"],
      [validPlan([]), "items"],
      [validPlan([c.monthly.id, c.addon.id, c.monthly.id]), "items[2].price_id"],
      [validPlan([c.monthly.id], { items: [{ price_id: c.monthly.id, qty: 2 }] }), "items[0].qty"],
      [validPlan([c.monthly.id], { items: [{ price_id: c.monthly.id, quantity: 1.5 }] }), "items[0].quantity"],
      [validPlan(["not-a-uuid"]), "items[0].price_id"],
      [validPlan([c.monthly.id], { plan_group_id: "nope" }), "plan_group_id"],
    ];
    for (const [body, param] of cases) {
      const res = await create(body);
      expect(error(res), JSON.stringify(body)).toEqual({ status: 422, code: "validation_failed", param });
    }
    expect(await count()).toBe(before);
  });

  it("refuses prices it may not use, naming the item", async () => {
    const other = await createTenant();
    const foreign = await insertPrice(other.live.id);
    const sandbox = await insertPrice(t.sandbox.id);
    const inactive = await insertPrice(t.live.id, { active: false });
    const archivedProduct = await insertPrice(t.live.id);
    await getDb().update(products).set({ status: "archived" }).where(eq(products.id, archivedProduct.productId));
    const usd = await insertPrice(t.live.id, { currency: "USD" });
    const quarterly = await insertPrice(t.live.id, { intervalCount: 3 });
    const before = await count();

    const unknown = "0b5f6f55-7c1c-4f57-9a57-3a1f33a1b001";
    for (const id of [unknown, foreign.id, sandbox.id]) {
      const res = await create(validPlan([c.monthly.id, id]));
      expect(error(res)).toEqual({ status: 422, code: "reference_not_found", param: "items[1].price_id" });
      expect(res.body.error.message).toBe(`No such price: '${id}'`);
    }
    expect(error(await create(validPlan([c.monthly.id, inactive.id])))).toEqual({ status: 422, code: "validation_failed", param: "items[1].price_id" });
    expect((await create(validPlan([inactive.id]))).body.error.message).toContain("inactive");
    expect(error(await create(validPlan([archivedProduct.id])))).toEqual({ status: 422, code: "validation_failed", param: "items[0].price_id" });
    const mixed = await create(validPlan([c.monthly.id, c.addon.id, usd.id]));
    expect(error(mixed)).toEqual({ status: 422, code: "validation_failed", param: "items[2].price_id" });
    expect(mixed.body.error.message).toContain("USD");
    // A required item must bill on one of the plan's cycles; an optional one need not.
    const offCycle = await create(validPlan([c.monthly.id, quarterly.id]));
    expect(error(offCycle)).toEqual({ status: 422, code: "validation_failed", param: "items[1].price_id" });
    expect(offCycle.body.error.message).toContain("every 3 months");
    expect(error(await create(validPlan([c.yearly.id])))).toMatchObject({ status: 422, param: "items[0].price_id" });
    expect(await count()).toBe(before);

    // An item may name its product; the price must then be that product's.
    const wrongProduct = await create(validPlan([], { items: [{ product_id: c.base.id, price_id: c.addon.id }] }));
    expect(error(wrongProduct)).toEqual({ status: 422, code: "validation_failed", param: "items[0].price_id" });
    expect(wrongProduct.body.error.message).toContain("another product");
    expect(await count()).toBe(before);
    const named = await create(validPlan([], { items: [{ product_id: c.base.id, price_id: c.monthly.id }] }));
    expect(named.status).toBe(201);
    expect(named.body.items[0]).toMatchObject({ product_id: c.base.id, price_id: c.monthly.id });

    const optional = await create(validPlan([], { items: [{ price_id: c.monthly.id }, { price_id: quarterly.id, optional: true }] }));
    expect(optional.status).toBe(201);
    const everyThree = await create(validPlan([quarterly.id], { billing_cycles: [{ interval: "month", interval_count: 3 }] }));
    expect(everyThree.status).toBe(201);
  });

  it("accepts its own plan group and refuses another tenant's (422 naming plan_group_id)", async () => {
    const group = await api.post("/api/v1/plan_groups", { name: "Mensais", slug: "mensais" }, { key: t.liveKey });
    const other = await createTenant();
    const foreignGroup = await api.post("/api/v1/plan_groups", { name: "X", slug: "x" }, { key: other.liveKey });
    const ok = await create(validPlan([c.monthly.id], { plan_group_id: group.body.id }));
    expect(ok.status).toBe(201);
    expect(ok.body.plan_group_id).toBe(group.body.id);
    const bad = await create(validPlan([c.monthly.id], { plan_group_id: foreignGroup.body.id }));
    expect(error(bad)).toEqual({ status: 422, code: "reference_not_found", param: "plan_group_id" });
  });

  it("refuses a duplicate slug with 409 naming slug, on create and on update; other tenants may reuse it", async () => {
    expect((await create(validPlan([c.monthly.id], { slug: "unico" }))).status).toBe(201);
    expect(error(await create(validPlan([c.monthly.id], { slug: "unico" })))).toEqual({ status: 409, code: "resource_conflict", param: "slug" });
    const second = await create(validPlan([c.monthly.id], { slug: "segundo" }));
    const patch = await api.patch(`/api/v1/plans/${second.body.id}`, { slug: "unico" }, { key: t.liveKey });
    expect(error(patch)).toEqual({ status: 409, code: "resource_conflict", param: "slug" });
    const other = await createTenant();
    const otherPrice = await insertPrice(other.live.id);
    expect((await api.post("/api/v1/plans", validPlan([otherPrice.id], { slug: "unico" }), { key: other.liveKey })).status).toBe(201);
  });
});

describe("plans: update", () => {
  it("changes only the fields sent; null clears description and group", async () => {
    const group = await api.post("/api/v1/plan_groups", { name: "G", slug: "g-update" }, { key: t.liveKey });
    const { body: plan } = await create(validPlan([c.monthly.id], { description: "d", plan_group_id: group.body.id }));
    const res = await api.patch(
      `/api/v1/plans/${plan.id}`,
      { name: "Pro 2", trial_days: 30, visibility: "private", description: null, plan_group_id: null },
      { key: t.liveKey },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Pro 2", trial_days: 30, visibility: "private", description: null, plan_group_id: null, slug: plan.slug });
    expect(res.body.items).toEqual(plan.items);
    expect(new Date(res.body.updated_at).getTime()).toBeGreaterThan(new Date(plan.updated_at).getTime());
    const empty = await api.patch(`/api/v1/plans/${plan.id}`, { name: null }, { key: t.liveKey });
    expect(error(empty)).toEqual({ status: 422, code: "validation_failed", param: "name" });
    const items = await api.patch(`/api/v1/plans/${plan.id}`, { items: [] }, { key: t.liveKey });
    expect(error(items)).toEqual({ status: 422, code: "validation_failed", param: "items" });
  });

  it("keeps billing cycles that required items bill on", async () => {
    const { body: plan } = await create(validPlan([c.monthly.id], { items: [{ price_id: c.monthly.id }, { price_id: c.yearly.id, optional: true }] }));
    const drop = await api.patch(`/api/v1/plans/${plan.id}`, { billing_cycles: [{ interval: "year" }] }, { key: t.liveKey });
    expect(error(drop)).toEqual({ status: 422, code: "validation_failed", param: "billing_cycles" });
    expect(drop.body.error.message).toContain(c.monthly.id);
    const add = await api.patch(`/api/v1/plans/${plan.id}`, { billing_cycles: [{ interval: "year" }, { interval: "month" }] }, { key: t.liveKey });
    expect(add.status).toBe(200);
    expect(add.body.billing_cycles).toEqual([{ interval: "year", interval_count: 1 }, { interval: "month", interval_count: 1 }]);
  });

  it("404s an unknown or malformed id", async () => {
    expect((await api.patch("/api/v1/plans/0b5f6f55-7c1c-4f57-9a57-3a1f33a1b001", { name: "x" }, { key: t.liveKey })).status).toBe(404);
    expect((await api.get("/api/v1/plans/nope", { key: t.liveKey })).status).toBe(404);
  });
});

describe("plans: list", () => {
  it("filters by status, visibility and plan group, newest first, and refuses unknown filters", async () => {
    const u = await createTenant();
    const price = await insertPrice(u.live.id);
    const group = (await api.post("/api/v1/plan_groups", { name: "G", slug: "g" }, { key: u.liveKey })).body;
    const mk = async (slug: string, extra: Record<string, unknown> = {}) =>
      (await api.post("/api/v1/plans", validPlan([price.id], { slug, ...extra }), { key: u.liveKey })).body;
    const a = await mk("a");
    const b = await mk("b", { visibility: "private", plan_group_id: group.id });
    const d = await mk("d");
    await getDb().execute(sql`update plans set status = 'archived' where id = ${d.id}`);
    await pinCreatedAt("plans", [a.id, b.id, d.id]);
    const slugs = async (qs: string) => {
      const res = await api.get(`/api/v1/plans${qs}`, { key: u.liveKey });
      expect(res.status).toBe(200);
      return res.body.data.map((p: { slug: string }) => p.slug);
    };
    expect(await slugs("")).toEqual(["b", "a"]);
    expect(await slugs("?status=archived")).toEqual(["d"]);
    expect(await slugs("?status=all")).toEqual(["d", "b", "a"]);
    expect(await slugs("?visibility=private")).toEqual(["b"]);
    expect(await slugs(`?plan_group_id=${group.id}`)).toEqual(["b"]);
    const listed = await api.get("/api/v1/plans?visibility=public", { key: u.liveKey });
    expect(listed.body.data[0].items).toHaveLength(1);
    expect(listed.body.data[0].id).toBe(a.id);
    for (const [qs, param] of [["?colour=x", "colour"], ["?status=gone", "status"], ["?plan_group_id=1", "plan_group_id"], ["?limit=0", "limit"]]) {
      expect(error(await api.get(`/api/v1/plans${qs}`, { key: u.liveKey }))).toEqual({ status: 422, code: "validation_failed", param });
    }
  });

  it("walks every plan exactly once with cursor pagination", async () => {
    const u = await createTenant();
    const price = await insertPrice(u.live.id);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await api.post("/api/v1/plans", validPlan([price.id], { slug: `p-${i}` }), { key: u.liveKey })).body.id);
    await pinCreatedAt("plans", ids);
    // Three plans sharing one created_at: the id breaks the tie, so nothing is skipped or repeated.
    await getDb().execute(sql`update plans set created_at = '2025-01-01T00:00:03Z' where slug in ('p-2', 'p-3', 'p-4')`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: any } = await api.get(`/api/v1/plans?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key: u.liveKey });
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((p: { slug: string }) => p.slug));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 2)).toEqual(["p-6", "p-5"]);
    expect(seen.slice(2, 5).sort()).toEqual(["p-2", "p-3", "p-4"]);
    expect(seen.slice(5)).toEqual(["p-1", "p-0"]);
  });
});

async function count(): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`select (select count(*) from plans) + (select count(*) from plan_items) as n`);
  return Number(rows[0]!.n);
}
