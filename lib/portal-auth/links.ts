import { appUrl, env } from "@/lib/env";
import { portalHostname, portalUrl } from "@/lib/tenancy/portal-url";
import { queueEmail } from "@/lib/email/send";
import type { EmailTemplateData } from "@/lib/email/templates";
import type { DbOrTx } from "@/db";
import type { Locale } from "@/lib/i18n/locale";

// Links in portal emails point at the tenant's own portal. They are built from configuration
// (APP_URL's scheme and port, ROOT_DOMAIN), never from the request's Host header beyond
// choosing which of the tenant's hosts: a forged header cannot send a link elsewhere.
export type PortalTenantRef = { id: string; slug: string; name: string };

export function tenantPortalHost(slug: string): string {
  return portalHostname(slug, env().ROOT_DOMAIN);
}

/** The origin (scheme://host[:port]) of `host`, which must be one of the tenant's portal hosts. */
export function portalOrigin(tenant: Pick<PortalTenantRef, "slug">, host?: string | null): string {
  const own = tenantPortalHost(tenant.slug);
  if (!host || host.toLowerCase() === own) return portalUrl(appUrl(), tenant.slug, env().ROOT_DOMAIN);
  return `https://${host.toLowerCase()}`; // a custom domain: always served over TLS
}

export type AuthEmailTemplate = "magic_link" | "invite" | "password_reset" | "lockout";

/** Queues a tenant-branded auth email in the caller's transaction (lib/email renders and brands it). */
export async function queueAuthEmail<K extends AuthEmailTemplate>(
  db: DbOrTx,
  input: { tenant: Pick<PortalTenantRef, "id">; template: K; to: string; locale: Locale; data: EmailTemplateData[K] },
): Promise<void> {
  await queueEmail(db, { organizationId: input.tenant.id, template: input.template, to: input.to, locale: input.locale, data: input.data });
}
