import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { portalSessions } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { cookieAttributes, cookieNames, isSecureContext, SESSION_COOKIE } from "@/lib/portal-auth/cookies";
import { sha256 } from "@/lib/portal-auth/crypto";
import { gateState, safeNextPath } from "@/lib/portal-auth/gate";
import { forcePasswordReset, setPasswordForSession } from "@/lib/portal-auth/password-reset";
import { signInWithPassword } from "@/lib/portal-auth/password-sign-in";
import { createPortalSession, findPortalSession, rotatePortalSession, touchPortalSession } from "@/lib/portal-auth/sessions";
import { signOut, signOutEverywhere } from "@/lib/portal-auth/sign-out";
import { accessLog, portalFixture, REQ } from "./helpers";

afterEach(() => resetClock());

type F = Awaited<ReturnType<typeof portalFixture>>;
const timeouts = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 };
const open = (f: F, extra: { replacesToken?: string | null } = {}) =>
  createPortalSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, method: "magic_link", settings: timeouts, request: REQ, ...extra });
const find = (f: F, token: string | null) => findPortalSession(f.db, { organizationId: f.orgId, token });
const minutes = (n: number) => n * 60_000;

describe("portal sessions", () => {
  it("stores only the token's hash, and never answers for another organization", async () => {
    const f = await portalFixture();
    const other = await portalFixture();
    const { token, session } = await open(f);
    const [row] = await f.db.select().from(portalSessions).where(eq(portalSessions.id, session.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(Buffer.from(token, "base64url").length).toBe(32);
    expect(row).toMatchObject({ ip: REQ.ip, userAgent: REQ.userAgent });
    expect((await find(f, token))?.user).not.toHaveProperty("passwordHash");
    expect(await findPortalSession(f.db, { organizationId: other.orgId, token })).toBeNull();
  });

  it("ends after the idle timeout unless used, bumped at most once a minute, and never past the absolute lifetime", async () => {
    const f = await portalFixture();
    const t0 = new Date("2030-02-01T09:00:00Z");
    setClock(t0);
    const { token } = await open(f);
    setClock(new Date(t0.getTime() + minutes(0.5)));
    let found = (await find(f, token))!;
    expect(await touchPortalSession(f.db, found.session, timeouts)).toBe(found.session); // throttled: no write
    // Used every 25 minutes it lives on, until 12 hours.
    for (let m = 25; m < 12 * 60; m += 25) {
      setClock(new Date(t0.getTime() + minutes(m)));
      found = (await find(f, token))!;
      expect(found, `alive at ${m} min`).not.toBeNull();
      await touchPortalSession(f.db, found.session, timeouts);
    }
    setClock(new Date(t0.getTime() + minutes(12 * 60) + 1));
    expect(await find(f, token)).toBeNull();

    const idle = await open(f);
    const t1 = new Date(t0.getTime() + minutes(12 * 60 + 1));
    setClock(t1);
    const fresh = await open(f);
    setClock(new Date(t1.getTime() + minutes(30) + 1));
    expect(await find(f, fresh.token)).toBeNull();
    expect(await find(f, idle.token)).toBeNull();
  });

  it("rotates: a sign-in revokes the browser's previous session, a step-up changes the token", async () => {
    const f = await portalFixture();
    const first = await open(f);
    const second = await open(f, { replacesToken: first.token });
    expect(await find(f, first.token)).toBeNull();
    expect(await find(f, second.token)).not.toBeNull();
    const rotated = await rotatePortalSession(f.db, { organizationId: f.orgId, sessionId: second.session.id, secondFactorVerified: true });
    expect(await find(f, second.token)).toBeNull();
    expect((await find(f, rotated!.token))?.session).toMatchObject({ id: second.session.id, secondFactorVerified: true });
  });

  it("signs out this browser, or everywhere, and logs it", async () => {
    const f = await portalFixture();
    const a = await open(f);
    const b = await open(f);
    const c = await open(f);
    await signOut(f.db, { organizationId: f.orgId, token: a.token, request: REQ });
    expect(await find(f, a.token)).toBeNull();
    expect(await find(f, b.token)).not.toBeNull();
    expect(await signOutEverywhere(f.db, { organizationId: f.orgId, token: b.token, request: REQ })).toBe(2);
    expect(await find(f, c.token)).toBeNull();
    expect((await accessLog(f.orgId, f.user.id)).map((e) => e.event)).toEqual(expect.arrayContaining(["signed_out", "signed_out_everywhere"]));
  });

  it("force reset: sessions revoked; the right password then leads to the reset, not the portal", async () => {
    const f = await portalFixture();
    const before = await open(f);
    await forcePasswordReset(f.db, { organizationId: f.orgId, portalUserId: f.user.id, request: REQ });
    expect(await find(f, before.token)).toBeNull();
    const signIn = await signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email: f.user.email, password: "correct horse battery", locale: "en", request: REQ });
    expect(signIn).toMatchObject({ ok: true, mustResetPassword: true });
    const found = (await find(f, signIn.ok ? signIn.token : null))!;
    expect(gateState(found.user, found.session, { totpRequiredRoles: [] })).toBe("password_reset");
    expect(await setPasswordForSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: found.session.id, password: "correct horse battery", request: REQ })).toEqual({ ok: false, reason: "same_as_current" });
    const changed = await setPasswordForSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: found.session.id, password: "a fresh passphrase", request: REQ });
    const after = (await find(f, changed.ok ? changed.token : null))!;
    expect(gateState(after.user, after.session, { totpRequiredRoles: [] })).toBe("ok");
  });

  it("asks for a second factor when the user enrolled TOTP or the role requires it, before a forced reset", () => {
    const user = { totpEnabledAt: null, role: "finance" as const, mustResetPassword: true };
    expect(gateState(user, { secondFactorVerified: false }, { totpRequiredRoles: ["owner"] })).toBe("password_reset");
    expect(gateState(user, { secondFactorVerified: false }, { totpRequiredRoles: ["finance"] })).toBe("two_factor");
    expect(gateState({ ...user, totpEnabledAt: new Date(), mustResetPassword: false }, { secondFactorVerified: false }, { totpRequiredRoles: [] })).toBe("two_factor");
    expect(gateState({ ...user, totpEnabledAt: new Date(), mustResetPassword: false }, { secondFactorVerified: true }, { totpRequiredRoles: [] })).toBe("ok");
  });

  it("uses __Host- Secure cookies on localhost and HTTPS, a plain name only for plain-HTTP dev hosts; next= stays on the site", () => {
    expect(isSecureContext("acme.localhost", "http")).toBe(true);
    expect(isSecureContext("acme.ciclo.example", "https")).toBe(true);
    expect(isSecureContext("acme.lvh.me", "http")).toBe(false);
    expect(cookieNames(true).session).toBe(SESSION_COOKIE);
    expect(SESSION_COOKIE.startsWith("__Host-")).toBe(true);
    expect(cookieAttributes(true)).toEqual({ httpOnly: true, secure: true, sameSite: "lax", path: "/" });
    expect(cookieNames(false).session.startsWith("__Host-")).toBe(false);
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", "evil", "/ok\u0000"]) expect(safeNextPath(bad)).toBe("/");
    expect(safeNextPath("/invoices?x=1")).toBe("/invoices?x=1");
  });
});
