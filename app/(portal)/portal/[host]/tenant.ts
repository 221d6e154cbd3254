import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { trustProxy } from "@/lib/tenancy/config";
import { normalizeHost } from "@/lib/tenancy/host";
import { requestHostHeader } from "@/lib/tenancy/request-host";
import { resolveTenantByHost, type Tenant } from "@/lib/tenancy/resolve";

// Resolved once per request: the layout, the page and generateMetadata share the result.
const getPortalTenant = cache(async (hostSegment: string): Promise<Tenant | null> => {
  // The proxy copies the request's host into the path. Check it again rather than trust the
  // path: a portal segment naming another host than the one asked for serves nothing.
  const requested = normalizeHost(requestHostHeader(await headers(), { trustProxy: trustProxy() }));
  if (requested === null || requested !== hostSegment) return null;
  return resolveTenantByHost(hostSegment);
});

/** The tenant whose portal this request is for; 404 for unknown, suspended or mismatched hosts. */
export async function requirePortalTenant(params: Promise<{ host: string }>): Promise<Tenant> {
  const tenant = await findPortalTenant(params);
  if (!tenant) notFound();
  return tenant;
}

/** The same lookup without the 404, for generateMetadata (see the portal layout). */
export async function findPortalTenant(params: Promise<{ host: string }>): Promise<Tenant | null> {
  return getPortalTenant((await params).host);
}
