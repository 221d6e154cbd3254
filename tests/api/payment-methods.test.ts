import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { billingAccounts, events } from "@/db/schema";
import { flushRequestLogs } from "@/lib/api/request-log";
import { paymentMethodObject } from "@/lib/api/resources/payment-methods";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const expYear = new Date().getUTCFullYear() + 3;
const cardBody = (o: Record<string, unknown> = {}) => ({ number: "4242 4242 4242 4242", exp_month: 12, exp_year: expYear, cvc: "123", ...o });
const tokenize = (body: Record<string, unknown> = cardBody()) => api.post("/api/v1/gateway/sandbox/tokens", body);
const newToken = async (number = "4242424242424242") => (await tokenize(cardBody({ number }))).body.id as string;
const newAccount = async (key = t.liveKey) => (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
const attach = (accountId: string, body: Record<string, unknown>, key = t.liveKey) => api.post(`/api/v1/billing_accounts/${accountId}/payment_methods`, body, { key });
const attachCard = async (accountId: string, o: Record<string, unknown> = {}, key = t.liveKey) => attach(accountId, { type: "card", token: await newToken(), ...o }, key);
const list = (accountId: string, query = "", key = t.liveKey) => api.get(`/api/v1/billing_accounts/${accountId}/payment_methods${query}`, { key });
const get = (id: string, key = t.liveKey) => api.get(`/api/v1/payment_methods/${id}`, { key });
const patch = (id: string, body: unknown, key = t.liveKey) => api.patch(`/api/v1/payment_methods/${id}`, body, { key });
const remove = (id: string, key = t.liveKey) => api.delete(`/api/v1/payment_methods/${id}`, { key });
const roles = async (accountId: string, key = t.liveKey) =>
  Object.fromEntries((await list(accountId, "", key)).body.data.map((m: { id: string; role: string | null }) => [m.id, m.role]));

function expect422(res: { status: number; body: any }, param: string, message?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.param).toBe(param);
  if (message) expect(res.body.error.message).toContain(message);
}

describe("card tokenization (POST /gateway/sandbox/tokens)", () => {
  it("needs no API key and returns the token with brand, last4 and expiry", async () => {
    const res = await tokenize();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ object: "token", id: expect.stringMatching(/^tok_[0-9a-f]{40}$/), card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: expYear } });
    expect(res.headers.get("request-id")).toBeTruthy();
    expect((await tokenize(cardBody({ number: "5555555555554444" }))).body.card.brand).toBe("mastercard");
  });

  it("names the field at fault", async () => {
    expect422(await tokenize(cardBody({ number: "4242424242424241" })), "number", "not a valid card number");
    expect422(await tokenize(cardBody({ number: "424242424242" })), "number", "13 to 19 digits");
    expect422(await tokenize(cardBody({ number: 4242424242424242 })), "number");
    expect422(await tokenize(cardBody({ number: undefined })), "number", "required");
    expect422(await tokenize(cardBody({ exp_month: 13 })), "exp_month");
    expect422(await tokenize(cardBody({ exp_month: 1.5 })), "exp_month");
    expect422(await tokenize(cardBody({ exp_year: 2020 })), "exp_year", "expired");
    expect422(await tokenize(cardBody({ cvc: "12" })), "cvc");
    expect422(await tokenize(cardBody({ cvc: 123 })), "cvc");
    expect422(await tokenize(cardBody({ pin: "1234" })), "pin", "Unknown parameter");
    const bad = await api.post("/api/v1/gateway/sandbox/tokens", undefined, { rawBody: "{", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
  });

  it("the card number is in no table: not the request log, not the gateway's vault", async () => {
    const number = "4000056655665556";
    const ok = await tokenize(cardBody({ number }));
    const failed = await tokenize(cardBody({ number: "4000056655665557" }));
    expect(ok.status).toBe(201);
    expect(failed.status).toBe(422);
    expect(failed.text).not.toContain("4000056655665557");
    await flushRequestLogs();
    const requestIds = [ok.headers.get("request-id")!, failed.headers.get("request-id")!];
    const logged = await getDb().execute(sql`select r::text as row from request_logs r where request_id in (${sql.join(requestIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
    expect(logged).toHaveLength(2);
    for (const { row } of logged as unknown as Array<{ row: string }>) {
      expect(row).toContain("/api/v1/gateway/sandbox/tokens");
      expect(row).not.toMatch(/4000056655665556|4000056655665557/);
    }
    const anywhere = await getDb().execute(sql`
      select (select count(*) from request_logs r where r::text like '%40000566556655%')::int
           + (select count(*) from sandbox_gateway_tokens t where t::text like '%40000566556655%')::int as hits`);
    expect((anywhere as unknown as Array<{ hits: number }>)[0]!.hits).toBe(0);
  });
});

describe("attaching payment methods", () => {
  it("a card by its token: details from the gateway, the first method becomes the default, the token never shown", async () => {
    const account = await newAccount();
    const token = await newToken("5555555555554444");
    const res = await attach(account, { type: "card", token, role: "backup" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(paymentMethodObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "payment_method", livemode: true, billing_account_id: account, type: "card", gateway: "sandbox", role: "default",
      card: { brand: "mastercard", last4: "4444", exp_month: 12, exp_year: expYear }, status: "active", removed_at: null,
    });
    expect(res.text).not.toContain(token);
    const got = await get(res.body.id);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
    expect(got.headers.get("etag")).toBeTruthy();
    const [event] = await getDb().select().from(events).where(and(eq(events.organizationId, t.live.id), eq(events.type, "payment_method.attached"), sql`${events.data}->>'id' = ${res.body.id}`));
    expect(JSON.stringify(event!.data)).not.toContain(token);
  });

  it("boleto and PIX need no token; role default demotes the previous default, backup takes the free slot", async () => {
    const account = await newAccount();
    const first = (await attach(account, { type: "boleto" })).body;
    expect(first).toMatchObject({ type: "boleto", role: "default", card: null });
    const pix = (await attach(account, { type: "pix", role: "backup" })).body;
    expect(pix.role).toBe("backup");
    const plain = (await attach(account, { type: "boleto" })).body;
    expect(plain.role).toBeNull();
    const card = (await attachCard(account, { role: "default" })).body;
    expect(card.role).toBe("default");
    expect(await roles(account)).toEqual({ [first.id]: null, [pix.id]: "backup", [plain.id]: null, [card.id]: "default" });
    const updated = await getDb().select().from(events).where(and(eq(events.type, "payment_method.updated"), sql`${events.data}->>'id' = ${first.id}`));
    expect(updated.map((e) => (e.data as { role: unknown }).role)).toEqual([null]);
  });

  it("validates the body, naming the field", async () => {
    const account = await newAccount();
    expect422(await attach(account, {}), "type", "required");
    expect422(await attach(account, { type: "crypto" }), "type");
    expect422(await attach(account, { type: "card" }), "token", "required");
    expect422(await attach(account, { type: "boleto", token: "tok_x" }), "token", "only a card");
    expect422(await attach(account, { type: "card", token: "tok_" + "0".repeat(40) }), "token", "No such card token");
    expect422(await attach(account, { type: "card", token: "4242424242424242" }), "token");
    expect422(await attach(account, { type: "pix", role: "primary" }), "role");
    expect422(await attach(account, { type: "pix", card_token: "x" }), "card_token", "Unknown parameter");
    expect((await list(account, "?status=all")).body.data).toEqual([]);
  });

  it("an archived account takes no new methods (409), an unknown one is a 404", async () => {
    const account = await newAccount();
    await getDb().update(billingAccounts).set({ status: "archived", archivedAt: new Date() }).where(eq(billingAccounts.id, account));
    const res = await attach(account, { type: "pix" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("resource_archived");
    expect((await attach(randomUUID(), { type: "pix" })).status).toBe(404);
  });

  it("lists newest first with a cursor, filtered by type and status", async () => {
    const account = await newAccount();
    const ids: string[] = [];
    for (const type of ["boleto", "pix", "boleto"]) ids.unshift((await attach(account, { type })).body.id);
    const first = await list(account, "?limit=2");
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual(ids.slice(0, 2));
    expect(first.body.has_more).toBe(true);
    const second = await list(account, `?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    expect(second.body.data.map((m: { id: string }) => m.id)).toEqual(ids.slice(2));
    expect((await list(account, "?type=pix")).body.data.map((m: { id: string }) => m.id)).toEqual([ids[1]]);
    await remove(ids[0]!);
    expect((await list(account)).body.data).toHaveLength(2);
    expect((await list(account, "?status=removed")).body.data.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect((await list(account, "?status=all")).body.data).toHaveLength(3);
    expect422(await list(account, "?type=cash"), "type");
  });
});

describe("payment method roles (PATCH)", () => {
  it("default demotes the previous default; backup replaces the previous backup; null clears", async () => {
    const account = await newAccount();
    const a = (await attach(account, { type: "boleto" })).body;
    const b = (await attach(account, { type: "pix", role: "backup" })).body;
    const c = (await attachCard(account)).body;
    const res = await patch(b.id, { role: "default" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.role).toBe("default");
    expect(await roles(account)).toEqual({ [a.id]: null, [b.id]: "default", [c.id]: null });
    expect((await patch(c.id, { role: "backup" })).body.role).toBe("backup");
    expect((await patch(a.id, { role: "backup" })).body.role).toBe("backup");
    expect(await roles(account)).toEqual({ [a.id]: "backup", [b.id]: "default", [c.id]: null });
    expect((await patch(a.id, { role: null })).body.role).toBeNull();
    expect((await patch(a.id, { role: null })).status).toBe(200);
  });

  it("the default cannot become the backup or lose its role (409); a removed method cannot change; bad input is a 422", async () => {
    const account = await newAccount();
    const a = (await attach(account, { type: "boleto" })).body;
    const b = (await attach(account, { type: "pix" })).body;
    for (const role of ["backup", null]) {
      const res = await patch(a.id, { role });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "resource_conflict", param: "role" });
    }
    expect((await patch(a.id, { role: "default" })).body.role).toBe("default");
    expect422(await patch(b.id, { role: "primary" }), "role");
    expect422(await patch(b.id, {}), "role", "required");
    expect422(await patch(b.id, { role: "backup", type: "card" }), "type", "Unknown parameter");
    await remove(b.id);
    expect((await patch(b.id, { role: "backup" })).status).toBe(409);
    expect((await patch(randomUUID(), { role: "backup" })).status).toBe(404);
  });

  it("concurrent role changes keep one default and one backup", async () => {
    const account = await newAccount();
    const methods = [];
    for (let i = 0; i < 5; i++) methods.push((await attach(account, { type: "pix" })).body.id as string);
    const results = await Promise.all(methods.flatMap((id) => [patch(id, { role: "default" }), patch(id, { role: "backup" })]));
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const held = Object.values(await roles(account));
    expect(held.filter((r) => r === "default")).toHaveLength(1);
    expect(held.filter((r) => r === "backup").length).toBeLessThanOrEqual(1);
  });
});

describe("removing payment methods (DELETE)", () => {
  it("removing the default promotes the backup, else the newest other method", async () => {
    const account = await newAccount();
    const a = (await attachCard(account)).body;
    const b = (await attach(account, { type: "boleto" })).body;
    const c = (await attach(account, { type: "pix", role: "backup" })).body;
    const res = await remove(a.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.id, status: "removed", role: null, card: { last4: "4242" } });
    expect(res.body.removed_at).not.toBeNull();
    expect(await roles(account)).toEqual({ [b.id]: null, [c.id]: "default" });
    const d = (await attach(account, { type: "boleto" })).body;
    await remove(c.id);
    expect(await roles(account)).toEqual({ [b.id]: null, [d.id]: "default" });
    const again = await remove(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("resource_conflict");
    const detached = await getDb().select().from(events).where(and(eq(events.type, "payment_method.detached"), sql`${events.data}->>'id' = ${a.id}`));
    expect(detached).toHaveLength(1);
  });

  it("the last method of an account with a subscription to charge stays (409); without one it goes", async () => {
    const c = await tenantWithCatalog();
    const only = (await attach(c.account.id, { type: "boleto" }, c.key)).body;
    const sub = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id }, { key: c.key });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    expect(sub.body.status).toBe("trialing");
    const refused = await remove(only.id, c.key);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "resource_conflict", message: expect.stringContaining("last payment method") });
    const other = (await attach(c.account.id, { type: "pix" }, c.key)).body;
    expect((await remove(only.id, c.key)).status).toBe(200);
    expect((await get(other.id, c.key)).body.role).toBe("default");
    expect((await remove(other.id, c.key)).status).toBe(409);

    const lone = await newAccount(c.key);
    const m = (await attach(lone, { type: "pix" }, c.key)).body;
    expect((await remove(m.id, c.key)).status).toBe(200);
  });
});

describe("tenant isolation for payment methods", () => {
  let accountA: string;
  let methodA: { id: string };
  beforeAll(async () => {
    accountA = await newAccount();
    methodA = (await attachCard(accountA)).body;
  });

  it("another tenant's keys, and the same merchant's sandbox key, get 404 on get, patch, delete and the account's routes", async () => {
    const b = await createTenant();
    for (const key of [b.liveKey, b.testKey, t.testKey]) {
      const got = await get(methodA.id, key);
      expect(got.status).toBe(404);
      expect(got.body.error.code).toBe("resource_missing");
      expect((await patch(methodA.id, { role: "backup" }, key)).status).toBe(404);
      expect((await remove(methodA.id, key)).status).toBe(404);
      expect((await list(accountA, "", key)).status).toBe(404);
      expect((await attach(accountA, { type: "pix" }, key)).status).toBe(404);
    }
    const mine = await get(methodA.id);
    expect(mine.body).toMatchObject({ status: "active", role: "default" });
    expect((await list(accountA, "?status=all")).body.data).toHaveLength(1);
  });

  it("another tenant's lists never include the method; sandbox methods stay in the sandbox", async () => {
    const b = await createTenant();
    const accountB = await newAccount(b.liveKey);
    await attach(accountB, { type: "pix" }, b.liveKey);
    const res = await list(accountB, "?status=all&limit=100", b.liveKey);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data.map((m: { id: string }) => m.id)).not.toContain(methodA.id);
    const sandboxAccount = await newAccount(t.testKey);
    const s = (await attachCard(sandboxAccount, {}, t.testKey)).body;
    expect(s.livemode).toBe(false);
    expect((await get(s.id)).status).toBe(404);
    expect((await list(sandboxAccount)).status).toBe(404);
  });
});
