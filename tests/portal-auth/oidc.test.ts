import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalUsers } from "@/db/schema";
import { randomToken } from "@/lib/portal-auth/crypto";
import { portalOrigin } from "@/lib/portal-auth/links";
import { completeOidcSignIn, startOidcSignIn } from "@/lib/portal-auth/oidc";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { updatePortalSettings } from "@/lib/portal/settings";
import { updatePortalSso } from "@/lib/portal/sso-settings";
import { startTestIdp, type TestIdp } from "../helpers/oidc-idp";
import { accessLog, portalFixture, REQ } from "./helpers";

// SSO (b), end to end against a real OpenID Connect provider (the `oidc-provider` package, set up
// in tests/helpers/oidc-idp.ts) on a random port: discovery, the authorization request with
// state/nonce/PKCE, the IdP's login (completed programmatically, consent granted for this
// first-party client), the redirect back, the code exchange, ID token + userinfo, then the portal
// session. e2e/portal-sso.spec.ts runs the same flow in Chromium, over HTTPS, through the IdP's pages.
type F = Awaited<ReturnType<typeof portalFixture>>;

let f: F;
let idp: TestIdp;
let issuer: string;
let users: TestIdp["users"];

beforeAll(async () => {
  f = await portalFixture();
  idp = await startTestIdp({
    clientId: "ciclo-portal", clientSecret: "idp-client-secret", redirectUris: [`${portalOrigin({ slug: f.t.slug })}/sso/oidc/callback`], interactions: "programmatic",
  });
  ({ issuer, users } = idp);
  await updatePortalSso(f.db, f.orgId, { oidc: { issuer, client_id: "ciclo-portal", client_secret: "idp-client-secret" } });
  await updatePortalSettings(f.db, f.orgId, { auth_methods: { oidc: true } });
});
afterAll(() => idp.close());

/** Follows the IdP's redirects (keeping its cookies) until it sends the browser back to the portal. */
async function throughIdp(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`the IdP answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    url = new URL(location, url);
    if (url.pathname === "/sso/oidc/callback") return url;
  }
  throw new Error("too many redirects at the IdP");
}

async function signIn(sub: string, options: { startBinding?: string; callbackBinding?: string | null } = {}) {
  idp.loginAs(sub);
  const binding = options.startBinding ?? randomToken();
  const started = await startOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, origin: portalOrigin({ slug: f.t.slug }), bindingValue: binding, next: "/invoices", request: REQ });
  if (!started.ok) throw new Error(started.reason);
  const callbackUrl = await throughIdp(started.url);
  const bindingValue = options.callbackBinding === undefined ? binding : options.callbackBinding;
  const complete = () => completeOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, callbackUrl, bindingValue, request: REQ });
  return { result: await complete(), callbackUrl, again: complete, binding };
}

describe("OpenID Connect sign-in against a real provider", () => {
  it("sends state, nonce and PKCE, provisions a user from the IdP's billing account claim, and finds them again by sub", async () => {
    users.set("idp-carla", { email: "carla@cliente.example", email_verified: true, name: "Carla", billing_account_id: f.account.id });
    const start = await startOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, origin: portalOrigin({ slug: f.t.slug }), bindingValue: randomToken(), request: REQ });
    if (!start.ok) throw new Error(start.reason);
    const params = new URL(start.url).searchParams;
    expect(start.url.startsWith(`${issuer}/`)).toBe(true);
    expect(Object.fromEntries(["client_id", "response_type", "scope", "code_challenge_method"].map((k) => [k, params.get(k)]))).toEqual({
      client_id: "ciclo-portal", response_type: "code", scope: "openid email profile", code_challenge_method: "S256",
    });
    for (const k of ["state", "nonce", "code_challenge"]) expect(params.get(k)?.length).toBeGreaterThanOrEqual(43);

    const { result } = await signIn("idp-carla");
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ outcome: "provisioned", next: "/invoices" });
    const [user] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, result.portalUserId));
    expect(user).toMatchObject({ oidcSubject: "idp-carla", email: "carla@cliente.example", name: "Carla", role: "viewer", billingAccountId: f.account.id, status: "active" });
    expect((await findPortalSession(f.db, { organizationId: f.orgId, token: result.token }))?.session.method).toBe("oidc");
    const second = await signIn("idp-carla");
    expect(second.result).toMatchObject({ ok: true, outcome: "found", portalUserId: user!.id });
    expect((await accessLog(f.orgId, user!.id)).map((e) => [e.event, e.method])).toEqual([["user_provisioned", "oidc"], ["sso_succeeded", "oidc"], ["sso_succeeded", "oidc"]]);
  });

  it("links an existing portal user by verified email; refuses an unverified email and an unknown person without an account claim", async () => {
    users.set("idp-ana", { email: "ana@cliente.example", email_verified: true, name: "Ana" });
    expect((await signIn("idp-ana")).result).toMatchObject({ ok: true, outcome: "linked", portalUserId: f.user.id });
    const [ana] = await f.db.select().from(portalUsers).where(eq(portalUsers.id, f.user.id));
    expect(ana!.oidcSubject).toBe("idp-ana");
    users.set("idp-mallory", { email: "ana@cliente.example", email_verified: false });
    expect((await signIn("idp-mallory")).result).toEqual({ ok: false, reason: "email_not_verified" });
    users.set("idp-stranger", { email: "stranger@cliente.example", email_verified: true });
    expect((await signIn("idp-stranger")).result).toEqual({ ok: false, reason: "no_portal_user" });
    const failed = (await accessLog(f.orgId)).filter((e) => e.event === "sso_failed").map((e) => e.detail);
    expect(failed).toEqual(expect.arrayContaining(["email_not_verified", "no_portal_user"]));
  });

  it("uses the state once and only in the browser that started the sign-in", async () => {
    users.set("idp-bruno", { email: "bruno@cliente.example", email_verified: true, billing_account_id: f.account.id });
    // The callback URL carried to another browser (someone else's binding, or none) is refused.
    const other = await signIn("idp-bruno", { callbackBinding: randomToken() });
    expect(other.result).toEqual({ ok: false, reason: "other_browser" });
    const right = await completeOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, callbackUrl: other.callbackUrl, bindingValue: other.binding, request: REQ });
    expect(right).toMatchObject({ ok: true, outcome: "provisioned" });
    expect(await other.again()).toEqual({ ok: false, reason: "invalid_state" });
    const none = await signIn("idp-bruno", { callbackBinding: null });
    expect(none.result).toEqual({ ok: false, reason: "other_browser" });
    // Nor can another portal host.
    idp.loginAs("idp-bruno");
    const binding = randomToken();
    const started = await startOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, origin: portalOrigin({ slug: f.t.slug }), bindingValue: binding, request: REQ });
    if (!started.ok) throw new Error(started.reason);
    const callbackUrl = await throughIdp(started.url);
    expect(await completeOidcSignIn(f.db, { organizationId: f.orgId, host: "elsewhere.localhost", callbackUrl, bindingValue: binding, request: REQ })).toEqual({ ok: false, reason: "invalid_state" });
  });

  it("refuses while the method is off", async () => {
    await updatePortalSettings(f.db, f.orgId, { auth_methods: { oidc: false } });
    try {
      expect(await startOidcSignIn(f.db, { organizationId: f.orgId, host: f.host, origin: portalOrigin({ slug: f.t.slug }), bindingValue: randomToken(), request: REQ })).toEqual({ ok: false, reason: "disabled" });
    } finally {
      await updatePortalSettings(f.db, f.orgId, { auth_methods: { oidc: true } });
    }
  });
});
