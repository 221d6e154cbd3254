import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

afterEach(() => resetClock());

describe("an organization's default currency", () => {
  it("is what a fixed-amount coupon, a discount code and a credit get when none is sent", async () => {
    const t = await createTenant();
    await getDb().execute(sql`update organizations set default_currency = 'USD' where id = ${t.live.id}`);
    const coupon = await api.post("/api/v1/coupons", { code: "TENOFF", discount_type: "fixed_amount", amount_off_cents: 1000 }, { key: t.liveKey });
    expect(coupon.body.currency).toBe("USD");
    const code = await api.post("/api/v1/discount_codes", { code: "FIVEOFF", amount_off_cents: 500, duration: "once" }, { key: t.liveKey });
    expect(code.body.currency).toBe("USD");
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey })).body;
    const credit = await api.post(`/api/v1/billing_accounts/${account.id}/credits`, { credit_type: "manual", amount_cents: 700 }, { key: t.liveKey });
    expect(credit.body.currency).toBe("USD");
    const list = (await api.get(`/api/v1/billing_accounts/${account.id}/credits`, { key: t.liveKey })).body;
    expect(list.balances).toEqual([expect.objectContaining({ currency: "USD", available_cents: 700 })]);
  });
});

describe("credit expiry", () => {
  it("follows the business clock", async () => {
    const t = await createTenant();
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey })).body;
    setClock(new Date("2026-11-01T00:00:00Z"));
    await api.post(`/api/v1/billing_accounts/${account.id}/credits`, { credit_type: "promotional", amount_cents: 1000, expires_at: "2026-12-01T00:00:00Z" }, { key: t.liveKey });
    expect((await api.get(`/api/v1/billing_accounts/${account.id}/credits`, { key: t.liveKey })).body.balances[0].available_cents).toBe(1000);
    setClock(new Date("2026-12-02T00:00:00Z"));
    const later = (await api.get(`/api/v1/billing_accounts/${account.id}/credits`, { key: t.liveKey })).body;
    expect(later.balances).toEqual([]);
    expect(later.data[0].expired).toBe(true);
  });
});
