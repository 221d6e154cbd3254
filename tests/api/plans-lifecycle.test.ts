import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { api, call } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { createPlanVia, insertCatalog, insertPrice, validPlan } from "./plans-factories";

// Item replacement, delete-or-archive, and tenant isolation for plans.
let t: Awaited<ReturnType<typeof createTenant>>;
let c: Awaited<ReturnType<typeof insertCatalog>>;
beforeAll(async () => {
  t = await createTenant();
  c = await insertCatalog(t.live.id);
});

const put = (id: string, items: unknown, key = t.liveKey) => call("PUT", `/api/v1/plans/${id}/items`, { key, body: { items } });
const createPlan = async (overrides: Record<string, unknown> = {}) =>
  (await api.post("/api/v1/plans", validPlan([c.monthly.id, c.addon.id], overrides), { key: t.liveKey })).body;
const error = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.error?.code, param: res.body.error?.param });

describe("PUT /plans/:id/items", () => {
  it("replaces the item set: kept prices keep their item id, order sets position, removed items go", async () => {
    const plan = await createPlan();
    const extra = await insertPrice(t.live.id, { name: "Suporte" });
    const res = await put(plan.id, [{ price_id: extra.id, quantity: 2 }, { price_id: c.monthly.id, optional: false, quantity: 3 }]);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: expect.any(String), object: "plan_item", product_id: extra.productId, price_id: extra.id, quantity: 2, optional: false, position: 0 },
      { id: plan.items[0].id, object: "plan_item", product_id: c.base.id, price_id: c.monthly.id, quantity: 3, optional: false, position: 1 },
    ]);
    expect(new Date(res.body.updated_at).getTime()).toBeGreaterThan(new Date(plan.updated_at).getTime());
    const got = await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    expect(got.body).toEqual(res.body);
    const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from plan_items where plan_id = ${plan.id}`);
    expect(rows[0]!.n).toBe(2);
  });

  it("is atomic: a failing replacement leaves the old items untouched", async () => {
    const plan = await createPlan();
    const other = await createTenant();
    const foreign = await insertPrice(other.live.id);
    const inactive = await insertPrice(t.live.id, { active: false });
    const fresh = await insertPrice(t.live.id);
    const failures: Array<[unknown, { status: number; code: string; param: string }]> = [
      [[{ price_id: fresh.id }, { price_id: foreign.id }], { status: 422, code: "reference_not_found", param: "items[1].price_id" }],
      [[{ price_id: fresh.id }, { price_id: c.monthly.id }, { price_id: inactive.id }], { status: 422, code: "validation_failed", param: "items[2].price_id" }],
      [[{ price_id: c.monthly.id, quantity: 5 }, { price_id: c.yearly.id }], { status: 422, code: "validation_failed", param: "items[1].price_id" }],
      [[{ price_id: fresh.id }, { price_id: fresh.id }], { status: 422, code: "validation_failed", param: "items[1].price_id" }],
      [[], { status: 422, code: "validation_failed", param: "items" }],
    ];
    for (const [items, expected] of failures) {
      expect(error(await put(plan.id, items)), JSON.stringify(items)).toEqual(expected);
      const after = await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
      expect(after.body).toEqual(plan);
    }
    const unknownField = await call("PUT", `/api/v1/plans/${plan.id}/items`, { key: t.liveKey, body: { items: [{ price_id: fresh.id }], name: "x" } });
    expect(error(unknownField)).toEqual({ status: 422, code: "validation_failed", param: "name" });
  });

  it("rolls back deletes and updates already made when a later write fails", async () => {
    const plan = await createPlan();
    const poisoned = await insertPrice(t.live.id);
    // The insert of the new item is the last write: by then the removal and the update have run.
    await getDb().execute(sql.raw(`
      create function reject_poisoned_item() returns trigger language plpgsql as $$
      begin
        if new.price_id = '${poisoned.id}' then raise exception 'poisoned'; end if;
        return new;
      end $$;
      create trigger reject_poisoned_item before insert on plan_items for each row execute function reject_poisoned_item();
    `));
    const res = await put(plan.id, [{ price_id: c.monthly.id, quantity: 9 }, { price_id: poisoned.id }]);
    expect(error(res)).toMatchObject({ status: 500, code: "internal_error" });
    expect((await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey })).body).toEqual(plan);
    await getDb().execute(sql`drop trigger reject_poisoned_item on plan_items`);
  });

  it("changes the ETag of the plan", async () => {
    const plan = await createPlan();
    const before = await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    await put(plan.id, [{ price_id: c.monthly.id, quantity: 2 }]);
    const after = await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey, headers: { "if-none-match": before.headers.get("etag")! } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("404s an unknown plan", async () => {
    expect((await put("0b5f6f55-7c1c-4f57-9a57-3a1f33a1b001", [{ price_id: c.monthly.id }])).status).toBe(404);
  });
});

describe("DELETE /plans/:id", () => {
  it("deletes a plan without history, with its items", async () => {
    const plan = await createPlan();
    const res = await api.delete(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: plan.id, object: "plan", deleted: true });
    expect((await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey })).status).toBe(404);
    const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from plan_items where plan_id = ${plan.id}`);
    expect(rows[0]!.n).toBe(0);
  });

  it("archives a plan that change rules mention, keeping the rules; archived plans are read-only", async () => {
    const plan = await createPlan();
    const target = await createPlan();
    const rule = await api.post(
      "/api/v1/plan_change_rules",
      { from_plan_id: target.id, to_plan_id: plan.id, change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate" },
      { key: t.liveKey },
    );
    expect(rule.status).toBe(201);

    const res = await api.delete(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: plan.id, object: "plan", status: "archived", items: plan.items });
    expect((await api.get(`/api/v1/plan_change_rules/${rule.body.id}`, { key: t.liveKey })).status).toBe(200);
    expect((await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey })).body.status).toBe("archived");
    const ids = async (qs: string) => (await api.get(`/api/v1/plans${qs}`, { key: t.liveKey })).body.data.map((p: { id: string }) => p.id);
    expect(await ids("?limit=100")).not.toContain(plan.id);
    expect(await ids("?status=archived")).toContain(plan.id);

    expect(error(await api.patch(`/api/v1/plans/${plan.id}`, { name: "x" }, { key: t.liveKey }))).toMatchObject({ status: 409, code: "resource_archived" });
    expect(error(await put(plan.id, [{ price_id: c.monthly.id }]))).toMatchObject({ status: 409, code: "resource_archived" });
    const again = await api.delete(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    expect(again.body).toMatchObject({ id: plan.id, status: "archived" });
  });

  it("archives a plan that other records reference (foreign key, e.g. subscriptions)", async () => {
    const plan = await createPlan();
    // Stands in for subscriptions and any later table that keeps a plan's history.
    await getDb().execute(sql`create table plan_history_probe (plan_id uuid not null references plans(id) on delete restrict)`);
    await getDb().execute(sql`insert into plan_history_probe values (${plan.id})`);
    const res = await api.delete(`/api/v1/plans/${plan.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: plan.id, status: "archived" });
    expect(res.body.items).toHaveLength(2);
  });
});

describe("tenant isolation for plans", () => {
  it("another tenant's keys get 404 on retrieve, update, item replacement and delete, and change nothing", async () => {
    const plan = await createPlan();
    const b = await createTenant();
    const bPrice = await insertPrice(b.live.id);
    for (const key of [b.liveKey, b.testKey]) {
      const got = await api.get(`/api/v1/plans/${plan.id}`, { key });
      expect(error(got)).toMatchObject({ status: 404, code: "resource_missing" });
      expect((await api.patch(`/api/v1/plans/${plan.id}`, { name: "hijacked" }, { key })).status).toBe(404);
      expect((await put(plan.id, [{ price_id: bPrice.id }], key)).status).toBe(404);
      expect((await api.delete(`/api/v1/plans/${plan.id}`, { key })).status).toBe(404);
    }
    expect((await api.get(`/api/v1/plans/${plan.id}`, { key: t.liveKey })).body).toEqual(plan);
  });

  it("another tenant's lists never include it, whatever the filter", async () => {
    const group = (await api.post("/api/v1/plan_groups", { name: "G", slug: "iso-g" }, { key: t.liveKey })).body;
    const plan = await createPlan({ plan_group_id: group.id, visibility: "private" });
    const b = await createTenant();
    const own = await createPlanVia(b.liveKey, b.live.id);
    for (const qs of ["", "?status=all", "?status=archived", "?visibility=private", `?plan_group_id=${group.id}`, "?limit=100"]) {
      const res = await api.get(`/api/v1/plans${qs}`, { key: b.liveKey });
      expect(res.status).toBe(200);
      expect(res.body.data.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    }
    expect((await api.get("/api/v1/plans", { key: b.liveKey })).body.data.map((p: { id: string }) => p.id)).toEqual([own.id]);
  });

  it("sandbox and live are separate: keys, plans and prices", async () => {
    const a = await createTenant();
    const live = await createPlanVia(a.liveKey, a.live.id, { slug: "same" });
    expect((await api.get(`/api/v1/plans/${live.id}`, { key: a.testKey })).status).toBe(404);
    expect((await api.get("/api/v1/plans?status=all", { key: a.testKey })).body.data).toEqual([]);
    // A live price cannot go into a sandbox plan.
    const crossed = await api.post("/api/v1/plans", validPlan([live.items[0].price_id]), { key: a.testKey });
    expect(error(crossed)).toEqual({ status: 422, code: "reference_not_found", param: "items[0].price_id" });
    const sandbox = await createPlanVia(a.testKey, a.sandbox.id, { slug: "same" });
    expect(sandbox.livemode).toBe(false);
    expect((await api.get(`/api/v1/plans/${sandbox.id}`, { key: a.liveKey })).status).toBe(404);
    expect((await api.get("/api/v1/plans", { key: a.liveKey })).body.data.map((p: { id: string; livemode: boolean }) => [p.id, p.livemode])).toEqual([
      [live.id, true],
    ]);
  });
});
