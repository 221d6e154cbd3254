import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalTokens, portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { sha256 } from "@/lib/portal-auth/crypto";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { checkPortalSso } from "@/lib/portal-auth/sso-check";
import { signInWithSsoJwt } from "@/lib/portal-auth/sso-jwt";
import { jtiKey } from "@/lib/portal-auth/sso-state";
import { updatePortalSettings } from "@/lib/portal/settings";
import { updatePortalSso, type UpdatePortalSsoInput } from "@/lib/portal/sso-settings";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { accessLog, portalFixture, REQ } from "./helpers";

// SSO (a): tokens signed by the merchant's platform, HS256 with the organization's secret or
// RS256 against a JWKS served by a local HTTP server; refusals; provisioning by external_id.
type F = Awaited<ReturnType<typeof portalFixture>>;
const SECRET = "merchant-shared-secret-0123456789-abcdef";

let jwks: Server;
let jwksUrl: string;
let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
let stranger: Awaited<ReturnType<typeof generateKeyPair>>;

beforeAll(async () => {
  rsa = await generateKeyPair("RS256");
  stranger = await generateKeyPair("RS256");
  const key: JWK = { ...(await exportJWK(rsa.publicKey)), kid: "merchant-1", alg: "RS256", use: "sig" };
  jwks = createServer((req, res) => {
    res.writeHead(req.url === "/.well-known/jwks.json" ? 200 : 404, { "content-type": "application/json" });
    res.end(req.url === "/.well-known/jwks.json" ? JSON.stringify({ keys: [key] }) : "{}");
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

async function configured(jwt: UpdatePortalSsoInput["jwt"] = { algorithm: "HS256", secret: SECRET }) {
  const f = await portalFixture();
  await updatePortalSso(f.db, f.orgId, { jwt });
  await updatePortalSettings(f.db, f.orgId, { auth_methods: { sso_jwt: true } });
  return f;
}

type Claims = Record<string, unknown>;
const seconds = () => Math.floor(Date.now() / 1000);
const claimsFor = (f: F, extra: Claims = {}): Claims => ({
  external_id: "crm-user-42", email: "bia@cliente.example", name: "Bia", billing_account_id: f.account.id, jti: crypto.randomUUID(), ...extra,
});

async function hs256(f: F, extra: Claims = {}, options: { secret?: string; aud?: string; iat?: number; exp?: number } = {}) {
  const iat = options.iat ?? seconds();
  return new SignJWT(claimsFor(f, extra))
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(options.aud ?? f.host)
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 120)
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

async function rs256(f: F, extra: Claims = {}, key = rsa.privateKey) {
  return new SignJWT(claimsFor(f, extra)).setProtectedHeader({ alg: "RS256", kid: "merchant-1" }).setAudience(f.host).setIssuedAt().setExpirationTime("2m").sign(key);
}

const signIn = (f: F, token: string, host = f.host) => signInWithSsoJwt(f.db, { organizationId: f.orgId, host, token, request: REQ });

describe("SSO with a signed token (HS256)", () => {
  it("provisions a new portal user by external_id into the named billing account, then finds the same user", async () => {
    const f = await configured();
    const first = await signIn(f, await hs256(f, { role: "finance" }));
    if (!first.ok) throw new Error(first.reason);
    expect(first.outcome).toBe("provisioned");
    const [user] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, first.portalUserId));
    expect(user).toMatchObject({ externalId: "crm-user-42", email: "bia@cliente.example", name: "Bia", role: "finance", status: "active", billingAccountId: f.account.id });
    expect(user!.emailVerifiedAt).not.toBeNull();
    const found = await findPortalSession(f.db, { organizationId: f.orgId, token: first.token });
    expect(found?.session).toMatchObject({ method: "sso_jwt", portalUserId: user!.id });

    const second = await signIn(f, await hs256(f, { name: "Bia Souza" }));
    expect(second).toMatchObject({ ok: true, outcome: "found", portalUserId: user!.id });
    const log = await accessLog(f.orgId, user!.id);
    expect(log.map((e) => [e.event, e.method])).toEqual([["user_provisioned", "sso_jwt"], ["sso_succeeded", "sso_jwt"], ["sso_succeeded", "sso_jwt"]]);
    expect(log[0]!.detail).toBe("role finance");
    const [renamed] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, user!.id));
    expect(renamed!.name).toBe("Bia Souza");
  });

  it("two first sign-ins of one identity at once make one user, and both are signed in", async () => {
    const f = await configured();
    const claims = { external_id: "crm-twin", email: "twin@cliente.example", name: "Twin" };
    const tokens = await Promise.all([hs256(f, claims), hs256(f, claims)]);
    const results = await Promise.all(tokens.map((token) => signIn(f, token)));
    expect(results.map((r) => (r.ok ? r.outcome : r.reason)).sort()).toEqual(["found", "provisioned"]);
    const users = await f.db.select().from(portalUsers).where(and(eq(portalUsers.organizationId, f.orgId), eq(portalUsers.externalId, "crm-twin")));
    expect(users).toHaveLength(1);
  });

  it("refuses an expired token, another audience, a wrong signature, a reused jti and a lifetime over 5 minutes", async () => {
    const f = await configured();
    const now = seconds();
    expect(await signIn(f, await hs256(f, {}, { iat: now - 600, exp: now - 300 }))).toEqual({ ok: false, reason: "expired" });
    expect(await signIn(f, await hs256(f, {}, { aud: "other.localhost" }))).toEqual({ ok: false, reason: "wrong_audience" });
    expect(await signIn(f, await hs256(f, {}, { secret: "someone-else-secret-0123456789-abcdefgh" }))).toEqual({ ok: false, reason: "bad_signature" });
    expect(await signIn(f, await hs256(f, {}, { exp: now + 3600 }))).toEqual({ ok: false, reason: "lifetime_too_long" });
    expect(await signIn(f, "not.a-jwt")).toEqual({ ok: false, reason: "invalid_token" });
    const noJti = await new SignJWT({ external_id: "x", email: "x@cliente.example" }).setProtectedHeader({ alg: "HS256" }).setAudience(f.host).setIssuedAt().setExpirationTime("1m").sign(new TextEncoder().encode(SECRET));
    expect(await signIn(f, noJti)).toMatchObject({ ok: false, reason: "invalid_claims" });
    const token = await hs256(f);
    expect((await signIn(f, token)).ok).toBe(true);
    expect(await signIn(f, token)).toEqual({ ok: false, reason: "replayed" });
    // Parallel replays: exactly one wins.
    const twice = await hs256(f);
    const results = await Promise.all([signIn(f, twice), signIn(f, twice), signIn(f, twice)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const failed = (await accessLog(f.orgId)).filter((e) => e.event === "sso_failed").map((e) => e.detail);
    expect(failed).toEqual(expect.arrayContaining(["expired", "wrong_audience", "bad_signature", "lifetime_too_long", "invalid_token", "invalid_claims", "replayed"]));
  });

  it("records each accepted jti as a used sso_jti token that expires with the token; a jti recorded as oidc_state by an older version is still a replay", async () => {
    const f = await configured();
    const iat = seconds();
    const jti = crypto.randomUUID();
    expect((await signIn(f, await hs256(f, { jti }, { iat, exp: iat + 120 }))).ok).toBe(true);
    const [row] = await f.db.select().from(portalTokens).where(and(eq(portalTokens.organizationId, f.orgId), eq(portalTokens.tokenHash, sha256(`${f.orgId}:${jtiKey(null, jti)}`))));
    expect(row).toMatchObject({ purpose: "sso_jti", portalUserId: null, host: f.host, expiresAt: new Date((iat + 120 + 30) * 1000) });
    expect(row!.usedAt).not.toBeNull();
    expect(await f.db.select().from(portalTokens).where(and(eq(portalTokens.organizationId, f.orgId), eq(portalTokens.purpose, "oidc_state")))).toEqual([]);

    const legacy = crypto.randomUUID();
    await f.db.insert(portalTokens).values({
      organizationId: f.orgId, portalUserId: null, purpose: "oidc_state", tokenHash: sha256(`${f.orgId}:${jtiKey(null, legacy)}`), host: f.host,
      data: { kind: "sso_jwt_jti" }, expiresAt: new Date((iat + 150) * 1000), usedAt: new Date(),
    });
    expect(await signIn(f, await hs256(f, { jti: legacy }))).toEqual({ ok: false, reason: "replayed" });
  });

  it("checks the issuer when one is configured, and refuses while the method is off", async () => {
    const f = await configured({ algorithm: "HS256", secret: SECRET, issuer: "https://crm.merchant.example" });
    expect(await signIn(f, await hs256(f))).toEqual({ ok: false, reason: "wrong_issuer" });
    expect((await signIn(f, await hs256(f, { iss: "https://crm.merchant.example" }))).ok).toBe(true);
    await updatePortalSettings(f.db, f.orgId, { auth_methods: { sso_jwt: false } });
    expect(await signIn(f, await hs256(f, { iss: "https://crm.merchant.example" }))).toEqual({ ok: false, reason: "disabled" });
  });

  it("links an existing user with the same email, finds accounts by external id, and refuses without an account", async () => {
    const f = await configured();
    const linked = await signIn(f, await hs256(f, { external_id: "crm-ana", email: "ANA@cliente.example", billing_account_id: undefined }));
    expect(linked).toMatchObject({ ok: true, outcome: "linked", portalUserId: f.user.id });
    const [ana] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(ana!.externalId).toBe("crm-ana");
    // The same email under another external_id is a conflict, not a takeover.
    expect(await signIn(f, await hs256(f, { external_id: "crm-other", email: "ana@cliente.example" }))).toEqual({ ok: false, reason: "identity_conflict" });
    expect(await signIn(f, await hs256(f, { external_id: "crm-new", email: "new@cliente.example", billing_account_id: undefined }))).toEqual({ ok: false, reason: "no_portal_user" });
    const other = (await api.post("/api/v1/billing_accounts", validAccount({ email: "b@cliente.example", external_id: "acct-77" }), { key: f.t.liveKey })).body as { id: string };
    const byExternal = await signIn(f, await hs256(f, { external_id: "crm-new", email: "new@cliente.example", billing_account_id: undefined, billing_account_external_id: "acct-77", role: "god" }));
    if (!byExternal.ok) throw new Error(byExternal.reason);
    const [created] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, byExternal.portalUserId));
    expect(created).toMatchObject({ billingAccountId: other.id, role: "viewer" });
    expect(await signIn(f, await hs256(f, { external_id: "crm-x", email: "x@cliente.example", billing_account_id: crypto.randomUUID() }))).toEqual({ ok: false, reason: "no_billing_account" });
  });

  it("does not let one tenant's token into another tenant's portal", async () => {
    const a = await configured();
    const b = await configured();
    // Same secret on purpose: the audience (the portal host) still keeps them apart.
    expect(await signIn(b, await hs256(a), b.host)).toEqual({ ok: false, reason: "wrong_audience" });
    expect(await signInWithSsoJwt(b.db, { organizationId: b.orgId, host: b.host, token: await hs256(a, {}, { aud: b.host }), request: REQ })).toEqual({ ok: false, reason: "no_billing_account" });
  });

  it("the admin's test passes on the business clock the sign-in checks tokens by", async () => {
    const f = await configured();
    setClock(new Date(Date.now() + 3 * 24 * 3_600_000));
    try {
      expect(await checkPortalSso(f.db, f.orgId, "jwt")).toMatchObject({ ok: true });
    } finally {
      resetClock();
    }
  });
});

describe("SSO with a signed token (RS256 and the merchant's JWKS)", () => {
  it("verifies against the keys served at jwks_url and refuses a key not in it", async () => {
    const f = await configured({ algorithm: "RS256", jwks_url: jwksUrl });
    const ok = await signIn(f, await rs256(f));
    expect(ok).toMatchObject({ ok: true, outcome: "provisioned" });
    expect(await signIn(f, await rs256(f, {}, stranger.privateKey))).toEqual({ ok: false, reason: "bad_signature" });
    const hs = await hs256(f); // an HS256 token where RS256 is configured (algorithm confusion)
    expect(await signIn(f, hs)).toEqual({ ok: false, reason: "bad_signature" });
    expect((await signIn(f, await rs256(f))).ok).toBe(true);
  });
});
