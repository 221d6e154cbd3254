import { z } from "zod";
import type { PortalSettings } from "@/db/schema";
import { portalOrigin, tenantPortalHost, type PortalTenantRef } from "@/lib/portal-auth/links";
import { updatePortalSsoInput } from "@/lib/portal/sso-settings";
import { defineOperation } from "../operation";

// The portal's SSO configuration as the API shows it: never a secret, only whether one is set,
// plus what the merchant configures on their side (the JWT audience, the OIDC redirect URI).
export const portalSsoObject = z
  .object({
    object: z.literal("portal_sso_settings"),
    jwt: z
      .object({ algorithm: z.enum(["HS256", "RS256"]), secret_set: z.boolean(), jwks_url: z.string().nullable(), issuer: z.string().nullable() })
      .nullable(),
    oidc: z.object({ issuer: z.string(), client_id: z.string(), client_secret_set: z.boolean() }).nullable(),
    auth_methods: z.object({ sso_jwt: z.boolean(), oidc: z.boolean() }).meta({ description: "Whether each method is on (PATCH /portal_settings `auth_methods`)" }),
    jwt_audience: z.string().meta({ description: "The `aud` tokens must carry: the portal's host name" }),
    jwt_url: z.string().meta({ description: "Where to send the browser with `?token=…` (and optionally `&next=/path`)" }),
    oidc_redirect_uri: z.string().meta({ description: "The redirect URI to register with your IdP" }),
  })
  .meta({ id: "PortalSsoSettings" });

export function serializePortalSso(s: PortalSettings, tenant: Pick<PortalTenantRef, "slug">): z.output<typeof portalSsoObject> {
  const origin = portalOrigin(tenant);
  const { jwt, oidc } = s.sso;
  return {
    object: "portal_sso_settings",
    jwt: jwt ? { algorithm: jwt.algorithm, secret_set: jwt.secret_sealed !== null, jwks_url: jwt.jwks_url, issuer: jwt.issuer } : null,
    oidc: oidc ? { issuer: oidc.issuer, client_id: oidc.client_id, client_secret_set: oidc.client_secret_sealed.length > 0 } : null,
    auth_methods: { sso_jwt: s.authMethods.sso_jwt, oidc: s.authMethods.oidc },
    jwt_audience: tenantPortalHost(tenant.slug),
    jwt_url: `${origin}/sso/jwt`,
    oidc_redirect_uri: `${origin}/sso/oidc/callback`,
  };
}

const tag = "portal";
export const portalSsoOps = {
  retrieve: defineOperation({
    operationId: "retrievePortalSso", method: "GET", path: "/portal_settings/sso", tag, summary: "Retrieve the customer portal's SSO configuration",
    description: "Secrets are never returned: `secret_set` / `client_secret_set` say whether one is stored.",
    scope: "portal:read", response: portalSsoObject,
  }),
  update: defineOperation({
    operationId: "updatePortalSso", method: "PATCH", path: "/portal_settings/sso", tag, summary: "Configure SSO for the customer portal",
    description:
      "`jwt`: tokens your platform signs (HS256 with `secret`, or RS256 with your `jwks_url`). `oidc`: your OpenID Connect IdP. " +
      "A key left out is kept, null removes it (refused while that method is on in `auth_methods`). Secrets are write-only; omit them to keep the current ones. " +
      "Turn the methods on afterwards with PATCH /portal_settings `auth_methods`.",
    scope: "portal:write", body: updatePortalSsoInput, response: portalSsoObject,
  }),
};
