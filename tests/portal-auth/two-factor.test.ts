import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { portalSessions, portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { gateState } from "@/lib/portal-auth/gate";
import { signInWithPassword } from "@/lib/portal-auth/password-sign-in";
import { createPortalSession, findPortalSession } from "@/lib/portal-auth/sessions";
import { beginTotpEnrollment, confirmTotpEnrollment, disableTotp, regenerateRecoveryCodes, twoFactorStatus, verifySecondFactor } from "@/lib/portal-auth/two-factor";
import { getPortalSettings } from "@/lib/portal/settings";
import { accessLog, portalFixture, REQ } from "./helpers";

// TOTP 2FA against codes computed by Debian's oathtool (`apt-get install oathtool`), not by the
// library under test: enrollment, ±1 step of drift, replay refused, single-use recovery codes,
// the attempt limit, turning it off, and the role that requires it enforced by the gate.
afterEach(() => resetClock());

type F = Awaited<ReturnType<typeof portalFixture>>;
const T0 = new Date("2030-03-01T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The code oathtool computes for `secret` at `when` (its --now accepts ISO 8601). */
function oathtool(secret: string, when: Date): string {
  return execFileSync("oathtool", ["--totp", "-b", "--now", when.toISOString(), secret], { encoding: "utf8" }).trim();
}

/** A clock that starts at `start` and moves with real time (so access-log rows keep their order). */
function tickingClock(start: Date) {
  const t0 = Date.now();
  setClock({ now: () => new Date(start.getTime() + (Date.now() - t0)) });
}

async function openSession(f: F) {
  const settings = await getPortalSettings(f.db, f.orgId);
  return createPortalSession(f.db, { organizationId: f.orgId, portalUserId: f.user.id, method: "password", settings, request: REQ });
}

/** Enrolls the fixture's user at T0 and returns the secret, recovery codes and the verified session's token. */
async function enroll(f: F) {
  tickingClock(T0);
  const { session } = await openSession(f);
  const started = await beginTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id });
  if (!started.ok) throw new Error(started.reason);
  const done = await confirmTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id, sessionId: session.id, code: oathtool(started.secret, T0), request: REQ });
  if (!done.ok) throw new Error(done.reason);
  return { secret: started.secret, recoveryCodes: done.recoveryCodes, token: done.token, sessionId: session.id };
}

const who = (f: F, sessionId: string, code: string) => ({ organizationId: f.orgId, portalUserId: f.user.id, sessionId, code, request: REQ });

describe("TOTP enrollment", () => {
  it("keeps the secret sealed and inactive until a code from the app confirms it, then issues 10 recovery codes", async () => {
    const f = await portalFixture();
    tickingClock(T0);
    const { token: oldToken, session } = await openSession(f);
    const started = await beginTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id });
    if (!started.ok) throw new Error(started.reason);
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.groupedKey).toBe(started.secret.match(/.{4}/g)!.join(" "));
    expect(started.uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]{32}/);
    expect(started.uri).toContain(encodeURIComponent("ana@cliente.example"));
    // Reloading the page shows the same secret; the row holds it sealed, 2FA still off.
    const again = await beginTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id });
    expect(again.ok && again.secret).toBe(started.secret);
    let [row] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(row!.totpSecretSealed).toMatch(/^v1\./);
    expect(row!.totpSecretSealed).not.toContain(started.secret);
    expect(row!.totpEnabledAt).toBeNull();
    expect(await twoFactorStatus(f.db, { organizationId: f.orgId, portalUserId: f.user.id })).toMatchObject({ enabled: false, pending: true, required: false });

    const wrong = await confirmTotpEnrollment(f.db, who(f, session.id, oathtool(started.secret, at(-120))));
    expect(wrong).toMatchObject({ ok: false, reason: "invalid" });
    const done = await confirmTotpEnrollment(f.db, who(f, session.id, oathtool(started.secret, T0)));
    if (!done.ok) throw new Error(done.reason);
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    for (const code of done.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    [row] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(row!.totpEnabledAt).not.toBeNull();
    expect(row!.recoveryCodeHashes).toHaveLength(10);
    expect(JSON.stringify(row!.recoveryCodeHashes)).not.toContain(done.recoveryCodes[0]!.replace("-", ""));
    // Step-up: the session got a new token and is verified; the old token is dead.
    expect(await findPortalSession(f.db, { organizationId: f.orgId, token: oldToken })).toBeNull();
    const found = await findPortalSession(f.db, { organizationId: f.orgId, token: done.token });
    expect(found?.session).toMatchObject({ id: session.id, secondFactorVerified: true });
    expect((await beginTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id })).ok).toBe(false);
    const log = await accessLog(f.orgId, f.user.id);
    expect(log.map((e) => [e.event, e.detail]).slice(-2)).toEqual([["two_factor_failed", "enroll:wrong_code"], ["two_factor_enrolled", null]]);
  });
});

describe("the second step of a sign-in", () => {
  it("accepts oathtool's code for the current step and one step either side, never two steps off", async () => {
    const f = await portalFixture();
    const { secret } = await enroll(f);
    const cases = [[-60, false], [60, false], [-30, true], [0, true], [30, true]] as const;
    for (const [i, [offset, expected]] of cases.entries()) {
      const serverTime = at(600 * (i + 1) + 15); // mid-step, each case well after the last accepted step
      tickingClock(serverTime);
      const { session } = await openSession(f);
      const result = await verifySecondFactor(f.db, who(f, session.id, oathtool(secret, new Date(serverTime.getTime() + offset * 1000))));
      expect(result.ok, `a code from ${offset}s away`).toBe(expected);
    }
  });

  it("accepts a code once: the same code again, or an older step, is a replay", async () => {
    const f = await portalFixture();
    const { secret } = await enroll(f);
    tickingClock(at(600));
    const first = await openSession(f);
    const code = oathtool(secret, at(600));
    const ok = await verifySecondFactor(f.db, who(f, first.session.id, code));
    expect(ok).toMatchObject({ ok: true, method: "totp" });
    if (!ok.ok) return;
    expect(await findPortalSession(f.db, { organizationId: f.orgId, token: first.token })).toBeNull();
    expect((await findPortalSession(f.db, { organizationId: f.orgId, token: ok.token }))?.session.secondFactorVerified).toBe(true);
    // Someone who saw the code tries it on another session within the same 30 s, or the previous step's code.
    const second = await openSession(f);
    expect(await verifySecondFactor(f.db, who(f, second.session.id, code))).toMatchObject({ ok: false, reason: "replayed" });
    expect(await verifySecondFactor(f.db, who(f, second.session.id, oathtool(secret, at(570))))).toMatchObject({ ok: false, reason: "replayed" });
    // The next step's code is fine.
    tickingClock(at(630));
    expect(await verifySecondFactor(f.db, who(f, second.session.id, oathtool(secret, at(630))))).toMatchObject({ ok: true });
    const details = (await accessLog(f.orgId, f.user.id)).filter((e) => e.event.startsWith("two_factor")).map((e) => [e.event, e.detail]);
    expect(details.slice(-4)).toEqual([["two_factor_succeeded", null], ["two_factor_failed", "replayed"], ["two_factor_failed", "replayed"], ["two_factor_succeeded", null]]);
  });

  it("accepts each recovery code once, in any format the user types it", async () => {
    const f = await portalFixture();
    const { recoveryCodes } = await enroll(f);
    const code = recoveryCodes[3]!;
    const a = await openSession(f);
    expect(await verifySecondFactor(f.db, who(f, a.session.id, ` ${code.toUpperCase().replace("-", " ")} `))).toMatchObject({ ok: true, method: "recovery_code", recoveryCodesLeft: 9 });
    const b = await openSession(f);
    expect(await verifySecondFactor(f.db, who(f, b.session.id, code))).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(f.db, who(f, b.session.id, recoveryCodes[4]!))).toMatchObject({ ok: true, recoveryCodesLeft: 8 });
    const log = await accessLog(f.orgId, f.user.id);
    expect(log.filter((e) => e.event === "two_factor_succeeded").map((e) => [e.method, e.detail])).toEqual([["recovery_code", "9 recovery codes left"], ["recovery_code", "8 recovery codes left"]]);
    expect(log.some((e) => e.event === "two_factor_failed" && e.detail === "wrong_recovery_code")).toBe(true);
  });

  it("limits wrong codes: at the threshold the session ends and codes are refused until the window passes", async () => {
    const f = await portalFixture({ settings: { lockout_threshold: 3, lockout_minutes: 10 } });
    const { secret } = await enroll(f);
    tickingClock(at(60));
    const { session, token } = await openSession(f);
    expect(await verifySecondFactor(f.db, who(f, session.id, "000000"))).toMatchObject({ ok: false, reason: "invalid", locked: false });
    expect(await verifySecondFactor(f.db, who(f, session.id, "aaaaa-bbbbb"))).toMatchObject({ ok: false, locked: false });
    expect(await verifySecondFactor(f.db, who(f, session.id, "111111"))).toMatchObject({ ok: false, locked: true });
    expect(await findPortalSession(f.db, { organizationId: f.orgId, token })).toBeNull();
    // Signing in again with the password does not reset the count: the right code is refused.
    const again = await signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email: f.user.email, password: "correct horse battery", locale: "en", request: REQ });
    if (!again.ok) throw new Error(again.reason);
    expect(await verifySecondFactor(f.db, who(f, again.session.id, oathtool(secret, at(62))))).toMatchObject({ ok: false, reason: "locked" });
    tickingClock(at(60 + 10 * 60 + 5));
    expect(await verifySecondFactor(f.db, who(f, again.session.id, oathtool(secret, at(60 + 10 * 60 + 5))))).toMatchObject({ ok: true });
    const log = await accessLog(f.orgId, f.user.id);
    expect(log.filter((e) => e.event === "locked").map((e) => e.method)).toEqual(["totp"]);
    expect(log.filter((e) => e.event === "two_factor_failed").map((e) => e.detail)).toEqual(["wrong_code", "wrong_recovery_code", "wrong_code", "locked"]);
  });
});

describe("2FA required by role", () => {
  it("sends a signed-in user of that role to the second factor until they enroll; then they may not turn it off", async () => {
    const f = await portalFixture({ role: "finance", settings: { totp_required_roles: ["finance"] } });
    tickingClock(T0);
    const { token, session } = await openSession(f);
    const settings = await getPortalSettings(f.db, f.orgId);
    const before = await findPortalSession(f.db, { organizationId: f.orgId, token });
    expect(gateState(before!.user, before!.session, settings)).toBe("two_factor");
    expect(await twoFactorStatus(f.db, { organizationId: f.orgId, portalUserId: f.user.id })).toMatchObject({ enabled: false, required: true });
    const started = await beginTotpEnrollment(f.db, { organizationId: f.orgId, portalUserId: f.user.id });
    if (!started.ok) throw new Error(started.reason);
    const done = await confirmTotpEnrollment(f.db, who(f, session.id, oathtool(started.secret, T0)));
    if (!done.ok) throw new Error(done.reason);
    const after = await findPortalSession(f.db, { organizationId: f.orgId, token: done.token });
    expect(gateState(after!.user, after!.session, settings)).toBe("ok");
    // A new sign-in needs the code again.
    const next = await openSession(f);
    const fresh = await findPortalSession(f.db, { organizationId: f.orgId, token: next.token });
    expect(gateState(fresh!.user, fresh!.session, settings)).toBe("two_factor");
    tickingClock(at(30));
    expect(await disableTotp(f.db, who(f, next.session.id, oathtool(started.secret, at(30))))).toEqual({ ok: false, reason: "required_by_role" });
  });
});

describe("turning 2FA off and new recovery codes", () => {
  it("needs a current code to turn it off, then clears the secret and the codes", async () => {
    const f = await portalFixture();
    const { secret, sessionId } = await enroll(f);
    tickingClock(at(90));
    expect(await disableTotp(f.db, who(f, sessionId, "123456"))).toMatchObject({ ok: false, reason: "invalid" });
    expect(await disableTotp(f.db, who(f, sessionId, oathtool(secret, at(90))))).toEqual({ ok: true });
    const [row] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(row).toMatchObject({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] });
    expect((await accessLog(f.orgId, f.user.id)).find((e) => e.event === "two_factor_disabled")).toMatchObject({ method: "totp", ip: REQ.ip });
    const [session] = await f.db.select().from(portalSessions).where(eq(portalSessions.id, sessionId));
    expect(session!.revokedAt).toBeNull();
  });

  it("replaces the recovery codes for a current TOTP code; the old ones stop working", async () => {
    const f = await portalFixture();
    const { secret, sessionId, recoveryCodes } = await enroll(f);
    tickingClock(at(120));
    expect(await regenerateRecoveryCodes(f.db, who(f, sessionId, recoveryCodes[0]!))).toMatchObject({ ok: false, reason: "invalid" });
    const fresh = await regenerateRecoveryCodes(f.db, who(f, sessionId, oathtool(secret, at(120))));
    if (!fresh.ok) throw new Error(fresh.reason);
    expect(fresh.recoveryCodes).toHaveLength(10);
    const s = await openSession(f);
    expect(await verifySecondFactor(f.db, who(f, s.session.id, recoveryCodes[1]!))).toMatchObject({ ok: false });
    expect(await verifySecondFactor(f.db, who(f, s.session.id, fresh.recoveryCodes[1]!))).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
  });
});
