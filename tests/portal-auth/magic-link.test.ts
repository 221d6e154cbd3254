import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { portalSessions, portalTokens, portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { sha256 } from "@/lib/portal-auth/crypto";
import { consumeMagicLink, requestMagicLink } from "@/lib/portal-auth/magic-link";
import { createPortalUser } from "@/lib/portal-auth/portal-users";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { accessLog, linkToken, outbox, portalFixture, REQ } from "./helpers";

afterEach(() => resetClock());

const ask = (f: Awaited<ReturnType<typeof portalFixture>>, email: string, bindingValue: string | null = "binding-a") =>
  requestMagicLink(f.db, { tenant: f.tenant, host: f.host, email, bindingValue, locale: "pt-BR", request: REQ });
const open = (f: Awaited<ReturnType<typeof portalFixture>>, token: string, options: { host?: string; bindingValue?: string | null; organizationId?: string } = {}) =>
  consumeMagicLink(f.db, { organizationId: options.organizationId ?? f.orgId, host: options.host ?? f.host, token, bindingValue: options.bindingValue === undefined ? "binding-a" : options.bindingValue, request: REQ });

describe("magic link", () => {
  it("emails a 256-bit link for this host, stores only its hash, and signs in once", async () => {
    const f = await portalFixture();
    await ask(f, "  ANA@cliente.example ");
    const { url, token } = await linkToken(f.orgId, "magic_link");
    expect(url).toBe(`http://${f.host}:3000/auth/magic?token=${token}`);
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const [row] = await f.db.select().from(portalTokens).where(and(eq(portalTokens.organizationId, f.orgId), eq(portalTokens.purpose, "magic_link")));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.host).toBe(f.host);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(15 * 60_000);

    const first = await open(f, token);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect((await findPortalSession(f.db, { organizationId: f.orgId, token: first.token }))?.user.id).toBe(f.user.id);
    expect(await open(f, token)).toEqual({ ok: false, reason: "used" });
    const events = (await accessLog(f.orgId, f.user.id)).map((e) => [e.event, e.method, e.ip, e.userAgent]);
    expect(events).toEqual(expect.arrayContaining([["magic_link_sent", "magic_link", REQ.ip, REQ.userAgent], ["sign_in_succeeded", "magic_link", REQ.ip, REQ.userAgent]]));
    expect((await accessLog(f.orgId, f.user.id)).some((e) => e.event === "sign_in_failed" && e.detail === "link_used")).toBe(true);
  });

  it("expires after 15 minutes of business time", async () => {
    const f = await portalFixture();
    const t0 = new Date("2030-01-01T12:00:00Z");
    setClock(t0);
    await ask(f, "ana@cliente.example");
    const { token } = await linkToken(f.orgId, "magic_link");
    setClock(new Date(t0.getTime() + 15 * 60_000 + 1));
    expect(await open(f, token)).toEqual({ ok: false, reason: "expired" });
    setClock(new Date(t0.getTime() + 14 * 60_000));
    expect((await open(f, token)).ok).toBe(true);
  });

  it("is refused on another host and in another organization, and stays usable on its own", async () => {
    const f = await portalFixture();
    const other = await portalFixture();
    await ask(f, "ana@cliente.example");
    const { token } = await linkToken(f.orgId, "magic_link");
    expect(await open(f, token, { host: other.host })).toEqual({ ok: false, reason: "wrong_host" });
    expect(await open(f, token, { host: other.host, organizationId: other.orgId })).toEqual({ ok: false, reason: "invalid" });
    expect((await open(f, token)).ok).toBe(true);
  });

  it("is bound to the requesting browser: another binding is refused, none (another device) is accepted", async () => {
    const f = await portalFixture();
    await ask(f, "ana@cliente.example", "binding-a");
    const { token } = await linkToken(f.orgId, "magic_link");
    expect(await open(f, token, { bindingValue: "binding-b" })).toEqual({ ok: false, reason: "other_browser" });
    expect((await open(f, token, { bindingValue: null })).ok).toBe(true);
  });

  it("answers the same for unknown, removed and invited emails, and emails only the active user", async () => {
    const f = await portalFixture();
    const invited = await createPortalUser(f.db, { organizationId: f.orgId, billingAccountId: f.account.id }, { email: "inv@cliente.example", name: null, role: "viewer", send_invite: false, status: "invited" }, REQ);
    const results = await Promise.all([ask(f, "nobody@cliente.example"), ask(f, "inv@cliente.example"), ask(f, "not an email"), ask(f, "ana@cliente.example")]);
    expect(new Set(results.map((r) => JSON.stringify(r ?? null))).size).toBe(1);
    const sent = await outbox(f.orgId, "magic_link");
    expect(sent.map((r) => r.toAddress)).toEqual(["ana@cliente.example"]);
    const failed = (await accessLog(f.orgId)).filter((e) => e.event === "sign_in_failed" && e.detail === "magic_link_no_active_user");
    expect(failed.map((e) => e.email).sort()).toEqual(["inv@cliente.example", "nobody@cliente.example", "not an email"]);
    expect(invited.status).toBe("invited");
    // The same email in another organization gets nothing from this one.
    const other = await portalFixture();
    await ask(other, "ana@cliente.example");
    expect(await outbox(f.orgId, "magic_link")).toHaveLength(1);
  });

  it("refuses a link whose user was removed in the meantime, and sends no more than 5 per 15 minutes", async () => {
    const f = await portalFixture();
    for (let i = 0; i < 7; i++) await ask(f, "ana@cliente.example");
    expect(await outbox(f.orgId, "magic_link")).toHaveLength(5);
    const { token } = await linkToken(f.orgId, "magic_link");
    await f.db.update(portalUsers).set({ status: "removed" }).where(eq(portalUsers.id, f.user.id));
    expect(await open(f, token)).toEqual({ ok: false, reason: "inactive_user" });
    expect(await f.db.select().from(portalSessions).where(and(eq(portalSessions.organizationId, f.orgId)))).toHaveLength(0);
  });

  it("accepts an invite link once, activating the invited user", async () => {
    const f = await portalFixture();
    const invited = await createPortalUser(f.db, { organizationId: f.orgId, billingAccountId: f.account.id }, { email: "new@cliente.example", name: "New", role: "finance", send_invite: true }, REQ);
    expect(invited.status).toBe("invited");
    const { url, token } = await linkToken(f.orgId, "invite");
    expect(url).toContain(`http://${f.host}:3000/auth/magic?token=`);
    const [row] = await f.db.select().from(portalTokens).where(and(eq(portalTokens.organizationId, f.orgId), eq(portalTokens.purpose, "invite")));
    // created_at is the database's clock, expires_at the business clock: equal to the second.
    expect(Math.abs(row!.expiresAt.getTime() - row!.createdAt.getTime() - 7 * 86_400_000)).toBeLessThan(1000);
    const result = await open(f, token, { bindingValue: null });
    expect(result.ok).toBe(true);
    const [user] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, invited.id));
    expect(user!.status).toBe("active");
    expect(user!.emailVerifiedAt).not.toBeNull();
  });
});
