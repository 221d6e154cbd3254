import { headers } from "next/headers";
import { getDb } from "@/db";
import type { PortalSettings } from "@/db/schema";
import { resolveLocale, type Locale } from "@/lib/i18n/locale";
import type { RequestInfo } from "@/lib/portal-auth/context";
import type { PortalTenantRef } from "@/lib/portal-auth/links";
import { getPortalSettings } from "@/lib/portal/settings";
import type { Tenant } from "@/lib/tenancy/resolve";
import { portalCookieContext } from "../session-cookie";
import { requirePortalTenant } from "../tenant";

// What the sign-in actions and route handlers need about this request: the tenant of the host
// the browser asked for (from the Host header, never from a client-supplied argument), its
// portal settings, the visitor's locale, IP and user agent.
export type AuthContext = {
  tenant: Tenant;
  ref: PortalTenantRef;
  settings: PortalSettings;
  host: string;
  locale: Locale;
  request: RequestInfo;
};

export async function authContext(): Promise<AuthContext> {
  const cookie = await portalCookieContext();
  const tenant = await requirePortalTenant(Promise.resolve({ host: cookie.host ?? "" }));
  const settings = await getPortalSettings(getDb(), tenant.id);
  const locale = resolveLocale({ acceptLanguage: (await headers()).get("accept-language"), tenantDefault: settings.defaultLocale });
  return { tenant, ref: { id: tenant.id, slug: tenant.slug, name: settings.branding.name?.trim() || tenant.name }, settings, host: cookie.host!, locale, request: cookie.request };
}

export { withAfterCommit } from "@/lib/after-commit";

/** Form state of the sign-in forms: the error message and the field it belongs to. */
export type { AuthFormState } from "@/components/portal/auth/auth-form";
