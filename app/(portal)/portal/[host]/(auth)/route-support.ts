import { NextResponse } from "next/server";
import { resolveTenantByHost, type Tenant } from "@/lib/tenancy/resolve";
import { portalCookieContext } from "../session-cookie";

// For the sign-in route handlers: the tenant (only when the Host header names the same host as
// the path segment, like requirePortalTenant), and redirects with a relative Location (req.url
// says localhost, not the portal host).
export async function routeTenant(params: Promise<{ host: string }>): Promise<Tenant | null> {
  const { host } = await portalCookieContext();
  const segment = (await params).host;
  if (!host || host !== segment) return null;
  return resolveTenantByHost(host);
}

export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
