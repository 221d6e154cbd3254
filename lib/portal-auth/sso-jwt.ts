import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import type { PortalSso } from "@/db/schema";
import { now } from "@/lib/clock";
import { getPortalSettings } from "@/lib/portal/settings";
import { acceptableSsoEndpoint, openSsoSecret } from "@/lib/portal/sso-settings";
import { logAccess } from "./access-log";
import { takeAttempt, type RateLimited } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { openSsoSession, type ProvisionRefusal, type SsoSignIn } from "./sso-provision";
import { spendJti } from "./sso-state";

// SSO (a): the merchant's platform signs a short-lived JWT for its signed-in customer and sends
// the browser to `GET /sso/jwt?token=…` on the portal host. Checked here: the signature (HS256
// with the organization's secret, or RS256 against the merchant's JWKS), `aud` = the portal
// host, `iss` when configured, `exp` present and at most 5 minutes ahead, `iat` not in the
// future nor older than 5 minutes, `jti` present and never seen before (replay). Then the
// portal user is found, linked or provisioned (sso-provision.ts) and a session opened.
export const MAX_TOKEN_LIFETIME_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;

const claimsSchema = z.object({
  jti: z.string().min(1).max(255),
  exp: z.number(),
  external_id: z.string().trim().min(1).max(255),
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  role: z.string().max(20).optional(),
  billing_account_id: z.string().max(64).optional(),
  billing_account_external_id: z.string().max(255).optional(),
});

export type SsoJwtRefusal =
  | "disabled" | "not_configured" | "invalid_token" | "bad_signature" | "expired" | "wrong_audience" | "wrong_issuer"
  | "lifetime_too_long" | "invalid_claims" | "replayed" | "inactive_user" | ProvisionRefusal;

export type SsoSignInResult = Extract<SsoSignIn, { ok: true }> | { ok: false; reason: SsoJwtRefusal } | RateLimited;

// One resolver per JWKS URL: jose caches the keys (10 min) and refetches on an unknown `kid`.
const remoteSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function remoteJwks(url: string) {
  let set = remoteSets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    remoteSets.set(url, set);
  }
  return set;
}

function refusalOf(error: unknown): SsoJwtRefusal {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "wrong_audience";
    if (error.claim === "iss") return "wrong_issuer";
    if (error.claim === "iat" || error.claim === "nbf") return "expired";
    return "invalid_claims";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed) return "bad_signature";
  return "invalid_token";
}

/** Verifies the token against the organization's configuration; the payload, or why not. */
export async function verifySsoJwt(token: string, config: NonNullable<PortalSso["jwt"]>, audience: string): Promise<{ ok: true; payload: JWTPayload } | { ok: false; reason: SsoJwtRefusal }> {
  if (token.length > 8_000 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return { ok: false, reason: "invalid_token" };
  const options = {
    algorithms: [config.algorithm],
    audience,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    currentDate: now(),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
    requiredClaims: ["exp", "iat", "jti"],
  };
  try {
    if (config.algorithm === "HS256") {
      const key = new TextEncoder().encode(openSsoSecret(config.secret_sealed!));
      return { ok: true, payload: (await jwtVerify(token, key, options)).payload };
    }
    if (!config.jwks_url || !acceptableSsoEndpoint(config.jwks_url)) return { ok: false, reason: "not_configured" };
    return { ok: true, payload: (await jwtVerify(token, remoteJwks(config.jwks_url), options)).payload };
  } catch (error) {
    return { ok: false, reason: refusalOf(error) };
  }
}

export async function signInWithSsoJwt(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; request: RequestInfo; replacesToken?: string | null },
): Promise<SsoSignInResult> {
  // Per client IP first, before any signature work or key fetch (attempt-limit.ts).
  const attempt = await takeAttempt(db, { organizationId: input.organizationId, form: "sso_jwt", request: input.request });
  if (!attempt.ok) return attempt;
  const settings = await getPortalSettings(db, input.organizationId);
  const failed = async (reason: SsoJwtRefusal, who: { portalUserId?: string | null; email?: string | null } = {}): Promise<SsoSignInResult> => {
    await logAccess(db, { organizationId: input.organizationId, event: "sso_failed", method: "sso_jwt", detail: reason, portalUserId: who.portalUserId ?? null, email: who.email ?? null, request: input.request });
    return { ok: false, reason };
  };
  if (!settings.authMethods.sso_jwt) return failed("disabled");
  const config = settings.sso.jwt;
  if (!config) return failed("not_configured");
  const verified = await verifySsoJwt(input.token ?? "", config, input.host.toLowerCase());
  if (!verified.ok) return failed(verified.reason);
  const claims = claimsSchema.safeParse(verified.payload);
  if (!claims.success) return failed("invalid_claims");
  const c = claims.data;
  if (c.exp - now().getTime() / 1000 > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return failed("lifetime_too_long", { email: c.email });

  const result = await db.transaction(async (tx) => {
    const fresh = await spendJti(tx, { organizationId: input.organizationId, host: input.host, issuer: config.issuer, jti: c.jti, expiresAt: new Date((c.exp + CLOCK_TOLERANCE_SECONDS) * 1000) });
    if (!fresh) return { ok: false as const, reason: "replayed" as const };
    return openSsoSession(tx, {
      organizationId: input.organizationId,
      identity: {
        method: "sso_jwt", subject: c.external_id, email: c.email, emailVerified: true, name: c.name ?? null, role: c.role ?? null,
        billingAccountId: c.billing_account_id ?? null, billingAccountExternalId: c.billing_account_external_id ?? null,
      },
      settings, request: input.request, replacesToken: input.replacesToken,
    });
  });
  if (!result.ok) return failed(result.reason, { email: c.email, portalUserId: "portalUserId" in result ? result.portalUserId : null });
  return result;
}
