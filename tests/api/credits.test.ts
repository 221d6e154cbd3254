import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { billingAccounts, credits } from "@/db/schema";
import { creditListObject, creditObject } from "@/lib/api/resources/credits";
import { creditBalance, listApplicableCredits } from "@/lib/credits/balance";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const future = (days = 30) => new Date(Date.now() + days * 86_400_000).toISOString();
const newAccount = async (key = t.liveKey) => (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
const grant = (accountId: string, body: Record<string, unknown>, key = t.liveKey) => api.post(`/api/v1/billing_accounts/${accountId}/credits`, body, { key });
const promo = (o: Record<string, unknown> = {}) => ({ credit_type: "promotional", amount_cents: 5000, ...o });
const list = (accountId: string, query = "", key = t.liveKey) => api.get(`/api/v1/billing_accounts/${accountId}/credits${query}`, { key });
const voidIt = (id: string, key = t.liveKey) => api.post(`/api/v1/credits/${id}/void`, undefined, { key });
// Time passes in the database: move a credit's expiry or usage directly.
const expire = (id: string) => getDb().update(credits).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(credits.id, id));
const use = (id: string, remaining: number) => getDb().update(credits).set({ amountRemainingCents: remaining }).where(eq(credits.id, id));

function expect422(res: { status: number; body: any }, param: string, message?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.param).toBe(param);
  if (message) expect(res.body.error.message).toContain(message);
}

describe("credits", () => {
  it("grants a credit: everything remains, BRL by default, readable by id", async () => {
    const account = await newAccount();
    const expiresAt = future();
    const res = await grant(account, promo({ expires_at: expiresAt, description: "Boas-vindas" }));
    expect(res.status).toBe(201);
    expect(creditObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "credit",
      livemode: true,
      billing_account_id: account,
      credit_type: "promotional",
      amount_cents: 5000,
      amount_remaining_cents: 5000,
      currency: "BRL",
      expires_at: expiresAt,
      expired: false,
      description: "Boas-vindas",
      status: "active",
      voided_at: null,
    });
    const got = await api.get(`/api/v1/credits/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    expect(got.headers.get("last-modified")).toBeTruthy();
  });

  it("validates the grant, naming the field", async () => {
    const account = await newAccount();
    expect422(await grant(account, promo({ amount_cents: 0 })), "amount_cents");
    expect422(await grant(account, promo({ amount_cents: 10.5 })), "amount_cents");
    expect422(await grant(account, promo({ credit_type: "gift" })), "credit_type");
    expect422(await grant(account, promo({ currency: "reais" })), "currency");
    expect422(await grant(account, promo({ expires_at: "2020-01-01T00:00:00Z" })), "expires_at", "in the future");
    expect422(await grant(account, promo({ amount_remaining_cents: 1 })), "amount_remaining_cents", "Unknown parameter");
    expect((await list(account, "?status=all")).body.data).toEqual([]);
  });

  it("grants nothing to an archived account (409) or an unknown one (404)", async () => {
    const account = await newAccount();
    await getDb().update(billingAccounts).set({ status: "archived" }).where(eq(billingAccounts.id, account));
    const res = await grant(account, promo());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("resource_archived");
    const unknown = await grant(randomUUID(), promo());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("resource_missing");
  });

  it("lists the ledger newest first with the balance per currency: expired, voided and used-up amounts excluded", async () => {
    const account = await newAccount();
    const plain = (await grant(account, promo({ amount_cents: 10_000 }))).body;
    const expiring = (await grant(account, promo({ amount_cents: 5000, expires_at: future(10) }))).body;
    const later = (await grant(account, promo({ amount_cents: 700, expires_at: future(20) }))).body;
    const expired = (await grant(account, promo({ amount_cents: 3000, expires_at: future(1) }))).body;
    await expire(expired.id);
    const voided = (await grant(account, { credit_type: "manual", amount_cents: 2000 })).body;
    await voidIt(voided.id);
    const partly = (await grant(account, { credit_type: "refund", amount_cents: 4000 })).body;
    await use(partly.id, 1234);
    const usd = (await grant(account, { credit_type: "adjustment", amount_cents: 999, currency: "USD" })).body;

    const res = await list(account);
    expect(res.status).toBe(200);
    expect(creditListObject.parse(res.body)).toBeTruthy();
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([usd.id, partly.id, expired.id, later.id, expiring.id, plain.id]);
    expect(res.body.data.find((c: { id: string }) => c.id === expired.id).expired).toBe(true);
    expect(res.body.balances).toEqual([
      {
        currency: "BRL",
        available_cents: 10_000 + 5000 + 700 + 1234,
        expiring: [
          { credit_id: expiring.id, amount_remaining_cents: 5000, expires_at: expiring.expires_at },
          { credit_id: later.id, amount_remaining_cents: 700, expires_at: later.expires_at },
        ],
      },
      { currency: "USD", available_cents: 999, expiring: [] },
    ]);

    const voidedOnly = await list(account, "?status=voided");
    expect(voidedOnly.body.data.map((c: { id: string }) => c.id)).toEqual([voided.id]);
    expect(voidedOnly.body.balances).toEqual(res.body.balances);
    expect((await list(account, "?status=all")).body.data).toHaveLength(7);

    const inTwoWeeks = new Date(Date.now() + 15 * 86_400_000);
    expect(await creditBalance(getDb(), { organizationId: t.live.id, billingAccountId: account, at: inTwoWeeks })).toEqual([
      { currency: "BRL", available_cents: 10_000 + 700 + 1234 },
      { currency: "USD", available_cents: 999 },
    ]);
  });

  it("pages the ledger with a cursor, and shows an empty balance for an account without credits", async () => {
    const account = await newAccount();
    const empty = await list(account);
    expect(empty.body).toEqual({ object: "list", data: [], has_more: false, next_cursor: null, balances: [] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.unshift((await grant(account, promo({ amount_cents: 100 + i }))).body.id);
    const first = await list(account, "?limit=2");
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    expect(first.body.has_more).toBe(true);
    const second = await list(account, `?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(2));
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
    expect422(await list(account, "?status=gone"), "status");
  });

  it("voids what is left once; voiding again, or a used-up credit, is a 409", async () => {
    const account = await newAccount();
    const { body: c } = await grant(account, promo());
    await use(c.id, 1500);
    const res = await voidIt(c.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, status: "voided", amount_cents: 5000, amount_remaining_cents: 0 });
    expect(res.body.voided_at).not.toBeNull();
    const again = await voidIt(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "resource_conflict", message: "This credit is already voided" });
    const { body: spent } = await grant(account, promo());
    await use(spent.id, 0);
    expect((await voidIt(spent.id)).body.error.code).toBe("resource_conflict");
    expect((await voidIt(randomUUID())).status).toBe(404);
  });

  it("listApplicableCredits: the usable credits of one currency, soonest expiry first, then oldest, locked", async () => {
    const account = await newAccount();
    const never = (await grant(account, promo({ amount_cents: 100 }))).body;
    const late = (await grant(account, promo({ amount_cents: 200, expires_at: future(30) }))).body;
    const soon = (await grant(account, promo({ amount_cents: 300, expires_at: future(5) }))).body;
    const neverToo = (await grant(account, promo({ amount_cents: 400 }))).body;
    await grant(account, promo({ currency: "USD" }));
    await voidIt((await grant(account, promo())).body.id);
    await expire((await grant(account, promo({ expires_at: future(1) }))).body.id);
    const scope = { organizationId: t.live.id, billingAccountId: account, currency: "BRL", at: new Date() };

    const rows = await getDb().transaction(async (tx) => listApplicableCredits(tx, scope));
    expect(rows.map((r) => [r.id, r.remaining_cents])).toEqual([
      [soon.id, 300],
      [late.id, 200],
      [never.id, 100],
      [neverToo.id, 400],
    ]);
    expect(rows[0]!.expires_at).toEqual(new Date(soon.expires_at));
    expect(rows[2]!.created_at).toEqual(new Date(never.created_at));

    // Held by one transaction, the rows cannot be voided by another until it ends.
    const order: string[] = [];
    let voiding: Promise<unknown> = Promise.resolve();
    await getDb().transaction(async (tx) => {
      await listApplicableCredits(tx, scope);
      voiding = voidIt(soon.id).then((r) => order.push(`void ${r.status}`));
      await new Promise((r) => setTimeout(r, 150));
      order.push("finalizer done");
    });
    await voiding;
    expect(order).toEqual(["finalizer done", "void 200"]);
    expect(await listApplicableCredits(getDb(), { ...scope, organizationId: randomUUID() })).toEqual([]);
  });
});

describe("tenant isolation for credits", () => {
  let accountA: string;
  let creditA: { id: string };
  beforeAll(async () => {
    accountA = await newAccount();
    creditA = (await grant(accountA, promo())).body;
  });

  it("another tenant's keys get 404 on the credit, its void and the account's credits route", async () => {
    const b = await createTenant();
    for (const key of [b.liveKey, b.testKey, t.testKey]) {
      const got = await api.get(`/api/v1/credits/${creditA.id}`, { key });
      expect(got.status).toBe(404);
      expect(got.body.error.code).toBe("resource_missing");
      expect((await voidIt(creditA.id, key)).status).toBe(404);
      expect((await list(accountA, "", key)).status).toBe(404);
      expect((await grant(accountA, promo(), key)).status).toBe(404);
    }
    const mine = await api.get(`/api/v1/credits/${creditA.id}`, { key: t.liveKey });
    expect(mine.body).toMatchObject({ status: "active", amount_remaining_cents: 5000 });
    expect((await list(accountA, "?status=all")).body.data).toHaveLength(1);
  });

  it("another tenant's lists and balances never include the credit", async () => {
    const b = await createTenant();
    const accountB = await newAccount(b.liveKey);
    await grant(accountB, promo({ amount_cents: 77 }), b.liveKey);
    const res = await list(accountB, "?status=all&limit=100", b.liveKey);
    expect(res.body.data.map((c: { id: string }) => c.id)).not.toContain(creditA.id);
    expect(res.body.balances).toEqual([{ currency: "BRL", available_cents: 77, expiring: [] }]);
    // The service itself takes the tenant: B's organization with A's account finds nothing.
    expect(await creditBalance(getDb(), { organizationId: b.live.id, billingAccountId: accountA, at: new Date() })).toEqual([]);
  });

  it("sandbox credits stay in the sandbox", async () => {
    const sandboxAccount = await newAccount(t.testKey);
    const { body: s } = await grant(sandboxAccount, promo(), t.testKey);
    expect(s.livemode).toBe(false);
    expect((await api.get(`/api/v1/credits/${s.id}`, { key: t.liveKey })).status).toBe(404);
    expect((await list(sandboxAccount)).status).toBe(404);
    expect((await creditBalance(getDb(), { organizationId: t.live.id, billingAccountId: sandboxAccount, at: new Date() }))).toEqual([]);
  });
});
