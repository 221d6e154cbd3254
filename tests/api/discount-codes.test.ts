import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { discountCodes, type DiscountCode } from "@/db/schema";
import { discountCodeObject } from "@/lib/api/resources/discount-codes";
import { checkDiscountCodeRedeemable } from "@/lib/promotions/discount-codes";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const code = () => `DC${randomUUID().slice(0, 8)}`.toUpperCase();
const future = (days = 30) => new Date(Date.now() + days * 86_400_000).toISOString();
const percent = (o: Record<string, unknown> = {}) => ({ code: code(), percent_off_bps: 1000, duration: "once", ...o });
const create = (body: Record<string, unknown>, key = t.liveKey) => api.post("/api/v1/discount_codes", body, { key });
const patch = (id: string, body: Record<string, unknown>) => api.patch(`/api/v1/discount_codes/${id}`, body, { key: t.liveKey });
const setTimesRedeemed = (id: string, timesRedeemed: number) => getDb().update(discountCodes).set({ timesRedeemed }).where(eq(discountCodes.id, id));

function expect422(res: { status: number; body: any }, param: string, message?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.param).toBe(param);
  if (message) expect(res.body.error.message).toContain(message);
}

describe("discount codes", () => {
  it("creates a percentage code, upper-casing it, and reads it back", async () => {
    const expiresAt = future();
    const res = await create({ code: "welcome10", percent_off_bps: 1000, duration: "repeating", duration_in_months: 3, max_redemptions: 50, expires_at: expiresAt });
    expect(res.status).toBe(201);
    expect(discountCodeObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "discount_code",
      livemode: true,
      code: "WELCOME10",
      percent_off_bps: 1000,
      amount_off_cents: null,
      currency: null,
      duration: "repeating",
      duration_in_months: 3,
      max_redemptions: 50,
      times_redeemed: 0,
      expires_at: expiresAt,
      status: "active",
    });
    const got = await api.get(`/api/v1/discount_codes/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it("creates an amount-off code in BRL by default, or in the currency given", async () => {
    const brl = await create({ code: code(), amount_off_cents: 1990, duration: "forever" });
    expect(brl.body).toMatchObject({ amount_off_cents: 1990, currency: "BRL", percent_off_bps: null, duration_in_months: null });
    const eur = await create({ code: code(), amount_off_cents: 500, currency: "eur", duration: "once" });
    expect(eur.body.currency).toBe("EUR");
  });

  it("takes exactly one of percent_off_bps and amount_off_cents, naming the extra or missing one", async () => {
    expect422(await create(percent({ amount_off_cents: 100 })), "amount_off_cents", "either percent_off_bps or amount_off_cents, not both");
    expect422(await create({ code: code(), duration: "once" }), "percent_off_bps", "needs percent_off_bps or amount_off_cents");
    expect422(await create(percent({ currency: "BRL" })), "currency", "only an amount_off_cents discount");
    expect422(await create(percent({ percent_off_bps: 0 })), "percent_off_bps");
  });

  it("requires duration_in_months for, and only for, a repeating duration", async () => {
    expect422(await create(percent({ duration: "repeating" })), "duration_in_months", "required when duration is repeating");
    expect422(await create(percent({ duration: "once", duration_in_months: 2 })), "duration_in_months", "only when duration is repeating");
    expect422(await create(percent({ duration: "forever", duration_in_months: 2 })), "duration_in_months");
    expect422(await create(percent({ duration: "weekly" })), "duration");
  });

  it("refuses an expiry in the past, unknown fields and read-only ones", async () => {
    expect422(await create(percent({ expires_at: "2020-01-01T00:00:00Z" })), "expires_at", "in the future");
    expect422(await create(percent({ times_redeemed: 1 })), "times_redeemed", "Unknown parameter");
    expect422(await create(percent({ max_redemptions: 0 })), "max_redemptions");
  });

  it("keeps codes unique per organization case-insensitively (409 naming code), not across tenants or modes", async () => {
    const c = `SUMMER${randomUUID().slice(0, 4)}`.toUpperCase();
    expect((await create(percent({ code: c }))).status).toBe(201);
    const again = await create(percent({ code: c.toLowerCase() }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "resource_conflict", param: "code" });
    expect((await create(percent({ code: c }), t.testKey)).status).toBe(201);
    expect((await create(percent({ code: c }), (await createTenant()).liveKey)).status).toBe(201);
  });

  it("lists newest first, filtering by exact code case-insensitively and by status", async () => {
    const mine = code();
    const { body: d } = await create(percent({ code: mine }));
    const byCode = await api.get(`/api/v1/discount_codes?code=${mine.toLowerCase()}`, { key: t.liveKey });
    expect(byCode.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    expect(byCode.body.data.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const first = await api.get("/api/v1/discount_codes?limit=1", { key: t.liveKey });
    expect(first.body.data[0].id).toBe(d.id);
    expect(first.body.has_more).toBe(true);
    expect422(await api.get("/api/v1/discount_codes?status=expired", { key: t.liveKey }), "status");
  });

  it("updates max_redemptions and expires_at (null clears), never below times_redeemed", async () => {
    const { body: d } = await create(percent({ max_redemptions: 10, expires_at: future() }));
    const later = future(60);
    expect((await patch(d.id, { max_redemptions: 20, expires_at: later })).body).toMatchObject({ max_redemptions: 20, expires_at: later });
    expect((await patch(d.id, { max_redemptions: null, expires_at: null })).body).toMatchObject({ max_redemptions: null, expires_at: null });
    await setTimesRedeemed(d.id, 5);
    expect422(await patch(d.id, { max_redemptions: 4 }), "max_redemptions", "already been redeemed 5 times");
    expect((await patch(d.id, { max_redemptions: 5 })).body).toMatchObject({ max_redemptions: 5, times_redeemed: 5 });
    expect422(await patch(d.id, { expires_at: "2020-01-01T00:00:00Z" }), "expires_at", "in the future");
  });

  it("refuses to change the discount after creation, naming the field", async () => {
    const { body: d } = await create(percent({ duration: "repeating", duration_in_months: 2 }));
    const fields = [["code", "OTHER"], ["percent_off_bps", 5], ["amount_off_cents", 100], ["currency", "USD"], ["duration", "forever"], ["duration_in_months", 6]] as const;
    for (const [field, value] of fields) expect422(await patch(d.id, { [field]: value }), field, "create a new discount code");
    expect((await api.get(`/api/v1/discount_codes/${d.id}`, { key: t.liveKey })).body).toEqual(d);
  });

  it("deletes a code never redeemed; archives a redeemed one, which then is read-only", async () => {
    const { body: fresh } = await create(percent());
    const gone = await api.delete(`/api/v1/discount_codes/${fresh.id}`, { key: t.liveKey });
    expect(gone.body).toEqual({ id: fresh.id, object: "discount_code", deleted: true });
    expect((await api.get(`/api/v1/discount_codes/${fresh.id}`, { key: t.liveKey })).status).toBe(404);

    const { body: used } = await create(percent());
    await setTimesRedeemed(used.id, 2);
    const archived = await api.delete(`/api/v1/discount_codes/${used.id}`, { key: t.liveKey });
    expect(archived.body).toMatchObject({ id: used.id, object: "discount_code", status: "archived", times_redeemed: 2 });
    expect((await api.get(`/api/v1/discount_codes?code=${used.code}`, { key: t.liveKey })).body.data).toEqual([]);
    expect((await api.get(`/api/v1/discount_codes?code=${used.code}&status=archived`, { key: t.liveKey })).body.data).toHaveLength(1);
    const edit = await patch(used.id, { max_redemptions: 10 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("resource_archived");
  });

  it("checkDiscountCodeRedeemable: status, expiry, redemptions, currency", () => {
    const row = { status: "active", expiresAt: new Date("2030-01-01T00:00:00Z"), maxRedemptions: 2, timesRedeemed: 1, amountOffCents: null, currency: null } as Pick<
      DiscountCode,
      "status" | "expiresAt" | "maxRedemptions" | "timesRedeemed" | "amountOffCents" | "currency"
    >;
    const at = new Date("2029-12-31T00:00:00Z");
    expect(checkDiscountCodeRedeemable(row, { at })).toEqual({ ok: true });
    expect(checkDiscountCodeRedeemable(row, { at: new Date("2030-01-01T00:00:00Z") })).toEqual({ ok: false, reason: "expired" });
    expect(checkDiscountCodeRedeemable({ ...row, timesRedeemed: 2 }, { at })).toEqual({ ok: false, reason: "max_redemptions_reached" });
    expect(checkDiscountCodeRedeemable({ ...row, status: "archived" }, { at })).toEqual({ ok: false, reason: "archived" });
    expect(checkDiscountCodeRedeemable({ ...row, amountOffCents: 500, currency: "BRL" }, { at, currency: "USD" })).toEqual({ ok: false, reason: "currency_mismatch" });
  });
});

describe("tenant isolation for discount codes", () => {
  it("another tenant's keys get 404 on retrieve, update and delete, and its lists never show the code", async () => {
    const b = await createTenant();
    const { body: d } = await create(percent());
    for (const key of [b.liveKey, b.testKey, t.testKey]) {
      const got = await api.get(`/api/v1/discount_codes/${d.id}`, { key });
      expect(got.status).toBe(404);
      expect(got.body.error.code).toBe("resource_missing");
      expect((await api.patch(`/api/v1/discount_codes/${d.id}`, { max_redemptions: 1 }, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/discount_codes/${d.id}`, { key })).status).toBe(404);
      for (const query of ["", `?code=${d.code}`, "?status=all", "?limit=100"]) {
        const list = await api.get(`/api/v1/discount_codes${query}`, { key });
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(d.id);
      }
    }
    expect((await api.get(`/api/v1/discount_codes/${d.id}`, { key: t.liveKey })).body).toEqual(d);
  });

  it("a sandbox code is invisible to the live key, and says livemode false", async () => {
    const { body: s } = await create(percent(), t.testKey);
    expect(s.livemode).toBe(false);
    expect((await api.get(`/api/v1/discount_codes/${s.id}`, { key: t.liveKey })).status).toBe(404);
    const live = await api.get("/api/v1/discount_codes?status=all&limit=100", { key: t.liveKey });
    expect(live.body.data.map((x: { id: string }) => x.id)).not.toContain(s.id);
  });
});

describe("discount codes in the database", () => {
  it("the codes of one organization stay unique even when written concurrently", async () => {
    const c = code();
    const results = await Promise.all([create(percent({ code: c })), create(percent({ code: c.toLowerCase() }))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from discount_codes where upper(code) = ${c}`);
    expect(rows[0]!.n).toBe(1);
  });
});
