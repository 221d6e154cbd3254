import { randomUUID } from "node:crypto";
import { importJWK, SignJWT, type JWK } from "jose";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations } from "@/db/schema";
import { now } from "@/lib/clock";
import { getPortalSettings } from "@/lib/portal/settings";
import { acceptableSsoEndpoint, openSsoSecret } from "@/lib/portal/sso-settings";
import { rootDomain } from "@/lib/tenancy/config";
import { portalHostname } from "@/lib/tenancy/portal-url";
import { discoverOidcIssuer } from "./oidc";
import { verifySsoJwt } from "./sso-jwt";

// The admin's "test SSO": checks the saved configuration against the real thing, without
// signing anyone in. OIDC: the issuer's discovery document, read now through the same code the
// sign-in uses. Signed tokens: RS256 fetches the JWKS and imports its keys; HS256 signs a sample
// token with the stored secret and verifies it with the sign-in's own verifier.
export type SsoMethod = "oidc" | "jwt";
export type SsoCheck = { ok: boolean; message: string; details: string[] };

const errorText = (error: unknown) => (error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error)).slice(0, 300);

async function checkOidc(oidc: Parameters<typeof discoverOidcIssuer>[0]): Promise<SsoCheck> {
  try {
    const metadata = (await discoverOidcIssuer(oidc)).serverMetadata();
    const missing = (["authorization_endpoint", "token_endpoint", "jwks_uri"] as const).filter((k) => !metadata[k]);
    if (missing.length > 0) return { ok: false, message: `The discovery document lacks ${missing.join(", ")}.`, details: [] };
    return {
      ok: true,
      message: `The issuer answered: its discovery document names issuer ${metadata.issuer}.`,
      details: [`Authorization: ${metadata.authorization_endpoint}`, `Token: ${metadata.token_endpoint}`, `Keys: ${metadata.jwks_uri}`],
    };
  } catch (error) {
    return { ok: false, message: `The issuer's discovery document could not be read (${errorText(error)}).`, details: [] };
  }
}

async function checkJwks(url: string): Promise<SsoCheck> {
  if (!acceptableSsoEndpoint(url)) return { ok: false, message: "The JWKS URL must be an https:// URL.", details: [] };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: "error", headers: { accept: "application/json" } });
    if (!res.ok) return { ok: false, message: `The JWKS URL answered HTTP ${res.status}.`, details: [] };
    const body = (await res.json()) as { keys?: unknown };
    const keys = Array.isArray(body.keys) ? (body.keys as JWK[]) : [];
    const usable: string[] = [];
    for (const key of keys) {
      if (key.kty !== "RSA" || (key.use && key.use !== "sig") || (key.alg && key.alg !== "RS256")) continue;
      try {
        await importJWK(key, "RS256");
        usable.push(key.kid ?? "(no kid)");
      } catch {}
    }
    if (usable.length === 0) return { ok: false, message: `The JWKS holds no RSA signing key usable with RS256 (${keys.length} key(s) found).`, details: [] };
    return { ok: true, message: `The JWKS answered with ${usable.length} RS256 key(s).`, details: usable.map((kid) => `Key id: ${kid}`) };
  } catch (error) {
    return { ok: false, message: `The JWKS could not be read (${errorText(error)}).`, details: [] };
  }
}

async function checkSharedSecret(config: { secret_sealed: string | null; issuer: string | null }, audience: string): Promise<SsoCheck> {
  if (!config.secret_sealed) return { ok: false, message: "No shared secret is stored.", details: [] };
  const seconds = Math.floor(now().getTime() / 1000); // the verifier's clock (the business clock)
  const jwt = new SignJWT({ external_id: "sso-test", email: "sso-test@example.com" })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(audience)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + 60)
    .setJti(randomUUID());
  if (config.issuer) jwt.setIssuer(config.issuer);
  const token = await jwt.sign(new TextEncoder().encode(openSsoSecret(config.secret_sealed)));
  const verified = await verifySsoJwt(token, { algorithm: "HS256", secret_sealed: config.secret_sealed, jwks_url: null, issuer: config.issuer }, audience);
  return verified.ok
    ? { ok: true, message: "A sample token signed with the stored secret passed the portal's verification.", details: [`Audience: ${audience}`, ...(config.issuer ? [`Issuer: ${config.issuer}`] : [])] }
    : { ok: false, message: `A sample token signed with the stored secret was refused (${verified.reason}).`, details: [] };
}

export async function checkPortalSso(db: DbOrTx, organizationId: string, method: SsoMethod): Promise<SsoCheck> {
  const { sso } = await getPortalSettings(db, organizationId);
  if (method === "oidc") return sso.oidc ? checkOidc(sso.oidc) : { ok: false, message: "OpenID Connect is not configured yet: save its settings first.", details: [] };
  if (!sso.jwt) return { ok: false, message: "Signed tokens are not configured yet: save their settings first.", details: [] };
  if (sso.jwt.algorithm === "RS256") return sso.jwt.jwks_url ? checkJwks(sso.jwt.jwks_url) : { ok: false, message: "No JWKS URL is stored.", details: [] };
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
  return checkSharedSecret(sso.jwt, portalHostname(org!.slug, rootDomain()));
}
