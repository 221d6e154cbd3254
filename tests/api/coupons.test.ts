import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { coupons, plans, products, type Coupon } from "@/db/schema";
import { couponObject } from "@/lib/api/resources/coupons";
import { checkCouponRedeemable } from "@/lib/promotions/coupon-redeemable";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let productA: string;
let productB: string;
let planA: string;
beforeAll(async () => {
  t = await createTenant();
  productA = await insertProduct(t.live.id);
  productB = await insertProduct(t.live.id);
  planA = await insertPlan(t.live.id);
});

// Products and plans are another engineer's resources: rows go in directly.
async function insertProduct(organizationId: string): Promise<string> {
  const [row] = await getDb().insert(products).values({ organizationId, name: "Produto", slug: `p-${randomUUID()}`, productType: "base" }).returning();
  return row!.id;
}
async function insertPlan(organizationId: string): Promise<string> {
  const [row] = await getDb().insert(plans).values({ organizationId, name: "Plano", slug: `plan-${randomUUID()}` }).returning();
  return row!.id;
}

let n = 0;
const code = () => `CODE${++n}${randomUUID().slice(0, 6)}`.toUpperCase();
const percent = (o: Record<string, unknown> = {}) => ({ code: code(), discount_type: "percentage", percent_off_bps: 1500, ...o });
const fixed = (o: Record<string, unknown> = {}) => ({ code: code(), discount_type: "fixed_amount", amount_off_cents: 2000, ...o });
const create = (body: Record<string, unknown>, key = t.liveKey) => api.post("/api/v1/coupons", body, { key });
const patch = (id: string, body: Record<string, unknown>) => api.patch(`/api/v1/coupons/${id}`, body, { key: t.liveKey });
const setTimesUsed = (id: string, timesUsed: number) => getDb().update(coupons).set({ timesUsed }).where(eq(coupons.id, id));

async function expect422(res: { status: number; body: any }, param: string, message?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.param).toBe(param);
  if (message) expect(res.body.error.message).toContain(message);
}

describe("coupons", () => {
  it("creates a percentage coupon, upper-casing the code, and reads it back", async () => {
    const res = await create({ code: "black-friday", discount_type: "percentage", percent_off_bps: 2500, name: "Black Friday", usage_limit: 100 });
    expect(res.status).toBe(201);
    expect(couponObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "coupon",
      livemode: true,
      code: "BLACK-FRIDAY",
      discount_type: "percentage",
      percent_off_bps: 2500,
      amount_off_cents: null,
      currency: null,
      usage_limit: 100,
      times_used: 0,
      status: "active",
      applies_to: { product_ids: [], plan_ids: [] },
      excludes: { product_ids: [], plan_ids: [] },
    });
    const got = await api.get(`/api/v1/coupons/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it("creates a fixed_amount coupon in BRL by default, or in the currency given, with scope, limits and window", async () => {
    const brl = await create(fixed({ max_discount_cents: 1000, min_purchase_cents: 5000 }));
    expect(brl.status).toBe(201);
    expect(brl.body).toMatchObject({ amount_off_cents: 2000, currency: "BRL", percent_off_bps: null, max_discount_cents: 1000, min_purchase_cents: 5000 });
    const usd = await create(
      fixed({
        currency: "usd",
        usage_limit_per_user: 1,
        valid_from: "2030-01-01T00:00:00-03:00",
        valid_until: "2030-02-01T00:00:00Z",
        applies_to: { product_ids: [productA], plan_ids: [planA] },
        excludes: { product_ids: [productB] },
      }),
    );
    expect(usd.status).toBe(201);
    expect(usd.body).toMatchObject({
      currency: "USD",
      usage_limit_per_user: 1,
      valid_from: "2030-01-01T03:00:00.000Z",
      valid_until: "2030-02-01T00:00:00.000Z",
      applies_to: { product_ids: [productA], plan_ids: [planA] },
      excludes: { product_ids: [productB], plan_ids: [] },
    });
  });

  it("rejects a coupon with both a percentage and an amount, naming the extra one", async () => {
    const extraAmount = await create(percent({ amount_off_cents: 500 }));
    await expect422(extraAmount, "amount_off_cents", "either percent_off_bps (percentage) or amount_off_cents (fixed_amount), not both");
    const extraPercent = await create(fixed({ percent_off_bps: 1000 }));
    await expect422(extraPercent, "percent_off_bps", "not both");
  });

  it("names each missing or misplaced field of the discount", async () => {
    await expect422(await create({ code: code(), discount_type: "percentage" }), "percent_off_bps", "required for a percentage coupon");
    await expect422(await create({ code: code(), discount_type: "fixed_amount" }), "amount_off_cents", "required for a fixed_amount coupon");
    await expect422(await create(percent({ currency: "BRL" })), "currency", "only a fixed_amount coupon");
    await expect422(await create({ code: code(), percent_off_bps: 100 }), "discount_type", "required: one of percentage, fixed_amount");
    await expect422(await create(percent({ percent_off_bps: 10_001 })), "percent_off_bps");
    await expect422(await create(fixed({ amount_off_cents: 0 })), "amount_off_cents");
    await expect422(await create(fixed({ max_discount_cents: 0 })), "max_discount_cents");
    await expect422(await create(percent({ usage_limit: 0 })), "usage_limit");
    await expect422(await create(percent({ code: "a!" })), "code");
  });

  it("refuses a window that ends before it starts, unknown fields and read-only ones, writing nothing", async () => {
    const before = await count();
    await expect422(await create(percent({ valid_from: "2030-02-01T00:00:00Z", valid_until: "2030-01-01T00:00:00Z" })), "valid_until", "after valid_from");
    await expect422(await create(percent({ valid_from: "2030-02-01" })), "valid_from", "ISO 8601");
    await expect422(await create(percent({ times_used: 5 })), "times_used", "Unknown parameter");
    await expect422(await create(percent({ applies_to: { product_ids: [], colours: [] } })), "applies_to.colours");
    expect(await count()).toBe(before);
  });

  it("checks that applies_to and excludes name the organization's own products and plans", async () => {
    const other = await createTenant();
    const foreignProduct = await insertProduct(other.live.id);
    const foreign = await create(percent({ applies_to: { product_ids: [productA, foreignProduct] } }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toMatchObject({ code: "reference_not_found", param: "applies_to.product_ids[1]" });
    const madeUp = await create(percent({ excludes: { plan_ids: [randomUUID()] } }));
    expect(madeUp.body.error).toMatchObject({ code: "reference_not_found", param: "excludes.plan_ids[0]" });
    const sandboxPlan = await insertPlan(t.sandbox.id);
    const wrongMode = await create(percent({ applies_to: { plan_ids: [sandboxPlan] } }));
    expect(wrongMode.body.error).toMatchObject({ code: "reference_not_found", param: "applies_to.plan_ids[0]" });
    await expect422(await create(percent({ applies_to: { product_ids: ["nope"] } })), "applies_to.product_ids[0]");
    await expect422(await create(percent({ applies_to: { product_ids: [productA, productA] } })), "applies_to.product_ids[1]", "twice");
  });

  it("refuses an id both applied to and excluded", async () => {
    const res = await create(percent({ applies_to: { product_ids: [productA, productB] }, excludes: { product_ids: [productB] } }));
    await expect422(res, "excludes.product_ids[0]", "cannot be both");
  });

  it("keeps codes unique per organization case-insensitively (409 naming code), not across tenants", async () => {
    const first = `SUMMER${randomUUID().slice(0, 4)}`.toUpperCase();
    expect((await create(percent({ code: first }))).status).toBe(201);
    const again = await create(fixed({ code: first.toLowerCase() }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "resource_conflict", param: "code" });
    expect((await create(percent({ code: first }), t.testKey)).status).toBe(201);
    const other = await createTenant();
    expect((await create(percent({ code: first }), other.liveKey)).status).toBe(201);
  });

  it("lists newest first, filtering by exact code case-insensitively and by status", async () => {
    const mine = code();
    const { body: c } = await create(percent({ code: mine }));
    const byCode = await api.get(`/api/v1/coupons?code=${mine.toLowerCase()}`, { key: t.liveKey });
    expect(byCode.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    expect(byCode.body.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await api.get(`/api/v1/coupons?code=${mine.slice(0, -1)}`, { key: t.liveKey })).body.data).toEqual([]);
    const page = await api.get("/api/v1/coupons?limit=2", { key: t.liveKey });
    expect(page.body.data[0].id).toBe(c.id);
    expect(page.body.has_more).toBe(true);
    const next = await api.get(`/api/v1/coupons?limit=2&cursor=${page.body.next_cursor}`, { key: t.liveKey });
    expect(next.body.data.map((x: { id: string }) => x.id)).not.toContain(c.id);
    await expect422(await api.get("/api/v1/coupons?status=deleted", { key: t.liveKey }), "status");
    await expect422(await api.get("/api/v1/coupons?colour=blue", { key: t.liveKey }), "colour");
  });

  it("updates name, limits, window and scope; null clears a limit", async () => {
    const { body: c } = await create(percent({ usage_limit: 10, min_purchase_cents: 1000, applies_to: { product_ids: [productA] } }));
    const res = await patch(c.id, {
      name: "Renamed",
      usage_limit: null,
      min_purchase_cents: null,
      max_discount_cents: 900,
      valid_until: "2031-01-01T00:00:00Z",
      applies_to: { plan_ids: [planA] },
      excludes: { product_ids: [productA] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "Renamed",
      usage_limit: null,
      min_purchase_cents: null,
      max_discount_cents: 900,
      valid_until: "2031-01-01T00:00:00.000Z",
      applies_to: { product_ids: [], plan_ids: [planA] },
      excludes: { product_ids: [productA], plan_ids: [] },
      percent_off_bps: 1500,
      code: c.code,
    });
  });

  it("refuses to change the discount after creation, naming the field", async () => {
    const { body: c } = await create(fixed());
    for (const [field, value] of [["code", "NEWCODE"], ["discount_type", "percentage"], ["percent_off_bps", 100], ["amount_off_cents", 1], ["currency", "USD"]] as const) {
      await expect422(await patch(c.id, { [field]: value }), field, "create a new coupon");
    }
    expect((await api.get(`/api/v1/coupons/${c.id}`, { key: t.liveKey })).body).toEqual(c);
  });

  it("checks an update against what is stored: times_used, the window, the scope, references", async () => {
    const { body: c } = await create(
      percent({ usage_limit: 10, valid_from: "2030-01-01T00:00:00Z", valid_until: "2030-06-01T00:00:00Z", applies_to: { product_ids: [productA] } }),
    );
    await setTimesUsed(c.id, 4);
    await expect422(await patch(c.id, { usage_limit: 3 }), "usage_limit", "already been used 4 times");
    expect((await patch(c.id, { usage_limit: 4 })).body).toMatchObject({ usage_limit: 4, times_used: 4 });
    await expect422(await patch(c.id, { valid_until: "2029-12-31T00:00:00Z" }), "valid_until", "after valid_from");
    await expect422(await patch(c.id, { valid_from: "2030-07-01T00:00:00Z" }), "valid_from", "after valid_from");
    await expect422(await patch(c.id, { excludes: { product_ids: [productB, productA] } }), "excludes.product_ids[1]", "cannot be both");
    const foreign = await patch(c.id, { applies_to: { product_ids: [await insertProduct((await createTenant()).live.id)] } });
    expect(foreign.body.error).toMatchObject({ code: "reference_not_found", param: "applies_to.product_ids[0]" });
    await expect422(await patch(c.id, { times_used: 0 }), "times_used", "Unknown parameter");
  });

  it("deletes a coupon never used", async () => {
    const { body: c } = await create(percent());
    const res = await api.delete(`/api/v1/coupons/${c.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: c.id, object: "coupon", deleted: true });
    expect((await api.get(`/api/v1/coupons/${c.id}`, { key: t.liveKey })).status).toBe(404);
  });

  it("archives a used coupon instead: readable, listed as archived, read-only", async () => {
    const mine = code();
    const { body: c } = await create(percent({ code: mine }));
    await setTimesUsed(c.id, 1);
    const res = await api.delete(`/api/v1/coupons/${c.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, object: "coupon", status: "archived", times_used: 1 });
    expect((await api.get(`/api/v1/coupons?code=${mine}`, { key: t.liveKey })).body.data).toEqual([]);
    expect((await api.get(`/api/v1/coupons?code=${mine}&status=archived`, { key: t.liveKey })).body.data).toHaveLength(1);
    expect((await api.get(`/api/v1/coupons?code=${mine}&status=all`, { key: t.liveKey })).body.data).toHaveLength(1);
    const edit = await patch(c.id, { name: "x" });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("resource_archived");
    expect((await api.delete(`/api/v1/coupons/${c.id}`, { key: t.liveKey })).body.status).toBe("archived");
    // The archived coupon still holds its code.
    expect((await create(percent({ code: mine }))).status).toBe(409);
  });

  it("needs the coupons scopes", async () => {
    const readOnly = await createTenant({ scopes: ["coupons:read"] });
    expect((await api.get("/api/v1/coupons", { key: readOnly.liveKey })).status).toBe(200);
    const res = await create(percent(), readOnly.liveKey);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("insufficient_scope");
  });
});

describe("tenant isolation for coupons", () => {
  it("another tenant's keys get 404 on retrieve, update and delete, and its lists never show the coupon", async () => {
    const b = await createTenant();
    const mine = code();
    const { body: c } = await create(percent({ code: mine }));
    for (const key of [b.liveKey, b.testKey, t.testKey]) {
      const got = await api.get(`/api/v1/coupons/${c.id}`, { key });
      expect(got.status).toBe(404);
      expect(got.body.error.code).toBe("resource_missing");
      expect((await api.patch(`/api/v1/coupons/${c.id}`, { name: "hijacked" }, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/coupons/${c.id}`, { key })).status).toBe(404);
      for (const query of ["", `?code=${mine}`, "?status=all", "?limit=100"]) {
        const list = await api.get(`/api/v1/coupons${query}`, { key });
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(c.id);
      }
    }
    const still = await api.get(`/api/v1/coupons/${c.id}`, { key: t.liveKey });
    expect(still.body).toEqual(c);
  });

  it("a sandbox coupon is invisible to the live key, and says livemode false", async () => {
    const { body: s } = await create(percent(), t.testKey);
    expect(s.livemode).toBe(false);
    expect((await api.get(`/api/v1/coupons/${s.id}`, { key: t.liveKey })).status).toBe(404);
    expect((await api.get("/api/v1/coupons?status=all&limit=100", { key: t.liveKey })).body.data.map((x: { id: string }) => x.id)).not.toContain(s.id);
  });
});

describe("checkCouponRedeemable", () => {
  const base: Coupon = {
    id: randomUUID(),
    organizationId: randomUUID(),
    code: "X",
    name: null,
    discountType: "percentage",
    percentOffBps: 1000,
    amountOffCents: null,
    currency: null,
    usageLimit: null,
    usageLimitPerUser: null,
    minPurchaseCents: null,
    maxDiscountCents: null,
    validFrom: new Date("2030-01-01T00:00:00Z"),
    validUntil: new Date("2030-02-01T00:00:00Z"),
    appliesTo: { product_ids: [], plan_ids: [] },
    excludes: { product_ids: [], plan_ids: [] },
    timesUsed: 0,
    status: "active",
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const purchase = { at: new Date("2030-01-15T00:00:00Z"), subtotalCents: 10_000, productIds: ["p1", "p2"], planIds: ["plan1"] };
  const check = (c: Partial<Coupon>, p: Partial<typeof purchase> & { currency?: string; accountRedemptions?: number } = {}) =>
    checkCouponRedeemable({ ...base, ...c }, { ...purchase, ...p });

  it("accepts a coupon within its window, limits and scope", () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({}, { at: new Date("2030-01-01T00:00:00Z") })).toEqual({ ok: true });
  });

  it("rejects outside the window (valid_until exclusive), archived, or used up", () => {
    expect(check({}, { at: new Date("2029-12-31T23:59:59Z") })).toEqual({ ok: false, reason: "not_yet_valid" });
    expect(check({}, { at: new Date("2030-02-01T00:00:00Z") })).toEqual({ ok: false, reason: "expired" });
    expect(check({ status: "archived" })).toEqual({ ok: false, reason: "archived" });
    expect(check({ usageLimit: 3, timesUsed: 3 })).toEqual({ ok: false, reason: "usage_limit_reached" });
    expect(check({ usageLimit: 3, timesUsed: 2 })).toEqual({ ok: true });
    expect(check({ usageLimitPerUser: 1 }, { accountRedemptions: 1 })).toEqual({ ok: false, reason: "usage_limit_per_user_reached" });
  });

  it("rejects below the minimum purchase and in another currency", () => {
    expect(check({ minPurchaseCents: 10_001 })).toEqual({ ok: false, reason: "min_purchase_not_met" });
    expect(check({ minPurchaseCents: 10_000 })).toEqual({ ok: true });
    const fixedBrl = { discountType: "fixed_amount" as const, percentOffBps: null, amountOffCents: 500, currency: "BRL" };
    expect(check(fixedBrl, { currency: "USD" })).toEqual({ ok: false, reason: "currency_mismatch" });
    expect(check(fixedBrl, { currency: "BRL" })).toEqual({ ok: true });
  });

  it("applies only within applies_to and never to what excludes names", () => {
    expect(check({ appliesTo: { product_ids: ["p2"], plan_ids: [] } })).toEqual({ ok: true });
    expect(check({ appliesTo: { product_ids: [], plan_ids: ["plan1"] } })).toEqual({ ok: true });
    expect(check({ appliesTo: { product_ids: ["p9"], plan_ids: ["plan9"] } })).toEqual({ ok: false, reason: "not_applicable" });
    expect(check({ excludes: { product_ids: [], plan_ids: ["plan1"] } })).toEqual({ ok: false, reason: "not_applicable" });
    expect(check({ excludes: { product_ids: ["p1"], plan_ids: [] } })).toEqual({ ok: true });
    expect(check({ excludes: { product_ids: ["p1", "p2"], plan_ids: [] } })).toEqual({ ok: false, reason: "not_applicable" });
    expect(check({ appliesTo: { product_ids: ["p2"], plan_ids: [] }, excludes: { product_ids: ["p2"], plan_ids: [] } })).toEqual({ ok: false, reason: "not_applicable" });
  });
});

async function count(): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from coupons`);
  return rows[0]!.n;
}
