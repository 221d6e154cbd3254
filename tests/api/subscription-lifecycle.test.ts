import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { tenantWithCatalog } from "./subscriptions-factories";

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
beforeAll(async () => {
  c = await tenantWithCatalog();
});
afterEach(() => resetClock());

const at = (iso: string) => setClock(new Date(iso));
/** A subscription to the Pro plan, monthly, created at `start` (no trial unless asked). */
async function subscribe(start: string, trialDays = 0) {
  at(start);
  const res = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id, trial_days: trialDays }, { key: c.key });
  expect(res.status).toBe(201);
  return res.body;
}
const action = (id: string, name: string, body: unknown = {}) => api.post(`/api/v1/subscriptions/${id}/${name}`, body, { key: c.key });
const reasons = async (id: string) =>
  (await api.get(`/api/v1/subscriptions/${id}/versions`, { key: c.key })).body.data.map((v: { reason: string }) => v.reason).reverse();
const events = async (id: string) =>
  (await getDb().execute<{ type: string }>(sql`select type from events where data->>'id' = ${id} order by created_at, id`)).map((e) => e.type);
const conflict = (res: { status: number; body: any }) => {
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe("resource_conflict");
};

describe("pause and resume", () => {
  it("pauses an active subscription, then resumes it with a fresh period from now (the paused time is not billed)", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    at("2026-11-05T10:00:00Z");
    const paused = await action(sub.id, "pause", { resume_at: "2026-12-05T00:00:00Z" });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: "paused", paused_at: "2026-11-05T10:00:00.000Z", resume_at: "2026-12-05T00:00:00.000Z", version: 2 });
    conflict(await action(sub.id, "pause"));

    at("2026-11-20T10:00:00Z");
    const resumed = await action(sub.id, "resume");
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({
      status: "active", paused_at: null, resume_at: null,
      current_period_start: "2026-11-20T10:00:00.000Z", current_period_end: "2026-12-20T10:00:00.000Z", billing_cycle_anchor: "2026-11-20T10:00:00.000Z",
    });
    conflict(await action(sub.id, "resume"));
    expect(await reasons(sub.id)).toEqual(["created", "paused", "resumed"]);
    expect(await events(sub.id)).toEqual(["subscription.created", "subscription.updated", "subscription.updated"]);
  });

  it("resumes into the trial when it has not ended: the period runs to trial_end", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z", 14);
    at("2026-11-03T00:00:00Z");
    expect((await action(sub.id, "pause")).body).toMatchObject({ status: "paused", resume_at: null });
    at("2026-11-05T00:00:00Z");
    const resumed = await action(sub.id, "resume");
    expect(resumed.body).toMatchObject({
      status: "trialing", trial_end: "2026-11-15T00:00:00.000Z",
      current_period_start: "2026-11-05T00:00:00.000Z", current_period_end: "2026-11-15T00:00:00.000Z", billing_cycle_anchor: "2026-11-15T00:00:00.000Z",
    });
  });

  it("refuses a resume_at that is not in the future (422) and writes nothing", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    at("2026-11-05T00:00:00Z");
    for (const resume_at of ["2026-11-05T00:00:00Z", "2026-11-01T00:00:00Z"]) {
      const res = await action(sub.id, "pause", { resume_at });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: "validation_failed", param: "resume_at" });
    }
    const bad = await action(sub.id, "pause", { resume_at: "tomorrow" });
    expect(bad.body.error.param).toBe("resume_at");
    expect(await reasons(sub.id)).toEqual(["created"]);
  });
});

describe("cancel and reactivate", () => {
  it("at period end: keeps running, flags it; reactivate undoes it; versions and events follow", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    at("2026-11-10T00:00:00Z");
    const scheduled = await action(sub.id, "cancel", { at_period_end: true, cancellation_reason: "Too expensive" });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({
      status: "active", cancel_at_period_end: true, canceled_at: "2026-11-10T00:00:00.000Z", cancellation_reason: "Too expensive", ended_at: null,
    });
    conflict(await action(sub.id, "cancel", { at_period_end: true }));

    const reactivated = await action(sub.id, "reactivate");
    expect(reactivated.status).toBe(200);
    expect(reactivated.body).toMatchObject({ status: "active", cancel_at_period_end: false, canceled_at: null, cancellation_reason: null });
    conflict(await action(sub.id, "reactivate"));
    expect(await reasons(sub.id)).toEqual(["created", "cancel_scheduled", "reactivated"]);
    expect(await events(sub.id)).toEqual(["subscription.created", "subscription.updated", "subscription.updated"]);
  });

  it("reactivate is refused once the period it ends has ended", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    at("2026-11-10T00:00:00Z");
    await action(sub.id, "cancel", { at_period_end: true });
    at("2026-12-01T00:00:00Z");
    const res = await action(sub.id, "reactivate");
    conflict(res);
    expect(res.body.error.param).toBe("current_period_end");
  });

  it("now: ends it (canceled_at = ended_at = now), emits subscription.canceled; nothing else applies afterwards", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    at("2026-11-10T00:00:00Z");
    await action(sub.id, "cancel", { at_period_end: true });
    at("2026-11-11T00:00:00Z");
    const canceled = await action(sub.id, "cancel", { cancellation_reason: "Closed the business" });
    expect(canceled.status).toBe(200);
    expect(canceled.body).toMatchObject({
      status: "canceled", canceled_at: "2026-11-11T00:00:00.000Z", ended_at: "2026-11-11T00:00:00.000Z", cancel_at_period_end: false, cancellation_reason: "Closed the business",
    });
    for (const [name, body] of [["cancel", {}], ["cancel", { at_period_end: true }], ["reactivate", {}], ["pause", {}], ["resume", {}]] as const) {
      conflict(await action(sub.id, name, body));
    }
    expect(await reasons(sub.id)).toEqual(["created", "cancel_scheduled", "canceled"]);
    expect((await events(sub.id)).at(-1)).toBe("subscription.canceled");
  });

  it("a paused subscription can be canceled now, not at period end", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    await action(sub.id, "pause");
    conflict(await action(sub.id, "cancel", { at_period_end: true }));
    expect((await action(sub.id, "cancel")).body.status).toBe("canceled");
  });

  it("names what is wrong in a body (422)", async () => {
    const sub = await subscribe("2026-11-01T00:00:00Z");
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["cancel", { cancellation_reason: "x".repeat(501) }, "cancellation_reason"],
      ["cancel", { at_period_end: "yes" }, "at_period_end"],
      ["cancel", { reason: "typo" }, "reason"],
      ["resume", { now: true }, "now"],
      ["reactivate", { force: true }, "force"],
      ["pause", { resume_at: 123 }, "resume_at"],
    ];
    for (const [name, body, param] of cases) {
      const res = await action(sub.id, name, body);
      expect(res.status, `${name} ${JSON.stringify(body)}`).toBe(422);
      expect(res.body.error).toMatchObject({ code: "validation_failed", param });
    }
    expect(await reasons(sub.id)).toEqual(["created"]);
  });

  it("a malformed id is a 404, not a 422", async () => {
    for (const name of ["pause", "resume", "cancel", "reactivate"]) {
      const res = await action("not-a-uuid", name);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain("No such subscription");
    }
  });
});
