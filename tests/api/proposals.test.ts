import { sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createApiKey } from "@/lib/api-keys/create";
import { resetClock, setClock } from "@/lib/clock";
import { QUEUES } from "@/lib/jobs/boss";
import { jobs } from "@/lib/jobs/definitions";
import { expireProposals } from "@/lib/proposals/expire";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
beforeAll(async () => {
  c = await tenantWithCatalog();
  await api.post("/api/v1/coupons", { code: "DEZ", discount_type: "percentage", percent_off_bps: 1000 }, { key: c.key });
  await api.post("/api/v1/discount_codes", { code: "BEMVINDO", percent_off_bps: 500, duration: "once" }, { key: c.key });
});
const T0 = "2026-11-01T12:00:00.000Z";
const at = (iso: string) => setClock(new Date(iso));
beforeEach(() => at(T0));
afterEach(() => resetClock());

const propose = (body: Record<string, unknown>, key = c.key) =>
  api.post("/api/v1/proposals", { billing_account_id: c.account.id, valid_until: "2026-12-01T00:00:00Z", ...body }, { key });
const act = (id: string, action: string, body: unknown = {}, key = c.key) => api.post(`/api/v1/proposals/${id}/${action}`, body, { key });
const get = (id: string, key = c.key) => api.get(`/api/v1/proposals/${id}`, { key });
const count = async (table: "subscriptions" | "proposals" | "invoices") => (await getDb().execute<{ n: number }>(sql`select count(*)::int n from ${sql.identifier(table)}`))[0]!.n;
const eventsOf = async (id: string) =>
  (await getDb().execute<{ type: string }>(sql`select type from events where data->>'id' = ${id} order by created_at, id`)).map((e) => e.type);
const conflict = (res: { status: number; body: any }, text: string) => {
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe("resource_conflict");
  expect(res.body.error.message).toContain(text);
};
/** What makes two subscriptions the same offer, whoever created them. */
const terms = (s: any) => ({
  plan_id: s.plan_id, status: s.status, currency: s.currency, billing_cycle: s.billing_cycle, billing_cycle_anchor: s.billing_cycle_anchor,
  start_at: s.start_at, current_period_start: s.current_period_start, current_period_end: s.current_period_end,
  trial_start: s.trial_start, trial_end: s.trial_end, coupon_id: s.coupon_id, discount_code_id: s.discount_code_id,
  items: s.items.map((i: any) => [i.product_id, i.price_id, i.quantity]),
});

describe("creating proposals", () => {
  it("from a plan: stores the offer as resolved (every item, the cycle, the plan's trial), writes no subscription, emits proposal.created", async () => {
    const subs = await count("subscriptions");
    const res = await propose({ plan_id: c.plan.id, message: "Proposta especial", metadata: { deal: "42" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: "proposal", livemode: true, status: "open", billing_account_id: c.account.id, plan_id: c.plan.id,
      items: [{ price_id: c.pro.prices[0].id, quantity: 1 }], billing_cycle: { interval: "month", interval_count: 1 }, trial_days: 14,
      coupon_id: null, message: "Proposta especial", valid_until: "2026-12-01T00:00:00.000Z", subscription_id: null, metadata: { deal: "42" },
    });
    expect(await count("subscriptions")).toBe(subs);
    expect(await eventsOf(res.body.id)).toEqual(["proposal.created"]);
    expect((await get(res.body.id)).body).toEqual(res.body);
  });

  it("from explicit items; with a coupon and a discount code, checked but not counted until accepted", async () => {
    // An active subscription is invoiced on creation: the offer check's invoice (and its number) is rolled back too.
    const invoices = await count("invoices");
    const numbers = async () => (await getDb().execute<{ v: number }>(sql`select coalesce(sum(last_value), 0)::int v from number_sequences where organization_id = ${c.t.live.id}`))[0]!.v;
    const numbered = await numbers();
    const items = await propose({ items: [{ price_id: c.pro.prices[1].id }, { price_id: c.seats.prices[1].id, quantity: 4 }] });
    expect(items.status).toBe(201);
    expect(items.body).toMatchObject({ plan_id: null, billing_cycle: { interval: "year", interval_count: 1 }, trial_days: 0 });
    expect(items.body.items).toEqual([{ price_id: c.pro.prices[1].id, quantity: 1 }, { price_id: c.seats.prices[1].id, quantity: 4 }]);
    expect([await count("invoices"), await numbers()]).toEqual([invoices, numbered]);
    // With an Idempotency-Key the offer check runs inside the request's transaction: still nothing but the proposal is written.
    const subs = await count("subscriptions");
    const body = { billing_account_id: c.account.id, valid_until: "2026-12-01T00:00:00Z", items: [{ price_id: c.pro.prices[0].id }] };
    const once = await api.post("/api/v1/proposals", body, { key: c.key, headers: { "idempotency-key": "proposta-1" } });
    const again = await api.post("/api/v1/proposals", body, { key: c.key, headers: { "idempotency-key": "proposta-1" } });
    expect([once.status, again.status, again.body.id]).toEqual([201, 201, once.body.id]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await count("subscriptions")).toBe(subs);

    await api.post("/api/v1/coupons", { code: "PROMO5", discount_type: "percentage", percent_off_bps: 500 }, { key: c.key });
    const promo = await propose({ plan_id: c.plan.id, coupon: "promo5", discount_code: "bemvindo" });
    expect(promo.status).toBe(201);
    const coupon = (await api.get("/api/v1/coupons?code=PROMO5", { key: c.key })).body.data[0];
    const code = (await api.get("/api/v1/discount_codes?code=BEMVINDO", { key: c.key })).body.data[0];
    expect(promo.body).toMatchObject({ coupon_id: coupon.id, discount_code_id: code.id });
    expect(coupon.times_used).toBe(0);
    expect((await act(promo.body.id, "accept")).status).toBe(200);
    expect((await api.get(`/api/v1/coupons/${coupon.id}`, { key: c.key })).body.times_used).toBe(1);
  });

  it("names what is wrong (422), as POST /subscriptions would, and writes nothing", async () => {
    const other = await createTenant();
    const before = await count("proposals");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "plan_id"],
      [{ plan_id: c.plan.id, items: [{ price_id: c.pro.prices[0].id }] }, "items"],
      [{ items: [{ price_id: c.pro.prices[0].id }], add_ons: [] }, "add_ons"],
      [{ plan_id: c.plan.id, billing_cycle: { interval: "month", interval_count: 3 } }, "billing_cycle"],
      [{ plan_id: c.plan.id, add_ons: [{ price_id: c.pro.prices[0].id }] }, "add_ons[0].price_id"],
      [{ plan_id: c.plan.id, quantities: { [c.seats.prices[0].id]: 2 } }, `quantities.${c.seats.prices[0].id}`],
      [{ items: [{ price_id: c.pro.prices[0].id }, { price_id: c.pro.prices[0].id }] }, "items[1].price_id"],
      [{ items: [{ price_id: c.pro.prices[0].id }, { price_id: c.pro.prices[1].id }] }, "items[1].price_id"],
      [{ items: [{ price_id: "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11" }] }, "items[0].price_id"],
      [{ plan_id: "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11" }, "plan_id"],
      [{ plan_id: c.plan.id, trial_days: -1 }, "trial_days"],
      [{ plan_id: c.plan.id, coupon: "NOPE" }, "coupon"],
      [{ plan_id: c.plan.id, discount_code: "NOPE" }, "discount_code"],
      [{ plan_id: c.plan.id, valid_until: "2026-10-01T00:00:00Z" }, "valid_until"],
      [{ plan_id: c.plan.id, valid_until: T0 }, "valid_until"],
      [{ plan_id: c.plan.id, valid_until: "next week" }, "valid_until"],
      [{ plan_id: c.plan.id, valid_until: undefined }, "valid_until"],
      [{ plan_id: c.plan.id, message: " " }, "message"],
      [{ plan_id: c.plan.id, start_at: "2026-12-01T00:00:00Z" }, "start_at"],
      [{ plan_id: c.plan.id, metadata: { k: 1 } }, "metadata.k"],
    ];
    for (const [body, param] of cases) {
      const res = await propose(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    // References must be the caller's own: another tenant's account or plan is unknown.
    const foreign = await propose({ plan_id: c.plan.id }, other.liveKey);
    expect(foreign.body.error).toMatchObject({ code: "reference_not_found", param: "billing_account_id" });
    const otherAccount = (await api.post("/api/v1/billing_accounts", { name: "Outra", email: "a@b.com.br" }, { key: other.liveKey })).body;
    const foreignPlan = await propose({ billing_account_id: otherAccount.id, plan_id: c.plan.id }, other.liveKey);
    expect(foreignPlan.body.error).toMatchObject({ code: "reference_not_found", param: "plan_id" });
    expect(await count("proposals")).toBe(before);
  });
});

describe("accepting", () => {
  it("creates the subscription POST /subscriptions would create from the same input (plan, add-on, quantities, trial, coupon)", async () => {
    const input = {
      plan_id: c.plan.id, billing_cycle: { interval: "year" }, trial_days: 7, coupon: "DEZ",
      quantities: { [c.pro.prices[1].id]: 2 }, add_ons: [{ price_id: c.seats.prices[1].id, quantity: 3 }],
    };
    const proposal = (await propose(input)).body;
    expect(proposal).toMatchObject({ trial_days: 7, billing_cycle: { interval: "year", interval_count: 1 } });
    expect(proposal.items).toEqual([{ price_id: c.pro.prices[1].id, quantity: 2 }, { price_id: c.seats.prices[1].id, quantity: 3 }]);

    at("2026-11-10T09:30:00Z");
    const accepted = await act(proposal.id, "accept");
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ object: "proposal", status: "accepted", accepted_at: "2026-11-10T09:30:00.000Z" });
    const sub = (await api.get(`/api/v1/subscriptions/${accepted.body.subscription_id}`, { key: c.key })).body;
    const direct = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, ...input }, { key: c.key });
    expect(direct.status).toBe(201);
    expect(terms(sub)).toEqual(terms(direct.body));
    expect(sub).toMatchObject({ status: "trialing", trial_end: "2026-11-17T09:30:00.000Z", billing_account_id: c.account.id });

    const versions = (await api.get(`/api/v1/subscriptions/${sub.id}/versions`, { key: c.key })).body.data;
    expect(versions).toEqual([expect.objectContaining({ version: 1, reason: "created", actor: `api_key:${c.t.liveKeyId}` })]);
    expect(await eventsOf(proposal.id)).toEqual(["proposal.created", "proposal.accepted"]);
    expect(await eventsOf(sub.id)).toEqual(["subscription.created"]);
    const listed = (await api.get("/api/v1/events?type=proposal.accepted", { key: c.key })).body.data;
    expect(listed[0].data.object).toMatchObject({ id: proposal.id, status: "accepted", subscription_id: sub.id });
  });

  it("from explicit items: the same items and cycle as a direct subscription", async () => {
    const input = { items: [{ price_id: c.pro.prices[0].id, quantity: 2 }, { price_id: c.seats.prices[0].id, quantity: 5 }] };
    const proposal = (await propose(input)).body;
    const accepted = await act(proposal.id, "accept");
    const sub = (await api.get(`/api/v1/subscriptions/${accepted.body.subscription_id}`, { key: c.key })).body;
    const direct = (await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, ...input }, { key: c.key })).body;
    expect(terms(sub)).toEqual(terms(direct));
    expect(sub.plan_id).toBeNull();
  });

  it("exactly once: a second accept is a 409; two at once make one subscription, one 200 and one 409", async () => {
    const first = (await propose({ plan_id: c.plan.id })).body;
    expect((await act(first.id, "accept")).status).toBe(200);
    conflict(await act(first.id, "accept"), "already accepted");

    const proposal = (await propose({ plan_id: c.plan.id, trial_days: 0 })).body;
    const subs = await count("subscriptions");
    const results = await Promise.all([act(proposal.id, "accept"), act(proposal.id, "accept")]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.code).toBe("resource_conflict");
    expect(await count("subscriptions")).toBe(subs + 1);
    expect((await get(proposal.id)).body.subscription_id).toBe(winner.body.subscription_id);
    expect(await eventsOf(proposal.id)).toEqual(["proposal.created", "proposal.accepted"]);
    conflict(await act(proposal.id, "reject"), "already accepted");
    conflict(await act(proposal.id, "cancel"), "already accepted");
  });

  it("a subscription that cannot be created (coupon used up meanwhile) leaves the proposal open with the service's error", async () => {
    await api.post("/api/v1/coupons", { code: "UMAVEZ", discount_type: "percentage", percent_off_bps: 1000, usage_limit: 1 }, { key: c.key });
    const proposal = (await propose({ plan_id: c.plan.id, coupon: "UMAVEZ" })).body;
    expect((await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id, coupon: "UMAVEZ" }, { key: c.key })).status).toBe(201);
    const subs = await count("subscriptions");
    const res = await act(proposal.id, "accept");
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "validation_failed", param: "coupon" });
    expect(res.body.error.message).toContain("usage_limit_reached");
    expect((await get(proposal.id)).body).toMatchObject({ status: "open", subscription_id: null, accepted_at: null });
    expect(await count("subscriptions")).toBe(subs);
    expect(await eventsOf(proposal.id)).toEqual(["proposal.created"]);
  });

  it("refuses (409) when the plan gained a required item since the offer: accepting gives what was offered or nothing", async () => {
    const plan = (await api.post("/api/v1/plans", {
      name: "Pro mensal", slug: "pro-mensal", billing_cycles: [{ interval: "month" }],
      items: [{ price_id: c.pro.prices[0].id }, { price_id: c.seats.prices[0].id, optional: true, quantity: 0 }],
    }, { key: c.key })).body;
    const proposal = (await propose({ plan_id: plan.id })).body;
    expect(proposal.items).toEqual([{ price_id: c.pro.prices[0].id, quantity: 1 }]);
    const replaced = await api.put(`/api/v1/plans/${plan.id}/items`, { items: [{ price_id: c.pro.prices[0].id }, { price_id: c.seats.prices[0].id, quantity: 2 }] }, { key: c.key });
    expect(replaced.status).toBe(200);
    const subs = await count("subscriptions");
    const res = await act(proposal.id, "accept");
    conflict(res, "plan's items changed");
    expect(res.body.error.param).toBe("plan_id");
    expect(await count("subscriptions")).toBe(subs);
    expect((await get(proposal.id)).body.status).toBe("open");
  });

  it("needs subscriptions:write besides proposals:write", async () => {
    const proposal = (await propose({ plan_id: c.plan.id })).body;
    const narrow = await createApiKey(getDb(), { organizationId: c.t.live.id, name: "proposals only", scopes: ["proposals:write"] });
    expect((await get(proposal.id, narrow.secret)).status).toBe(200);
    const res = await act(proposal.id, "accept", {}, narrow.secret);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("insufficient_scope");
    expect((await get(proposal.id)).body.status).toBe("open");
  });
});

describe("expiry", () => {
  it("by the business clock: past valid_until it reads expired and cannot be accepted, rejected or changed, before any job ran", async () => {
    const proposal = (await propose({ plan_id: c.plan.id, valid_until: "2026-11-02T12:00:00Z" })).body;
    at("2026-11-02T11:59:59Z");
    expect((await get(proposal.id)).body.status).toBe("open");
    at("2026-11-02T12:00:00Z");
    const subs = await count("subscriptions");
    const res = await act(proposal.id, "accept");
    conflict(res, "expired at 2026-11-02T12:00:00.000Z");
    expect(res.body.error.param).toBe("valid_until");
    conflict(await act(proposal.id, "reject"), "expired");
    conflict(await api.patch(`/api/v1/proposals/${proposal.id}`, { message: "ainda vale?" }, { key: c.key }), "expired");
    expect(await count("subscriptions")).toBe(subs);
    expect((await get(proposal.id)).body).toMatchObject({ status: "expired", expired_at: "2026-11-02T12:00:00.000Z" });
    const open = (await api.get(`/api/v1/proposals?status=open&limit=100`, { key: c.key })).body.data.map((p: any) => p.id);
    const expired = (await api.get(`/api/v1/proposals?status=expired&limit=100`, { key: c.key })).body.data.map((p: any) => p.id);
    expect(open).not.toContain(proposal.id);
    expect(expired).toContain(proposal.id);
  });

  it("by the job: marks the open proposals past valid_until, emits proposal.expired for each, once", async () => {
    const due = (await propose({ plan_id: c.plan.id, valid_until: "2026-11-03T00:00:00Z" })).body;
    const later = (await propose({ plan_id: c.plan.id, valid_until: "2026-11-20T00:00:00Z" })).body;
    const rejected = (await propose({ plan_id: c.plan.id, valid_until: "2026-11-03T00:00:00Z" })).body;
    await act(rejected.id, "reject");
    at("2026-11-05T00:00:00Z");
    expect(await expireProposals(getDb(), new Date("2026-11-05T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const [row] = await getDb().execute<{ status: string; expired_at: Date }>(sql`select status, expired_at from proposals where id = ${due.id}`);
    expect(row!.status).toBe("expired");
    expect(new Date(row!.expired_at).toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect((await get(due.id)).body).toMatchObject({ status: "expired", expired_at: "2026-11-03T00:00:00.000Z" });
    expect((await get(later.id)).body.status).toBe("open");
    expect((await get(rejected.id)).body.status).toBe("rejected");
    expect(await eventsOf(due.id)).toEqual(["proposal.created", "proposal.expired"]);
    expect(await eventsOf(later.id)).toEqual(["proposal.created"]);
    expect(await expireProposals(getDb(), new Date("2026-11-05T00:00:00Z"))).toBe(0);
    conflict(await act(due.id, "accept"), "is expired");

    // The scheduled job does the same with the business clock.
    const job = jobs.find((j) => j.name === "proposals.expire")!;
    expect(job.cron).toBe("5 * * * *");
    expect(QUEUES).toContain("proposals.expire");
    at("2026-11-21T00:00:00Z");
    await job.run({});
    expect((await getDb().execute<{ status: string }>(sql`select status from proposals where id = ${later.id}`))[0]!.status).toBe("expired");
    expect(await eventsOf(later.id)).toEqual(["proposal.created", "proposal.expired"]);
  });
});

describe("reject, cancel, change, list", () => {
  it("reject with a reason; cancel; neither twice, nor accept after", async () => {
    const a = (await propose({ plan_id: c.plan.id })).body;
    at("2026-11-03T00:00:00Z");
    const rejected = await act(a.id, "reject", { reason: "Caro demais" });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected", rejected_at: "2026-11-03T00:00:00.000Z", rejection_reason: "Caro demais", subscription_id: null });
    conflict(await act(a.id, "reject"), "is rejected");
    conflict(await act(a.id, "accept"), "is rejected");
    conflict(await act(a.id, "cancel"), "is rejected");

    const b = (await propose({ plan_id: c.plan.id })).body;
    const canceled = await act(b.id, "cancel");
    expect(canceled.body).toMatchObject({ status: "canceled", canceled_at: "2026-11-03T00:00:00.000Z" });
    conflict(await act(b.id, "accept"), "is canceled");
    conflict(await act(b.id, "reject"), "is canceled");
    expect((await act(b.id, "cancel", { reason: "x" })).body.error.param).toBe("reason");
    expect(await eventsOf(a.id)).toEqual(["proposal.created", "proposal.rejected"]);
    expect(await eventsOf(b.id)).toEqual(["proposal.created", "proposal.canceled"]);
  });

  it("PATCH changes message, valid_until and metadata while open, never the offer", async () => {
    const p = (await propose({ plan_id: c.plan.id, metadata: { a: "1", b: "2" } })).body;
    const patch = (body: unknown) => api.patch(`/api/v1/proposals/${p.id}`, body, { key: c.key });
    const res = await patch({ message: "Nova condição", valid_until: "2026-12-15T00:00:00Z", metadata: { b: null, c: "3" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: "Nova condição", valid_until: "2026-12-15T00:00:00.000Z", metadata: { a: "1", c: "3" }, status: "open" });
    expect((await patch({ message: null })).body.message).toBeNull();
    expect((await patch({ valid_until: "2026-10-01T00:00:00Z" })).body.error.param).toBe("valid_until");
    expect((await patch({ plan_id: c.plan.id })).body.error).toMatchObject({ code: "validation_failed", param: "plan_id" });
    expect((await patch({ trial_days: 30 })).body.error.param).toBe("trial_days");
    await act(p.id, "cancel");
    conflict(await patch({ message: "tarde demais" }), "is canceled");
  });

  it("lists newest first with a cursor, filtered by billing account and status", async () => {
    const account = (await api.post("/api/v1/billing_accounts", { name: "Outra conta", email: "x@y.com.br" }, { key: c.key })).body;
    const mine: any[] = [];
    for (let i = 0; i < 3; i++) mine.push((await propose({ billing_account_id: account.id, plan_id: c.plan.id })).body);
    await act(mine[0].id, "cancel");
    const first = await api.get(`/api/v1/proposals?billing_account_id=${account.id}&limit=2`, { key: c.key });
    expect(first.body.data.map((p: any) => p.id)).toEqual([mine[2].id, mine[1].id]);
    expect(first.body.has_more).toBe(true);
    const second = await api.get(`/api/v1/proposals?billing_account_id=${account.id}&limit=2&cursor=${first.body.next_cursor}`, { key: c.key });
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.body.data.map((p: any) => p.id)).toEqual([mine[0].id]);
    const canceled = await api.get(`/api/v1/proposals?billing_account_id=${account.id}&status=canceled`, { key: c.key });
    expect(canceled.body.data.map((p: any) => p.id)).toEqual([mine[0].id]);
    expect((await api.get("/api/v1/proposals?status=maybe", { key: c.key })).body.error.param).toBe("status");
  });
});

describe("proposals across tenants", () => {
  it("another tenant's keys and the merchant's own sandbox key get 404 and see nothing in lists", async () => {
    const p = (await propose({ plan_id: c.plan.id })).body;
    const other = await createTenant();
    for (const key of [other.liveKey, other.testKey, c.t.testKey]) {
      expect((await get(p.id, key)).status).toBe(404);
      expect((await act(p.id, "accept", {}, key)).status).toBe(404);
      expect((await act(p.id, "reject", {}, key)).status).toBe(404);
      expect((await act(p.id, "cancel", {}, key)).status).toBe(404);
      expect((await api.patch(`/api/v1/proposals/${p.id}`, { message: "x" }, { key })).status).toBe(404);
      const list = await api.get("/api/v1/proposals?limit=100", { key });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body.data)).not.toContain(p.id);
      expect(JSON.stringify((await api.get(`/api/v1/proposals?billing_account_id=${c.account.id}`, { key })).body.data)).toBe("[]");
    }
    expect((await get(p.id)).body).toMatchObject({ status: "open", message: null });
    expect((await get("not-a-uuid")).status).toBe(404);
  });
});
