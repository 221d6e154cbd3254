import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { planChangeRuleObject } from "@/lib/api/resources/plan-change-rules";
import { findApplicableRule } from "@/lib/plans/find-applicable-rule";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { createPlanVia, pinCreatedAt } from "./plans-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let basic: { id: string };
let pro: { id: string };
beforeAll(async () => {
  t = await createTenant();
  basic = await createPlanVia(t.liveKey, t.live.id);
  pro = await createPlanVia(t.liveKey, t.live.id);
});

const rule = (overrides: Record<string, unknown> = {}) => ({
  from_plan_id: basic.id,
  to_plan_id: pro.id,
  change_type: "upgrade",
  proration_method: "prorate_immediately",
  timing: "immediate",
  ...overrides,
});
const create = (body: Record<string, unknown>, key = t.liveKey) => api.post("/api/v1/plan_change_rules", body, { key });
const error = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.error?.code, param: res.body.error?.param });

describe("plan change rules", () => {
  it("creates a rule with defaults and reads it back", async () => {
    const res = await create(rule());
    expect(res.status).toBe(201);
    expect(planChangeRuleObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "plan_change_rule",
      livemode: true,
      from_plan_id: basic.id,
      to_plan_id: pro.id,
      change_type: "upgrade",
      proration_method: "prorate_immediately",
      timing: "immediate",
      bonus_discount: null,
      bonus_days: 0,
      priority: 0,
      is_active: true,
      message: null,
    });
    const got = await api.get(`/api/v1/plan_change_rules/${res.body.id}`, { key: t.liveKey });
    expect(got.body).toEqual(res.body);
  });

  it("stores a bonus discount, bonus days and a message for the customer", async () => {
    const res = await create(
      rule({ change_type: "downgrade", proration_method: "credit_unused", timing: "end_of_cycle", bonus_discount: { percent_bps: 2500, months: 3 }, bonus_days: 7, priority: 5, message: "Fique conosco: 25% por 3 meses" }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ bonus_discount: { percent_bps: 2500, months: 3 }, bonus_days: 7, priority: 5, message: "Fique conosco: 25% por 3 meses" });
  });

  it("names the field in validation errors", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [rule({ to_plan_id: basic.id }), "to_plan_id"],
      [rule({ change_type: "sideways" }), "change_type"],
      [rule({ proration_method: "maybe" }), "proration_method"],
      [rule({ timing: "later" }), "timing"],
      [rule({ bonus_discount: { percent_bps: 0, months: 1 } }), "bonus_discount.percent_bps"],
      [rule({ bonus_discount: { percent_bps: 10_001, months: 1 } }), "bonus_discount.percent_bps"],
      [rule({ bonus_discount: { percent_bps: 1000, months: 0 } }), "bonus_discount.months"],
      [rule({ bonus_discount: { percent_bps: 1000 } }), "bonus_discount.months"],
      [rule({ bonus_days: 366 }), "bonus_days"],
      [rule({ priority: 1.5 }), "priority"],
      [rule({ message: "x".repeat(501) }), "message"],
      [rule({ is_active: "yes" }), "is_active"],
      [rule({ from_plan_id: undefined }), "from_plan_id"],
      [rule({ colour: "red" }), "colour"],
    ];
    for (const [body, param] of cases) expect(error(await create(body)), JSON.stringify(body)).toEqual({ status: 422, code: "validation_failed", param });
    expect((await create(rule({ message: "x".repeat(500) }))).status).toBe(201);
  });

  it("refuses plans of another tenant or unknown (422 naming the field) and an archived target", async () => {
    const b = await createTenant();
    const foreign = await createPlanVia(b.liveKey, b.live.id);
    expect(error(await create(rule({ from_plan_id: foreign.id })))).toEqual({ status: 422, code: "reference_not_found", param: "from_plan_id" });
    expect(error(await create(rule({ to_plan_id: foreign.id })))).toEqual({ status: 422, code: "reference_not_found", param: "to_plan_id" });
    const unknown = "0b5f6f55-7c1c-4f57-9a57-3a1f33a1b001";
    expect(error(await create(rule({ to_plan_id: unknown })))).toEqual({ status: 422, code: "reference_not_found", param: "to_plan_id" });

    const legacy = await createPlanVia(t.liveKey, t.live.id);
    await getDb().execute(sql`update plans set status = 'archived' where id = ${legacy.id}`);
    expect(error(await create(rule({ to_plan_id: legacy.id })))).toEqual({ status: 422, code: "validation_failed", param: "to_plan_id" });
    // Moving customers *off* an archived plan is exactly what rules are for.
    expect((await create(rule({ from_plan_id: legacy.id }))).status).toBe(201);
  });

  it("updates only the fields sent; null clears bonus_discount and message; refuses a self-move", async () => {
    const { body: r } = await create(rule({ bonus_discount: { percent_bps: 1000, months: 2 }, message: "Oi" }));
    const res = await api.patch(`/api/v1/plan_change_rules/${r.id}`, { bonus_discount: null, message: null, is_active: false, priority: 9 }, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ bonus_discount: null, message: null, is_active: false, priority: 9, change_type: "upgrade", from_plan_id: basic.id });
    expect(new Date(res.body.updated_at).getTime()).toBeGreaterThan(new Date(r.updated_at).getTime());
    const self = await api.patch(`/api/v1/plan_change_rules/${r.id}`, { to_plan_id: basic.id }, { key: t.liveKey });
    expect(error(self)).toEqual({ status: 422, code: "validation_failed", param: "to_plan_id" });
    const selfFrom = await api.patch(`/api/v1/plan_change_rules/${r.id}`, { from_plan_id: pro.id }, { key: t.liveKey });
    expect(error(selfFrom)).toEqual({ status: 422, code: "validation_failed", param: "from_plan_id" });
    const b = await createTenant();
    const foreign = await createPlanVia(b.liveKey, b.live.id);
    const crossed = await api.patch(`/api/v1/plan_change_rules/${r.id}`, { to_plan_id: foreign.id }, { key: t.liveKey });
    expect(error(crossed)).toEqual({ status: 422, code: "reference_not_found", param: "to_plan_id" });
    const swapped = await api.patch(`/api/v1/plan_change_rules/${r.id}`, { from_plan_id: pro.id, to_plan_id: basic.id, change_type: "downgrade" }, { key: t.liveKey });
    expect(swapped.body).toMatchObject({ from_plan_id: pro.id, to_plan_id: basic.id, change_type: "downgrade" });
  });

  it("deletes a rule", async () => {
    const { body: r } = await create(rule());
    const res = await api.delete(`/api/v1/plan_change_rules/${r.id}`, { key: t.liveKey });
    expect(res.body).toEqual({ id: r.id, object: "plan_change_rule", deleted: true });
    expect((await api.get(`/api/v1/plan_change_rules/${r.id}`, { key: t.liveKey })).status).toBe(404);
    expect((await api.delete(`/api/v1/plan_change_rules/${r.id}`, { key: t.liveKey })).status).toBe(404);
  });

  it("lists newest first, filtered by from_plan_id, to_plan_id and is_active, with pagination", async () => {
    const u = await createTenant();
    const [p1, p2, p3] = [await createPlanVia(u.liveKey, u.live.id), await createPlanVia(u.liveKey, u.live.id), await createPlanVia(u.liveKey, u.live.id)];
    const mk = async (from: string, to: string, extra: Record<string, unknown> = {}) =>
      (await create(rule({ from_plan_id: from, to_plan_id: to, ...extra }), u.liveKey)).body.id as string;
    const r1 = await mk(p1.id, p2.id);
    const r2 = await mk(p1.id, p3.id, { is_active: false });
    const r3 = await mk(p2.id, p3.id);
    await pinCreatedAt("plan_change_rules", [r1, r2, r3]);
    const ids = async (qs: string) => {
      const res = await api.get(`/api/v1/plan_change_rules${qs}`, { key: u.liveKey });
      expect(res.status).toBe(200);
      return res.body.data.map((r: { id: string }) => r.id);
    };
    expect(await ids("")).toEqual([r3, r2, r1]);
    expect(await ids(`?from_plan_id=${p1.id}`)).toEqual([r2, r1]);
    expect(await ids(`?to_plan_id=${p3.id}`)).toEqual([r3, r2]);
    expect(await ids("?is_active=false")).toEqual([r2]);
    expect(await ids(`?is_active=true&from_plan_id=${p1.id}`)).toEqual([r1]);
    const first = await api.get("/api/v1/plan_change_rules?limit=2", { key: u.liveKey });
    expect(first.body).toMatchObject({ has_more: true });
    expect(await ids(`?limit=2&cursor=${first.body.next_cursor}`)).toEqual([r1]);
    for (const [qs, param] of [["?is_active=yes", "is_active"], ["?from_plan_id=x", "from_plan_id"], ["?plan_id=x", "plan_id"]]) {
      expect(error(await api.get(`/api/v1/plan_change_rules${qs}`, { key: u.liveKey }))).toEqual({ status: 422, code: "validation_failed", param });
    }
  });
});

describe("findApplicableRule", () => {
  it("picks the active rule with the highest priority for the exact pair; ties go to the oldest", async () => {
    const u = await createTenant();
    const [p1, p2, p3] = [await createPlanVia(u.liveKey, u.live.id), await createPlanVia(u.liveKey, u.live.id), await createPlanVia(u.liveKey, u.live.id)];
    const find = (from: string, to: string, organizationId = u.live.id) => findApplicableRule(getDb(), { organizationId, fromPlanId: from, toPlanId: to });
    expect(await find(p1.id, p2.id)).toBeNull();

    const mk = async (extra: Record<string, unknown>, from = p1.id, to = p2.id) =>
      (await create(rule({ from_plan_id: from, to_plan_id: to, ...extra }), u.liveKey)).body.id as string;
    const low = await mk({ priority: 1 });
    expect((await find(p1.id, p2.id))?.id).toBe(low);
    const oldest = await mk({ priority: 5 });
    const younger = await mk({ priority: 5 });
    await pinCreatedAt("plan_change_rules", [oldest, younger]);
    await mk({ priority: 50, is_active: false });
    await mk({ priority: 99 }, p2.id, p1.id);
    await mk({ priority: 99 }, p1.id, p3.id);
    expect((await find(p1.id, p2.id))?.id).toBe(oldest);
    expect((await find(p2.id, p1.id))?.priority).toBe(99);
    // Another tenant's organization never sees these rules.
    expect(await find(p1.id, p2.id, t.live.id)).toBeNull();
  });
});

describe("tenant isolation for plan change rules", () => {
  it("another tenant's keys get 404 on retrieve, update and delete; lists never include it", async () => {
    const { body: r } = await create(rule());
    const b = await createTenant();
    for (const key of [b.liveKey, b.testKey]) {
      expect(error(await api.get(`/api/v1/plan_change_rules/${r.id}`, { key }))).toMatchObject({ status: 404, code: "resource_missing" });
      expect((await api.patch(`/api/v1/plan_change_rules/${r.id}`, { priority: 1 }, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/plan_change_rules/${r.id}`, { key })).status).toBe(404);
    }
    expect((await api.get(`/api/v1/plan_change_rules/${r.id}`, { key: t.liveKey })).body).toEqual(r);
    for (const qs of ["", `?from_plan_id=${basic.id}`, `?to_plan_id=${pro.id}`, "?is_active=true", "?limit=100"]) {
      expect((await api.get(`/api/v1/plan_change_rules${qs}`, { key: b.liveKey })).body.data).toEqual([]);
    }
  });

  it("sandbox and live are separate", async () => {
    const a = await createTenant();
    const [l1, l2] = [await createPlanVia(a.liveKey, a.live.id), await createPlanVia(a.liveKey, a.live.id)];
    const live = (await create(rule({ from_plan_id: l1.id, to_plan_id: l2.id }), a.liveKey)).body;
    expect((await api.get(`/api/v1/plan_change_rules/${live.id}`, { key: a.testKey })).status).toBe(404);
    expect((await api.get("/api/v1/plan_change_rules", { key: a.testKey })).body.data).toEqual([]);
    expect(error(await create(rule({ from_plan_id: l1.id, to_plan_id: l2.id }), a.testKey))).toMatchObject({ status: 422, param: "from_plan_id" });
    const [s1, s2] = [await createPlanVia(a.testKey, a.sandbox.id), await createPlanVia(a.testKey, a.sandbox.id)];
    const sandbox = await create(rule({ from_plan_id: s1.id, to_plan_id: s2.id }), a.testKey);
    expect(sandbox.body.livemode).toBe(false);
    expect((await api.get(`/api/v1/plan_change_rules/${sandbox.body.id}`, { key: a.liveKey })).status).toBe(404);
    expect((await api.get("/api/v1/plan_change_rules", { key: a.liveKey })).body.data.map((r: { id: string }) => r.id)).toEqual([live.id]);
  });
});
