import { beforeAll, describe, expect, it } from "vitest";
import { planGroupObject } from "@/lib/api/resources/plan-groups";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { insertPrice, pinCreatedAt, validPlan } from "./plans-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const create = (body: Record<string, unknown>, key = t.liveKey) => api.post("/api/v1/plan_groups", body, { key });
const error = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.error?.code, param: res.body.error?.param });

describe("plan groups", () => {
  it("creates a group and reads it back", async () => {
    const res = await create({ name: "Planos mensais", slug: "mensais", position: 2 });
    expect(res.status).toBe(201);
    expect(planGroupObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({ object: "plan_group", livemode: true, name: "Planos mensais", slug: "mensais", position: 2 });
    const got = await api.get(`/api/v1/plan_groups/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    expect((await create({ name: "Sem posição", slug: "sem-posicao" })).body.position).toBe(0);
  });

  it("names the field in validation errors", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ slug: "a" }, "name"],
      [{ name: "A" }, "slug"],
      [{ name: "A", slug: "Upper Case" }, "slug"],
      [{ name: "A", slug: "a", position: -1 }, "position"],
      [{ name: "A", slug: "a", position: "1" }, "position"],
      [{ name: "A", slug: "a", colour: "red" }, "colour"],
    ];
    for (const [body, param] of cases) expect(error(await create(body)), JSON.stringify(body)).toEqual({ status: 422, code: "validation_failed", param });
  });

  it("refuses a duplicate slug with 409 naming slug, on create and update", async () => {
    expect((await create({ name: "A", slug: "dup" })).status).toBe(201);
    expect(error(await create({ name: "B", slug: "dup" }))).toEqual({ status: 409, code: "resource_conflict", param: "slug" });
    const other = await create({ name: "C", slug: "not-dup" });
    const patch = await api.patch(`/api/v1/plan_groups/${other.body.id}`, { slug: "dup" }, { key: t.liveKey });
    expect(error(patch)).toEqual({ status: 409, code: "resource_conflict", param: "slug" });
  });

  it("updates only the fields sent", async () => {
    const { body: g } = await create({ name: "Antigo", slug: "antigo", position: 5 });
    const res = await api.patch(`/api/v1/plan_groups/${g.id}`, { name: "Novo" }, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Novo", slug: "antigo", position: 5 });
    expect(new Date(res.body.updated_at).getTime()).toBeGreaterThan(new Date(g.updated_at).getTime());
    expect(error(await api.patch(`/api/v1/plan_groups/${g.id}`, { position: null }, { key: t.liveKey }))).toMatchObject({ status: 422, param: "position" });
  });

  it("deletes an empty group; refuses one that still holds plans (archived ones too) with 409", async () => {
    const { body: empty } = await create({ name: "Vazio", slug: "vazio" });
    const del = await api.delete(`/api/v1/plan_groups/${empty.id}`, { key: t.liveKey });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ id: empty.id, object: "plan_group", deleted: true });
    expect((await api.get(`/api/v1/plan_groups/${empty.id}`, { key: t.liveKey })).status).toBe(404);

    const { body: g } = await create({ name: "Cheio", slug: "cheio" });
    const price = await insertPrice(t.live.id);
    const plan = (await api.post("/api/v1/plans", validPlan([price.id], { plan_group_id: g.id }), { key: t.liveKey })).body;
    const refused = await api.delete(`/api/v1/plan_groups/${g.id}`, { key: t.liveKey });
    expect(error(refused)).toEqual({ status: 409, code: "resource_conflict", param: "id" });
    expect(refused.body.error.message).toContain("1 plan");
    expect((await api.get(`/api/v1/plan_groups/${g.id}`, { key: t.liveKey })).status).toBe(200);

    // Archived (the rule keeps it from being deleted): still in the group, still blocks.
    const other = (await api.post("/api/v1/plans", validPlan([price.id]), { key: t.liveKey })).body;
    await api.post(
      "/api/v1/plan_change_rules",
      { from_plan_id: plan.id, to_plan_id: other.id, change_type: "lateral", proration_method: "none", timing: "end_of_cycle" },
      { key: t.liveKey },
    );
    expect((await api.delete(`/api/v1/plans/${plan.id}`, { key: t.liveKey })).body.status).toBe("archived");
    expect((await api.delete(`/api/v1/plan_groups/${g.id}`, { key: t.liveKey })).status).toBe(409);
  });

  it("lists newest first with cursor pagination", async () => {
    const u = await createTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `G${i}`, slug: `g-${i}` }, u.liveKey)).body.id);
    await pinCreatedAt("plan_groups", ids);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await api.get(`/api/v1/plan_groups?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key: u.liveKey });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((g: { slug: string }) => g.slug));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["g-4", "g-3", "g-2", "g-1", "g-0"]);
    expect(error(await api.get("/api/v1/plan_groups?status=active", { key: u.liveKey }))).toMatchObject({ status: 422, param: "status" });
  });
});

describe("tenant isolation for plan groups", () => {
  it("another tenant's keys get 404 on retrieve, update and delete; lists never include it", async () => {
    const { body: g } = await create({ name: "Só de A", slug: "so-de-a" });
    const b = await createTenant();
    const own = (await create({ name: "De B", slug: "de-b" }, b.liveKey)).body;
    for (const key of [b.liveKey, b.testKey]) {
      expect(error(await api.get(`/api/v1/plan_groups/${g.id}`, { key }))).toMatchObject({ status: 404, code: "resource_missing" });
      expect((await api.patch(`/api/v1/plan_groups/${g.id}`, { name: "hijacked" }, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/plan_groups/${g.id}`, { key })).status).toBe(404);
    }
    expect((await api.get(`/api/v1/plan_groups/${g.id}`, { key: t.liveKey })).body).toEqual(g);
    const listed = await api.get("/api/v1/plan_groups?limit=100", { key: b.liveKey });
    expect(listed.body.data.map((x: { id: string }) => x.id)).toEqual([own.id]);
  });

  it("sandbox and live are separate", async () => {
    const a = await createTenant();
    const live = (await create({ name: "Live", slug: "same" }, a.liveKey)).body;
    expect((await api.get(`/api/v1/plan_groups/${live.id}`, { key: a.testKey })).status).toBe(404);
    expect((await api.get("/api/v1/plan_groups", { key: a.testKey })).body.data).toEqual([]);
    const sandbox = await create({ name: "Sandbox", slug: "same" }, a.testKey);
    expect(sandbox.status).toBe(201);
    expect(sandbox.body.livemode).toBe(false);
    expect((await api.get(`/api/v1/plan_groups/${sandbox.body.id}`, { key: a.liveKey })).status).toBe(404);
    expect((await api.get("/api/v1/plan_groups", { key: a.liveKey })).body.data.map((x: { id: string }) => x.id)).toEqual([live.id]);
  });
});
