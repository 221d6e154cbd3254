import { and, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { portalSettings, portalUsers, type PortalSettings, type PortalSso } from "@/db/schema";
import { invalid } from "@/lib/api/errors";
import { text } from "@/lib/api/fields";
import { open, seal } from "@/lib/crypto/secret-box";
import { defaultPortalSettings, invalidatePortalSettings } from "./settings";

// The portal's SSO configuration, kept apart from the other settings because it holds secrets:
// (a) signed tokens from the merchant's platform (HS256 with a shared secret, or RS256 checked
// against the merchant's JWKS URL) and (b) OpenID Connect with the merchant's IdP. Secrets are
// sealed with lib/crypto/secret-box and never shown again (`secret_set: true` instead).
const SEAL_PURPOSE = "portal-sso";

export const sealSsoSecret = (secret: string): string => seal(secret, SEAL_PURPOSE);
export const openSsoSecret = (sealed: string): string => open(sealed, SEAL_PURPOSE);

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** HTTPS, or plain HTTP to this machine outside production (a local IdP in development and tests). */
export function acceptableSsoEndpoint(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === "https:") return true;
    return u.protocol === "http:" && LOOPBACK.has(u.hostname) && process.env.NODE_ENV !== "production";
  } catch {
    return false;
  }
}

const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(500, "must be at most 500 characters")
  .refine(acceptableSsoEndpoint, "must be an https:// URL (http:// is accepted only for localhost outside production)");

export const updatePortalSsoInput = z
  .strictObject({
    jwt: z
      .strictObject({
        algorithm: z.enum(["HS256", "RS256"]).meta({ description: "HS256: a secret shared with Ciclo; RS256: your public keys at `jwks_url`" }),
        secret: z.string().min(32, "must be at least 32 characters").max(512).optional().meta({ description: "HS256 only. Write-only; omit to keep the current one" }),
        jwks_url: endpoint.nullable().optional().meta({ description: "RS256 only: where your public keys (JWKS) are served" }),
        issuer: text(500).nullable().optional().meta({ description: "When set, tokens must carry this `iss`" }),
      })
      .nullable()
      .meta({ description: "Signed tokens from your platform (GET /sso/jwt?token=… on the portal host); null removes it" }),
    oidc: z
      .strictObject({
        issuer: endpoint.meta({ description: "The IdP's issuer identifier (its discovery document is read from it)" }),
        client_id: text(255),
        client_secret: z.string().min(1, "must not be empty").max(1024).optional().meta({ description: "Write-only; omit to keep the current one" }),
      })
      .nullable()
      .meta({ description: "OpenID Connect with your identity provider; null removes it" }),
  })
  .partial();

export type UpdatePortalSsoInput = z.output<typeof updatePortalSsoInput>;

type JwtInput = NonNullable<UpdatePortalSsoInput["jwt"]>;
type OidcInput = NonNullable<UpdatePortalSsoInput["oidc"]>;

function nextJwt(input: JwtInput, current: PortalSso["jwt"]): NonNullable<PortalSso["jwt"]> {
  const issuer = input.issuer !== undefined ? input.issuer : (current?.issuer ?? null);
  if (input.algorithm === "HS256") {
    if (input.jwks_url) throw invalid("jwt.jwks_url", "is only used with RS256");
    const sealed = input.secret ? sealSsoSecret(input.secret) : current?.algorithm === "HS256" ? current.secret_sealed : null;
    if (!sealed) throw invalid("jwt.secret", "is required for HS256 (at least 32 characters)");
    return { algorithm: "HS256", secret_sealed: sealed, jwks_url: null, issuer };
  }
  if (input.secret) throw invalid("jwt.secret", "is only used with HS256");
  const jwksUrl = input.jwks_url !== undefined ? input.jwks_url : current?.algorithm === "RS256" ? current.jwks_url : null;
  if (!jwksUrl) throw invalid("jwt.jwks_url", "is required for RS256");
  return { algorithm: "RS256", secret_sealed: null, jwks_url: jwksUrl, issuer };
}

function nextOidc(input: OidcInput, current: PortalSso["oidc"]): NonNullable<PortalSso["oidc"]> {
  const sealed = input.client_secret ? sealSsoSecret(input.client_secret) : (current?.client_secret_sealed ?? null);
  if (!sealed) throw invalid("oidc.client_secret", "is required");
  return { issuer: input.issuer, client_id: input.client_id, client_secret_sealed: sealed };
}

/**
 * Replaces the JWT and/or OIDC configuration (a key left out is kept; null removes it, which is
 * refused while that sign-in method is on). Secrets left out are kept. A new OIDC issuer unlinks
 * the users linked to the old one (they link again by verified email).
 */
export async function updatePortalSso(db: DbOrTx, organizationId: string, input: UpdatePortalSsoInput): Promise<PortalSettings> {
  const saved = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(portalSettings).where(eq(portalSettings.organizationId, organizationId)).for("update");
    const base = row ?? defaultPortalSettings(organizationId);
    if (input.jwt === null && base.authMethods.sso_jwt) throw invalid("jwt", "cannot be removed while auth_methods.sso_jwt is on");
    if (input.oidc === null && base.authMethods.oidc) throw invalid("oidc", "cannot be removed while auth_methods.oidc is on");
    const sso: PortalSso = {
      jwt: input.jwt === undefined ? base.sso.jwt : input.jwt === null ? null : nextJwt(input.jwt, base.sso.jwt),
      oidc: input.oidc === undefined ? base.sso.oidc : input.oidc === null ? null : nextOidc(input.oidc, base.sso.oidc),
    };
    // `sub` is only unique per issuer: another IdP's subjects must not reach users linked to the old one.
    if (base.sso.oidc && sso.oidc?.issuer !== base.sso.oidc.issuer) {
      await tx.update(portalUsers).set({ oidcSubject: null }).where(and(eq(portalUsers.organizationId, organizationId), isNotNull(portalUsers.oidcSubject)));
    }
    const [result] = await tx
      .insert(portalSettings)
      .values({ ...base, organizationId, sso, updatedAt: sql`clock_timestamp()` as unknown as Date })
      .onConflictDoUpdate({ target: portalSettings.organizationId, set: { sso, updatedAt: sql`clock_timestamp()` as unknown as Date } })
      .returning();
    return result!;
  });
  invalidatePortalSettings(organizationId);
  return saved;
}
