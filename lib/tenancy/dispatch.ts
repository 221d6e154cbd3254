import { normalizeHost, parseHost } from "./host";

// What the proxy does with a request, decided from the host and the path only. It never
// authorizes: the portal layout resolves (and re-checks) the tenant, API handlers the key.

export type DispatchDecision =
  | { action: "next" }
  | { action: "rewrite"; pathname: string }
  | { action: "not_found" };

/** The internal segment that serves tenant portals: `/portal/<host>/...`. */
export const PORTAL_PREFIX = "/portal";
const API_PREFIX = "/api";
const API_V1 = "/v1";
const ACME_CHALLENGE_PREFIX = "/.well-known/acme-challenge";

const NEXT: DispatchDecision = { action: "next" };
const NOT_FOUND: DispatchDecision = { action: "not_found" };

function hasPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Framework internals (`/_next/...`, dev overlay endpoints); no app route can start with `_`. */
function isFrameworkPath(pathname: string): boolean {
  return hasPrefix(pathname, "/_next") || pathname.startsWith("/__nextjs");
}

/** The path as the router will see it: decoded, duplicate slashes folded. Null when undecodable. */
function canonicalPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname).replace(/\/{2,}/g, "/");
  } catch {
    return null;
  }
}

function hasDotSegment(path: string): boolean {
  return path.split("/").some((segment) => segment === "." || segment === "..");
}

export function dispatch(hostHeader: string | null, pathname: string, rootDomain: string): DispatchDecision {
  const host = parseHost(hostHeader, rootDomain);
  if (host.kind === "invalid") return NOT_FOUND;
  if (!pathname.startsWith("/")) return NOT_FOUND;
  if (isFrameworkPath(pathname)) return NEXT;

  const canonical = canonicalPath(pathname);
  if (canonical === null || hasDotSegment(canonical)) return NOT_FOUND;
  // ACME HTTP-01 answers, on whatever host the CA validates (app/.well-known/acme-challenge).
  if (hasPrefix(canonical, ACME_CHALLENGE_PREFIX)) return NEXT;

  switch (host.kind) {
    case "root":
      // The portal segment is reachable only through a tenant host.
      return hasPrefix(canonical.toLowerCase(), PORTAL_PREFIX) ? NOT_FOUND : NEXT;
    case "api":
      // `/v1/x` -> `/api/v1/x`; anything else lands under /api/v1 too, where the API's JSON 404 answers.
      return { action: "rewrite", pathname: hasPrefix(pathname, API_V1) ? `${API_PREFIX}${pathname}` : `${API_PREFIX}${API_V1}${pathname}` };
    case "tenant":
    case "custom": {
      // The API answers on portal hosts too (same origin for the portal's card form posting to
      // the public tokenization endpoint); it authorizes by key, never by host.
      if (hasPrefix(canonical, `${API_PREFIX}${API_V1}`)) return NEXT;
      // Everything else is always prefixed, so a path can never select another tenant's segment.
      const hostname = normalizeHost(hostHeader)!;
      return { action: "rewrite", pathname: `${PORTAL_PREFIX}/${hostname}${pathname === "/" ? "" : pathname}` };
    }
  }
}
