import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { attemptBuckets, portalTokens } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { ATTEMPT_LIMITS, bucketKeyHash, retryAfterMinutes, takeAttempt } from "@/lib/portal-auth/attempt-limit";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { requestMagicLink } from "@/lib/portal-auth/magic-link";
import { requestPasswordReset } from "@/lib/portal-auth/password-reset";
import { signInWithPassword } from "@/lib/portal-auth/password-sign-in";
import { signInWithSsoJwt } from "@/lib/portal-auth/sso-jwt";
import { verifySecondFactor } from "@/lib/portal-auth/two-factor";
import { accessLog, outbox, portalFixture } from "./helpers";

// The signed-out forms' attempt limits: per client IP per portal (every form together), per
// address for the forms that send email, the same answers whether an account exists or not, one
// access-log row per trip, and clients the portal cannot tell apart (no trusted IP) sharing a bucket.
afterEach(() => resetClock());

type F = Awaited<ReturnType<typeof portalFixture>>;
const T0 = new Date("2031-02-01T09:00:00Z");
const from = (ip: string, trusted = true): RequestInfo => ({ ip, userAgent: "vitest", ipTrusted: trusted });
const askLink = (f: F, email: string, request: RequestInfo) =>
  requestMagicLink(f.db, { tenant: f.tenant, host: f.host, email, bindingValue: null, locale: "en", request });
const askReset = (f: F, email: string, request: RequestInfo) => requestPasswordReset(f.db, { tenant: f.tenant, host: f.host, email, locale: "en", request });
const outcome = (r: { ok: boolean; reason?: string }) => (r.ok ? "ok" : r.reason);

describe("per client IP", () => {
  it("counts checkout purchases apart: 10 from one IP, then one every 5 minutes, and that IP can still sign in", async () => {
    const f = await portalFixture({ password: "correct horse battery" });
    setClock(T0);
    const buyer = from("203.0.113.50");
    const purchase = () => takeAttempt(f.db, { organizationId: f.orgId, form: "checkout", request: buyer });
    const tries = [];
    for (let i = 0; i < ATTEMPT_LIMITS.checkoutIp.capacity; i++) tries.push(outcome(await purchase()));
    expect(tries).toEqual(Array(10).fill("ok"));
    expect(await purchase()).toEqual({ ok: false, reason: "rate_limited", limit: "ip", retryAfterSeconds: 300 });
    expect((await signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email: "ana@cliente.example", password: "correct horse battery", locale: "en", request: buyer })).ok).toBe(true);
    expect(outcome(await takeAttempt(f.db, { organizationId: f.orgId, form: "checkout", request: from("203.0.113.51") }))).toBe("ok");
    setClock(new Date(T0.getTime() + 300_000));
    expect(outcome(await purchase())).toBe("ok");
  });

  it("lets one IP try 20 addresses, then refuses every signed-out form from it for a minute; other IPs and portals are unaffected", async () => {
    const f = await portalFixture({ password: "correct horse battery" });
    const other = await portalFixture();
    setClock(T0);
    const spray = [];
    for (let i = 0; i < ATTEMPT_LIMITS.ip.capacity; i++) spray.push(outcome(await askLink(f, `victim-${i}@cliente.example`, from("198.51.100.7"))));
    expect(spray).toEqual(Array(20).fill("ok"));

    const attacker = from("198.51.100.7");
    expect(await askLink(f, "ana@cliente.example", attacker)).toEqual({ ok: false, reason: "rate_limited", limit: "ip", retryAfterSeconds: 60 });
    expect(await askReset(f, "ana@cliente.example", attacker)).toMatchObject({ ok: false, reason: "rate_limited" });
    // Even the right password is not checked: the answer is "try again later", not "wrong password".
    const password = await signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email: "ana@cliente.example", password: "correct horse battery", locale: "en", request: attacker });
    expect(password).toMatchObject({ ok: false, reason: "rate_limited", retryAfterSeconds: 60 });
    const code = { organizationId: f.orgId, portalUserId: f.user.id, sessionId: crypto.randomUUID(), code: "123456" };
    expect(await verifySecondFactor(f.db, { ...code, request: attacker })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await signInWithSsoJwt(f.db, { organizationId: f.orgId, host: f.host, token: "x.y.z", request: attacker })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await outbox(f.orgId)).toEqual([]); // nothing was sent to ana (nor to the unknown addresses)

    // Another client of the same portal, and the same client on another portal, go on as usual.
    const neighbour = from("198.51.100.8");
    expect(await verifySecondFactor(f.db, { ...code, request: neighbour })).toEqual({ ok: false, reason: "not_enrolled" });
    expect(await signInWithSsoJwt(f.db, { organizationId: f.orgId, host: f.host, token: "x.y.z", request: neighbour })).toEqual({ ok: false, reason: "disabled" });
    expect((await signInWithPassword(f.db, { tenant: f.tenant, host: f.host, email: "ana@cliente.example", password: "correct horse battery", locale: "en", request: neighbour })).ok).toBe(true);
    expect(await askLink(other, "ana@cliente.example", attacker)).toEqual({ ok: true });
    expect(await outbox(other.orgId, "magic_link")).toHaveLength(1);

    // A minute later, one more attempt; then refused again.
    setClock(new Date(T0.getTime() + 60_000));
    expect(await askLink(f, "late@cliente.example", attacker)).toEqual({ ok: true });
    expect(outcome(await askLink(f, "later@cliente.example", attacker))).toBe("rate_limited");
  });

  it("holds under a parallel burst: 30 requests at once from one IP, 20 answered", async () => {
    const f = await portalFixture();
    setClock(T0);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => askLink(f, `p${i}@cliente.example`, from("198.51.100.60"))));
    expect(burst.filter((r) => r.ok)).toHaveLength(ATTEMPT_LIMITS.ip.capacity);
  });

  it("writes one rate_limited row per run of refusals, with the IP and the form, not one per refused attempt", async () => {
    const f = await portalFixture();
    setClock(T0);
    const ip = from("203.0.113.50");
    for (let i = 0; i < ATTEMPT_LIMITS.ip.capacity + 5; i++) await askLink(f, `x${i}@cliente.example`, ip);
    setClock(new Date(T0.getTime() + 60_000));
    await askLink(f, "y@cliente.example", ip); // allowed: the run of refusals is over
    await askReset(f, "z@cliente.example", ip); // refused again: a second run
    const trips = (await accessLog(f.orgId)).filter((e) => e.event === "rate_limited");
    expect(trips.map((e) => [e.method, e.ip, e.detail])).toEqual([
      ["magic_link", "203.0.113.50", "ip 203.0.113.50: 20 attempts, then 1 every 60 s"],
      ["password_reset", "203.0.113.50", "ip 203.0.113.50: 20 attempts, then 1 every 60 s"],
    ]);
  });

  it("counts an IPv6 client by its /64, so rotating addresses inside it does not help", async () => {
    const f = await portalFixture();
    setClock(T0);
    for (let i = 1; i <= ATTEMPT_LIMITS.ip.capacity; i++) expect(outcome(await askLink(f, `v${i}@cliente.example`, from(`2001:db8:1:2::${i.toString(16)}`)))).toBe("ok");
    expect(outcome(await askLink(f, "w@cliente.example", from("2001:db8:1:2:ffff::1")))).toBe("rate_limited");
    expect(outcome(await askLink(f, "w@cliente.example", from("2001:db8:1:3::1")))).toBe("ok");
  });

  it("without a trusted client IP (no TRUST_PROXY), counts every client of the portal together: a forged X-Forwarded-For buys nothing", async () => {
    const f = await portalFixture();
    setClock(T0);
    const answers = new Set<string | undefined>();
    for (let i = 0; i < ATTEMPT_LIMITS.anyIp.capacity; i++) answers.add(outcome(await askLink(f, `u${i}@cliente.example`, from(`192.0.2.${i}`, false))));
    expect([...answers]).toEqual(["ok"]);
    expect(await askLink(f, "u-last@cliente.example", from("192.0.2.250", false))).toMatchObject({ ok: false, reason: "rate_limited", limit: "ip", retryAfterSeconds: 1 });
    expect((await accessLog(f.orgId)).filter((e) => e.event === "rate_limited").map((e) => e.detail)).toEqual(["ip unknown: 100 attempts, then 1 every 1 s"]);
  });
});

describe("per email address", () => {
  it("sends at most 5 sign-in or reset emails to one address, then one every 12 minutes, whatever the IPs asking", async () => {
    const f = await portalFixture();
    setClock(T0);
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const ask = i % 2 === 0 ? askLink : askReset;
      answers.push(await ask(f, i === 5 ? " ANA@cliente.example" : "ana@cliente.example", from(`198.51.100.${i + 1}`)));
    }
    expect(answers.map(outcome)).toEqual(["ok", "ok", "ok", "ok", "ok", "rate_limited"]);
    expect(answers[5]).toMatchObject({ limit: "email", retryAfterSeconds: 720 });
    expect((await outbox(f.orgId)).map((r) => r.template).sort()).toEqual(["magic_link", "magic_link", "magic_link", "password_reset", "password_reset"]);
    setClock(new Date(T0.getTime() + 12 * 60_000));
    expect(outcome(await askLink(f, "ana@cliente.example", from("198.51.100.99")))).toBe("ok");
    expect(outcome(await askLink(f, "ana@cliente.example", from("198.51.100.98")))).toBe("rate_limited");
  });

  it("answers an address without an account exactly as one with an account (no enumeration)", async () => {
    const f = await portalFixture();
    setClock(T0);
    const run = async (email: string, ipBase: number) => {
      const seen = [];
      for (let i = 0; i < 7; i++) seen.push(await (i % 3 === 0 ? askReset : askLink)(f, email, from(`198.51.100.${ipBase + i}`)));
      return seen;
    };
    expect(await run("nobody@cliente.example", 10)).toEqual(await run("ana@cliente.example", 30));
  });
});

describe("storage", () => {
  it("keeps one attempt_buckets row per bucket, keyed by an HMAC of the key (never the IP or the address), and no portal tokens", async () => {
    const f = await portalFixture();
    setClock(T0);
    await askLink(f, "Ana@Cliente.example", from("198.51.100.20"));
    await askLink(f, "ana@cliente.example", from("198.51.100.20"));
    const rows = await f.db.select().from(attemptBuckets).where(eq(attemptBuckets.organizationId, f.orgId));
    const byKey = new Map(rows.map((r) => [r.keyHash, r]));
    expect(rows).toHaveLength(2);
    expect(byKey.get(bucketKeyHash(f.orgId, "ip:198.51.100.20"))).toMatchObject({ tokens: 18, capacity: 20, refusals: 0, expiresAt: new Date(T0.getTime() + 20 * 60_000) });
    expect(byKey.get(bucketKeyHash(f.orgId, "email:ana@cliente.example"))).toMatchObject({ tokens: 3, capacity: 5, refusals: 0 });
    for (const row of rows) expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toMatch(/198\.51|cliente/i);
    // The sign-in links are the only portal tokens.
    const tokens = await f.db.select().from(portalTokens).where(eq(portalTokens.organizationId, f.orgId));
    expect(new Set(tokens.map((t) => t.purpose))).toEqual(new Set(["magic_link"]));
  });
});

describe("the message", () => {
  it("says how many minutes to wait, in both locales", () => {
    expect(retryAfterMinutes(60)).toBe(1);
    expect(retryAfterMinutes(61)).toBe(2);
    expect(pick(authMessages, "en").signIn.rateLimited(retryAfterMinutes(720))).toBe("Too many attempts. Try again in 12 minutes.");
    expect(pick(authMessages, "pt-BR").signIn.rateLimited(retryAfterMinutes(1))).toBe("Muitas tentativas. Tente de novo em 1 minuto.");
  });
});
