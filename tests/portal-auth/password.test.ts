import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { bcryptCost, checkPasswordPolicy, hashPassword, isCommonPassword, verifyPassword } from "@/lib/portal-auth/password";
import { checkResetToken, requestPasswordReset, resetPasswordWithToken, setPasswordForSession } from "@/lib/portal-auth/password-reset";
import { signInWithPassword } from "@/lib/portal-auth/password-sign-in";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { accessLog, linkToken, outbox, portalFixture, REQ } from "./helpers";

afterEach(() => resetClock());

type F = Awaited<ReturnType<typeof portalFixture>>;
const signIn = (f: F, password: string, email = "ana@cliente.example") =>
  signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email, password, locale: "en", request: REQ });
const policy = { min_length: 12, max_length: 128, block_common: true };

describe("password hashing", () => {
  it("uses bcrypt at cost 12 and counts every byte, multibyte UTF-8 included", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(bcryptCost(hash)).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    // 80 bytes in 40 characters: plain bcrypt would ignore everything after byte 72.
    const long = "é".repeat(40);
    const longHash = await hashPassword(long);
    expect(await verifyPassword(long, longHash)).toBe(true);
    expect(await verifyPassword("é".repeat(36) + "ab", longHash)).toBe(false);
    const ascii = "a".repeat(72);
    const asciiHash = await hashPassword(`${ascii}1`);
    expect(await verifyPassword(`${ascii}2`, asciiHash)).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
  });

  it("applies the policy: minimum (never below 8), maximum, common passwords case-insensitively", () => {
    expect(checkPasswordPolicy("short-pass1", policy)).toEqual({ code: "too_short", min: 12 });
    expect(checkPasswordPolicy("abcdefg", { ...policy, min_length: 4 })).toEqual({ code: "too_short", min: 8 });
    expect(checkPasswordPolicy("x".repeat(129), policy)).toEqual({ code: "too_long", max: 128 });
    expect(checkPasswordPolicy("ação".repeat(3), policy)).toBeNull(); // 12 characters, 16 bytes
    expect(isCommonPassword("PassWord1")).toBe(true);
    expect(checkPasswordPolicy("QWERTY123456", policy)).toEqual({ code: "common" });
    expect(checkPasswordPolicy("Password1", { ...policy, min_length: 8 })).toEqual({ code: "common" });
    expect(checkPasswordPolicy("QWERTY123456", { ...policy, block_common: false })).toBeNull();
    expect(checkPasswordPolicy("ana@cliente.example", policy, { email: "ANA@cliente.example" })).toEqual({ code: "same_as_email" });
  });
});

describe("password sign-in", () => {
  it("signs in with the right password and logs both outcomes with IP and user agent", async () => {
    const f = await portalFixture();
    expect(await signIn(f, "wrong password!")).toEqual({ ok: false, reason: "invalid" });
    const ok = await signIn(f, "correct horse battery", "ANA@cliente.example");
    expect(ok.ok).toBe(true);
    const log = await accessLog(f.orgId, f.user.id);
    expect(log.map((e) => [e.event, e.detail])).toEqual([["user_provisioned", null], ["sign_in_failed", "wrong_password"], ["sign_in_succeeded", null]]);
    expect(log.at(-1)).toMatchObject({ ip: REQ.ip, userAgent: REQ.userAgent, method: "password" });
  });

  it("blocks after lockout_threshold failures for lockout_minutes, emails the user, and unblocks with time", async () => {
    const f = await portalFixture({ settings: { lockout_threshold: 3, lockout_minutes: 10 } });
    const t0 = new Date("2030-03-01T10:00:00Z");
    setClock(t0);
    expect((await signIn(f, "bad-1")).ok).toBe(false);
    expect(await signIn(f, "bad-2")).toEqual({ ok: false, reason: "invalid" });
    const third = await signIn(f, "bad-3");
    expect(third).toMatchObject({ ok: false, reason: "locked" });
    // Blocked: even the right password is refused, and nothing more is counted or emailed.
    expect(await signIn(f, "correct horse battery")).toMatchObject({ ok: false, reason: "locked" });
    expect(await outbox(f.orgId, "lockout")).toHaveLength(1);
    expect((await accessLog(f.orgId, f.user.id)).filter((e) => e.event === "locked")).toHaveLength(1);
    setClock(new Date(t0.getTime() + 10 * 60_000 + 1));
    expect((await signIn(f, "correct horse battery")).ok).toBe(true);
    const [user] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(user).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it("counts parallel guesses before comparing, so a burst cannot exceed the threshold", async () => {
    const f = await portalFixture({ settings: { lockout_threshold: 5 } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(f, `guess-${i}`)));
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(4);
    expect(await signIn(f, "correct horse battery")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("gives unknown emails the same answers, locked after as many failures", async () => {
    const f = await portalFixture({ settings: { lockout_threshold: 3 } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await signIn(f, "whatever-pass", "ghost@cliente.example"));
    expect(answers.map((a) => (a.ok ? "ok" : a.reason))).toEqual(["invalid", "invalid", "locked"]);
    expect(await outbox(f.orgId)).toHaveLength(0);
  });

  it("unblocks with a successful reset by email (60-minute, single-use link) and revokes every session", async () => {
    const f = await portalFixture({ settings: { lockout_threshold: 2 } });
    const before = await signIn(f, "correct horse battery");
    await signIn(f, "bad-1");
    expect(await signIn(f, "bad-2")).toMatchObject({ reason: "locked" });
    await requestPasswordReset(f.db, { tenant: f.tenant, host: f.host, email: "ana@cliente.example", locale: "en", request: REQ });
    await requestPasswordReset(f.db, { tenant: f.tenant, host: f.host, email: "ghost@cliente.example", locale: "en", request: REQ });
    expect((await outbox(f.orgId, "password_reset")).map((r) => r.toAddress)).toEqual(["ana@cliente.example"]);
    const { url, token } = await linkToken(f.orgId, "password_reset");
    expect(url).toContain(`http://${f.host}:3000/reset-password?token=`);
    expect(await checkResetToken(f.db, { organizationId: f.orgId, host: f.host, token })).toEqual({ ok: true, email: "ana@cliente.example" });
    // A password the policy refuses leaves the link usable.
    const weak = await resetPasswordWithToken(f.db, { organizationId: f.orgId, host: f.host, token, password: "Qwerty123456", request: REQ });
    expect(weak).toEqual({ ok: false, reason: "policy", problem: { code: "common" } });
    const done = await resetPasswordWithToken(f.db, { organizationId: f.orgId, host: f.host, token, password: "a brand new secret", request: REQ });
    expect(done.ok).toBe(true);
    expect(await resetPasswordWithToken(f.db, { organizationId: f.orgId, host: f.host, token, password: "another new secret", request: REQ })).toEqual({ ok: false, reason: "used" });
    expect(before.ok && (await findPortalSession(f.db, { organizationId: f.orgId, token: before.token }))).toBeNull();
    expect((await signIn(f, "a brand new secret")).ok).toBe(true);
    expect((await accessLog(f.orgId, f.user.id)).map((e) => e.event)).toEqual(expect.arrayContaining(["password_reset_sent", "unlocked", "password_changed"]));
  });

  it("expires a reset link after 60 minutes", async () => {
    const f = await portalFixture();
    const t0 = new Date("2030-05-01T08:00:00Z");
    setClock(t0);
    await requestPasswordReset(f.db, { tenant: f.tenant, host: f.host, email: "ana@cliente.example", locale: "en", request: REQ });
    const { token } = await linkToken(f.orgId, "password_reset");
    setClock(new Date(t0.getTime() + 60 * 60_000 + 1));
    expect(await resetPasswordWithToken(f.db, { organizationId: f.orgId, host: f.host, token, password: "a brand new secret", request: REQ })).toEqual({ ok: false, reason: "expired" });
  });

  it("lets a signed-in user without a password set one; a change needs the current one and revokes the other sessions", async () => {
    const f = await portalFixture({ password: null });
    expect(await signIn(f, "anything at all")).toEqual({ ok: false, reason: "invalid" });
    const { createPortalSession } = await import("@/lib/portal-auth/sessions");
    const a = await createPortalSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, method: "magic_link", settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }, request: REQ });
    const b = await createPortalSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, method: "magic_link", settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }, request: REQ });
    const first = await setPasswordForSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: a.session.id, password: "my first password", request: REQ });
    expect(first.ok).toBe(true);
    // The session was rotated (old token dead, new one alive) and the other session revoked.
    expect(await findPortalSession(f.db, { organizationId: f.orgId, token: a.token })).toBeNull();
    expect(first.ok && (await findPortalSession(f.db, { organizationId: f.orgId, token: first.token }))).not.toBeNull();
    expect(await findPortalSession(f.db, { organizationId: f.orgId, token: b.token })).toBeNull();
    const newToken = first.ok ? first.token : "";
    const session = (await findPortalSession(f.db, { organizationId: f.orgId, token: newToken }))!.session;
    expect(await setPasswordForSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: session.id, password: "my second password", currentPassword: "wrong", request: REQ })).toEqual({ ok: false, reason: "wrong_current_password" });
    expect((await setPasswordForSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: session.id, password: "my second password", currentPassword: "my first password", request: REQ })).ok).toBe(true);
    expect((await signIn(f, "my second password")).ok).toBe(true);
  });
});
