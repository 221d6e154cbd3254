import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { portalSessions, portalTokens, portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { consumeDeepLink } from "@/lib/portal-auth/deep-link";
import { tenantPortalHost } from "@/lib/portal-auth/links";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { tenantWithCatalog } from "./subscriptions-factories";

// POST /api/v1/portal/sessions: deep links into the portal.
afterEach(() => resetClock());

let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let subscriptionId: string;
let invoiceId: string;
const REQ = { ip: "198.51.100.2", userAgent: "vitest" };
const RETURN = "https://app.merchant.example/billing?tab=1";

beforeAll(async () => {
  c = await tenantWithCatalog();
  await api.patch("/api/v1/portal_settings", { allowed_return_origins: ["https://app.merchant.example"] }, { key: c.key });
  const sub = await api.post("/api/v1/subscriptions", { billing_account_id: c.account.id, plan_id: c.plan.id }, { key: c.key });
  expect(sub.status, JSON.stringify(sub.body)).toBe(201);
  subscriptionId = sub.body.id;
  const inv = await api.post("/api/v1/invoices", { billing_account_id: c.account.id, lines: [{ description: "Setup", quantity: 1, unit_amount_cents: 1000 }] }, { key: c.key });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  invoiceId = inv.body.id;
});

const create = (body: Record<string, unknown>, key = c.key) => api.post("/api/v1/portal/sessions", { billing_account_id: c.account.id, return_url: RETURN, ...body }, { key });
const tokenOf = (url: string) => new URL(url).pathname.replace(/^\/s\//, "");
const consume = (token: string, options: { organizationId?: string; host?: string } = {}) =>
  consumeDeepLink(getDb(), { organizationId: options.organizationId ?? c.t.live.id, host: options.host ?? tenantPortalHost(c.t.slug), token, request: REQ });

describe("portal sessions (deep links)", () => {
  it("provisions the account's owner from its email, and returns a 5-minute link on the portal host", async () => {
    const t0 = new Date("2031-01-01T00:00:00Z");
    setClock(t0);
    const res = await create({});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ object: "portal_session", expires_at: "2031-01-01T00:05:00.000Z" });
    expect(res.body.url).toMatch(new RegExp(`^http://${c.t.slug}\\.localhost:3000/s/[A-Za-z0-9_-]{43}$`));
    const [owner] = await getDb().select().from(portalUsers).where(eq(portalUsers.billingAccountId, c.account.id));
    expect(owner).toMatchObject({ email: "financeiro@paoquente.com.br", role: "owner", status: "active", id: res.body.portal_user_id });
    // The second link signs in the same owner; nobody else is created.
    expect((await create({})).body.portal_user_id).toBe(owner!.id);
    setClock(new Date(t0.getTime() + 5 * 60_000 + 1));
    expect(await consume(tokenOf(res.body.url))).toEqual({ ok: false, reason: "expired" });
  });

  it("signs in once, lands on the flow's page and remembers return_url", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "/"],
      [{ flow: "payment_method_update" }, "/payment-methods"],
      [{ flow: "subscription_cancel", subscription_id: subscriptionId }, `/subscriptions/${subscriptionId}?action=cancel`],
      [{ flow: "subscription_update", subscription_id: subscriptionId }, `/subscriptions/${subscriptionId}?action=change`],
      [{ flow: "invoice_pay", invoice_id: invoiceId }, `/invoices/${invoiceId}?action=pay`],
    ];
    for (const [body, next] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const token = tokenOf(res.body.url);
      const used = await consume(token);
      expect(used).toMatchObject({ ok: true, next });
      if (!used.ok) continue;
      const found = await findPortalSession(getDb(), { organizationId: c.t.live.id, token: used.token });
      expect(found?.session).toMatchObject({ method: "deep_link", returnUrl: RETURN, ip: REQ.ip });
      expect(await consume(token)).toEqual({ ok: false, reason: "used" });
    }
    const [stored] = await getDb().select().from(portalTokens).where(and(eq(portalTokens.organizationId, c.t.live.id), eq(portalTokens.purpose, "deep_link")));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("422 on a return_url outside allowed_return_origins, and on flow targets of another account", async () => {
    const bad = async (body: Record<string, unknown>, param: string) => {
      const res = await create(body);
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error.param).toBe(param);
    };
    await bad({ return_url: "https://evil.example/x" }, "return_url");
    await bad({ return_url: "https://app.merchant.example.evil.example/" }, "return_url");
    await bad({ return_url: "http://app.merchant.example/" }, "return_url");
    await bad({ return_url: "javascript:alert(1)" }, "return_url");
    await bad({ flow: "subscription_cancel" }, "subscription_id");
    await bad({ flow: "invoice_pay", invoice_id: "00000000-0000-4000-8000-000000000000" }, "invoice_id");
    const other = (await api.post("/api/v1/billing_accounts", validAccount({ email: "outra@example.com", document: null, tax_address: null }), { key: c.key })).body;
    const foreign = await api.post("/api/v1/portal/sessions", { billing_account_id: other.id, return_url: RETURN, flow: "invoice_pay", invoice_id: invoiceId }, { key: c.key });
    expect(foreign.status, JSON.stringify(foreign.body)).toBe(422);
    expect(foreign.body.error.param).toBe("invoice_id");
    await bad({ portal_user_id: "00000000-0000-4000-8000-000000000000" }, "portal_user_id");
    await bad({ email: "nobody@example.com" }, "email");
  });

  it("is tenant-bound: another tenant's key gets 404 for the account; a token opened on another tenant's host is refused", async () => {
    const other = await createTenant();
    const foreign = await create({}, other.liveKey);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error).toMatchObject({ code: "resource_missing", param: "billing_account_id" });
    expect((await create({}, c.t.testKey)).status).toBe(404); // the sandbox is another tenant too
    const res = await create({});
    const token = tokenOf(res.body.url);
    expect(await consume(token, { organizationId: other.live.id, host: tenantPortalHost(other.slug) })).toEqual({ ok: false, reason: "invalid" });
    expect(await consume(token, { host: tenantPortalHost(other.slug) })).toEqual({ ok: false, reason: "wrong_host" });
    expect((await consume(token)).ok).toBe(true);
    const sessions = await getDb().select().from(portalSessions).where(eq(portalSessions.organizationId, other.live.id));
    expect(sessions).toHaveLength(0);
  });

  it("needs the portal:write scope", async () => {
    const readOnly = await createTenant({ scopes: ["portal:read"] });
    expect((await api.post("/api/v1/portal/sessions", { billing_account_id: c.account.id, return_url: RETURN }, { key: readOnly.liveKey })).status).toBe(403);
  });
});
