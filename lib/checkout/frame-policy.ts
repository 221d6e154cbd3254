import { getDb } from "@/db";
import { log } from "@/lib/log";
import { getPortalSettings } from "@/lib/portal/settings";
import { resolveTenantByHost } from "@/lib/tenancy/resolve";

// Who may frame the checkout: the organization's allowed origins (portal settings
// `allowed_return_origins`, the same list deep links' return_url must match), as the
// Content-Security-Policy `frame-ancestors` of the checkout pages only. Other portal pages keep
// the app's default (no framing header). No origins, an unknown host or a failed lookup:
// `frame-ancestors 'none'` (fail closed).
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** The public path (before the proxy's rewrite) of a checkout page: /checkout and below. */
export function isCheckoutPath(pathname: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(pathname).replace(/\/{2,}/g, "/").toLowerCase();
  } catch {
    return true; // undecodable: the router 404s it; restricting framing costs nothing
  }
  return path === "/checkout" || path.startsWith("/checkout/");
}

export function frameAncestors(origins: readonly string[]): string {
  const allowed = [...new Set(origins.filter((o) => ORIGIN.test(o)))];
  return allowed.length ? `frame-ancestors ${allowed.join(" ")}` : "frame-ancestors 'none'";
}

/** The CSP header value for the checkout pages of the portal served on `host`. */
export async function checkoutFramePolicy(host: string): Promise<string> {
  try {
    const tenant = await resolveTenantByHost(host);
    if (!tenant) return frameAncestors([]);
    return frameAncestors((await getPortalSettings(getDb(), tenant.id)).allowedReturnOrigins);
  } catch (error) {
    log.error("checkout: frame policy lookup failed", { error, host });
    return frameAncestors([]);
  }
}

/** Whether `origin` may receive the checkout's postMessage (one of the allowed origins, exactly). */
export function isAllowedEmbedder(origin: string | null | undefined, allowed: readonly string[]): origin is string {
  return typeof origin === "string" && ORIGIN.test(origin) && allowed.includes(origin);
}
