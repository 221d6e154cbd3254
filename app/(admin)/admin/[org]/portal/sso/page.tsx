// /admin/<org>/portal/sso — SSO configuration (signed tokens, OpenID Connect) and "test SSO"
import type { Metadata } from "next";
import { JwtForm, OidcForm } from "@/components/admin/portal-settings/sso-forms";
import { getDb } from "@/db";
import { appUrl, env } from "@/lib/env";
import { CALLBACK_PATH } from "@/lib/portal-auth/oidc";
import { getPortalSettings } from "@/lib/portal/settings";
import { can } from "@/lib/staff/permissions";
import { portalUrl } from "@/lib/tenancy/portal-url";
import { requireStaff } from "../../../staff";
import { saveJwtAction, saveOidcAction, testSsoAction } from "./actions";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const { sso } = await getPortalSettings(getDb(), staff.organization.id);
  const slug = staff.organization.slug;
  const canWrite = can(staff.role, "portal_settings:write");
  // Views without secrets: only whether one is stored.
  const jwt = sso.jwt ? { algorithm: sso.jwt.algorithm, secretSet: sso.jwt.secret_sealed !== null, jwksUrl: sso.jwt.jwks_url, issuer: sso.jwt.issuer } : null;
  const oidc = sso.oidc ? { issuer: sso.oidc.issuer, clientId: sso.oidc.client_id, secretSet: true } : null;
  return (
    <section aria-labelledby="sso-heading" className="space-y-6">
      <h2 id="sso-heading" className="sr-only">Single sign-on</h2>
      <p className="text-sm text-slate-600">Save a configuration, test it, then switch the method on under Sign-in &amp; security.</p>
      <JwtForm save={saveJwtAction.bind(null, slug)} test={testSsoAction.bind(null, slug, "jwt")} current={jwt} canWrite={canWrite} />
      <OidcForm save={saveOidcAction.bind(null, slug)} test={testSsoAction.bind(null, slug, "oidc")} current={oidc}
        callbackUrl={`${portalUrl(appUrl(), slug, env().ROOT_DOMAIN)}${CALLBACK_PATH}`} canWrite={canWrite} />
    </section>
  );
}
