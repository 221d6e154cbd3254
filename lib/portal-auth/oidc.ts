import * as client from "openid-client";
import type { DbOrTx } from "@/db";
import type { PortalSso } from "@/db/schema";
import { log } from "@/lib/log";
import { getPortalSettings } from "@/lib/portal/settings";
import { acceptableSsoEndpoint, openSsoSecret } from "@/lib/portal/sso-settings";
import { logAccess } from "./access-log";
import { takeAttempt, type RateLimited } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { sha256 } from "./crypto";
import { safeNextPath } from "./gate";
import { consumeToken, issueToken } from "./tokens";
import { openSsoSession, type ProvisionRefusal, type SsoSignIn } from "./sso-provision";
import type { OidcStateData } from "./sso-state";

// SSO (b): OpenID Connect with the merchant's IdP (openid-client). `/sso/oidc/start` sends the
// browser to the IdP with `state`, `nonce` and PKCE (S256), kept in an `oidc_state` token bound
// to that browser (the binding cookie); `/sso/oidc/callback` uses the state once, only in that
// browser, exchanges the code (client_secret_post), validates the ID token (issuer, audience,
// nonce, signature) and reads the userinfo. The user is found by `sub`, else by a verified email,
// else provisioned when the IdP sends a billing account claim (sso-provision.ts); else refused.
export const OIDC_SCOPE = "openid email profile";
export const CALLBACK_PATH = "/sso/oidc/callback";

export type OidcRefusal =
  | "disabled" | "not_configured" | "idp_unavailable" | "idp_error" | "invalid_state" | "expired" | "other_browser"
  | "token_exchange_failed" | "inactive_user" | ProvisionRefusal;

// Discovery documents, per issuer + client + secret, for 10 minutes (a failure is not kept).
const DISCOVERY_TTL_MS = 10 * 60_000;
const configs = new Map<string, { at: number; config: Promise<client.Configuration> }>();

function clientConfig(oidc: NonNullable<PortalSso["oidc"]>): Promise<client.Configuration> {
  const key = sha256(`${oidc.issuer}\n${oidc.client_id}\n${oidc.client_secret_sealed}`);
  const hit = configs.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const config = discoverOidcIssuer(oidc);
  configs.set(key, { at: Date.now(), config });
  config.catch(() => configs.delete(key));
  return config;
}

/** The issuer's discovery document, read now (uncached): sign-in through clientConfig, and the admin's "test SSO". */
export function discoverOidcIssuer(oidc: NonNullable<PortalSso["oidc"]>): Promise<client.Configuration> {
  if (!acceptableSsoEndpoint(oidc.issuer)) return Promise.reject(new Error("the issuer must be an https:// URL"));
  const insecure = new URL(oidc.issuer).protocol === "http:"; // loopback outside production only (acceptableSsoEndpoint)
  return client.discovery(new URL(oidc.issuer), oidc.client_id, openSsoSecret(oidc.client_secret_sealed), undefined, {
    timeout: 10,
    ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
  });
}

/** The authorization request to send the browser to, or why there is none. */
export async function startOidcSignIn(
  db: DbOrTx,
  input: { organizationId: string; host: string; origin: string; bindingValue: string; next?: string | null; request: RequestInfo },
): Promise<{ ok: true; url: string } | { ok: false; reason: OidcRefusal } | RateLimited> {
  const settings = await getPortalSettings(db, input.organizationId);
  if (!settings.authMethods.oidc) return { ok: false, reason: "disabled" };
  if (!settings.sso.oidc) return { ok: false, reason: "not_configured" };
  // Each start stores a state: limited per client IP like the other signed-out forms (attempt-limit.ts).
  const attempt = await takeAttempt(db, { organizationId: input.organizationId, form: "oidc", request: input.request });
  if (!attempt.ok) return attempt;
  let config: client.Configuration;
  try {
    config = await clientConfig(settings.sso.oidc);
  } catch (error) {
    log.warn("oidc discovery failed", { organizationId: input.organizationId, error: String(error) });
    await logAccess(db, { organizationId: input.organizationId, event: "sso_failed", method: "oidc", detail: "idp_unavailable", request: input.request });
    return { ok: false, reason: "idp_unavailable" };
  }
  const data: OidcStateData = { nonce: client.randomNonce(), code_verifier: client.randomPKCECodeVerifier(), next: safeNextPath(input.next) };
  const { token: state } = await issueToken(db, { organizationId: input.organizationId, portalUserId: null, purpose: "oidc_state", host: input.host, bindingValue: input.bindingValue, data });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${input.origin}${CALLBACK_PATH}`,
    scope: OIDC_SCOPE,
    state,
    nonce: data.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(data.code_verifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url: url.href };
}

export type OidcSignInResult =
  | (Extract<SsoSignIn, { ok: true }> & { next: string })
  | { ok: false; reason: OidcRefusal };

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * The IdP's redirect back. `callbackUrl` is the URL as the browser asked for it on the portal
 * host (scheme, host and port of the portal, the IdP's query), which must equal the redirect
 * URI sent at the start.
 */
export async function completeOidcSignIn(
  db: DbOrTx,
  input: { organizationId: string; host: string; callbackUrl: URL; bindingValue: string | null; request: RequestInfo; replacesToken?: string | null },
): Promise<OidcSignInResult> {
  const failed = async (reason: OidcRefusal, detail?: string, who: { portalUserId?: string | null; email?: string | null } = {}): Promise<OidcSignInResult> => {
    await logAccess(db, { organizationId: input.organizationId, event: "sso_failed", method: "oidc", detail: detail ?? reason, portalUserId: who.portalUserId ?? null, email: who.email ?? null, request: input.request });
    return { ok: false, reason };
  };
  const state = input.callbackUrl.searchParams.get("state");
  // Used once, here, and only in the browser that started it: a callback URL carrying someone
  // else's code cannot sign this browser in to their account.
  const used = await consumeToken(db, { organizationId: input.organizationId, purposes: ["oidc_state"], token: state, host: input.host, bindingValue: input.bindingValue });
  if (!used.ok) return failed(used.reason === "expired" ? "expired" : used.reason === "other_browser" ? "other_browser" : "invalid_state");
  if (!used.sameBrowser) return failed("other_browser");
  const data = used.row.data as OidcStateData;
  const idpError = str(input.callbackUrl.searchParams.get("error"));
  if (idpError) return failed("idp_error", `idp_error: ${idpError.slice(0, 100)}`);

  const settings = await getPortalSettings(db, input.organizationId);
  if (!settings.authMethods.oidc) return failed("disabled");
  if (!settings.sso.oidc) return failed("not_configured");
  let claims: Record<string, unknown>;
  try {
    const config = await clientConfig(settings.sso.oidc);
    const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
      pkceCodeVerifier: data.code_verifier, expectedNonce: data.nonce, expectedState: state!, idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    claims = { ...idToken };
    if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub).catch(() => null);
      if (info) claims = { ...claims, ...info, sub: idToken.sub };
    }
  } catch (error) {
    const code = error instanceof Error ? ((error as { code?: string }).code ?? error.name) : "error";
    log.warn("oidc code exchange failed", { organizationId: input.organizationId, error: String(error) });
    return failed("token_exchange_failed", `token_exchange_failed: ${code}`.slice(0, 200));
  }

  const email = str(claims.email);
  const result = await db.transaction((tx) =>
    openSsoSession(tx, {
      organizationId: input.organizationId,
      identity: {
        method: "oidc", subject: String(claims.sub), email, emailVerified: claims.email_verified === true, name: str(claims.name), role: str(claims.role),
        billingAccountId: str(claims.billing_account_id), billingAccountExternalId: str(claims.billing_account_external_id),
      },
      settings, request: input.request, replacesToken: input.replacesToken,
    }),
  );
  if (!result.ok) return failed(result.reason, undefined, { email, portalUserId: result.portalUserId });
  return { ...result, next: safeNextPath(data.next) };
}
