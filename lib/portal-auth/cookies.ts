// Cookie names and attributes for portal auth (no Next here: app/ reads and writes them).
//
// `__Host-` cookies must be Secure, Path=/ and host-only, so another subdomain of the root
// domain can never set or overwrite them. Browsers accept Secure cookies over plain HTTP on
// `localhost` and `*.localhost` (potentially trustworthy origins; checked by e2e/portal-auth.spec.ts),
// so the `__Host-` names are used there and over HTTPS. Only plain-HTTP dev on another name
// (e.g. `acme.lvh.me`) falls back to unprefixed, non-Secure names.
export const SESSION_COOKIE = "__Host-ciclo_portal_session";
export const SESSION_COOKIE_INSECURE = "ciclo_portal_session";
/** The browser-binding value of a pending magic link (the token stores its hash). */
export const BINDING_COOKIE = "__Host-ciclo_portal_binding";
export const BINDING_COOKIE_INSECURE = "ciclo_portal_binding";

/** Whether this request's origin is a secure context, so Secure + `__Host-` cookies apply. */
export function isSecureContext(hostname: string | null, forwardedProto: string | null): boolean {
  const name = (hostname ?? "").toLowerCase();
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function cookieNames(secure: boolean): { session: string; binding: string } {
  return secure ? { session: SESSION_COOKIE, binding: BINDING_COOKIE } : { session: SESSION_COOKIE_INSECURE, binding: BINDING_COOKIE_INSECURE };
}

export type CookieAttributes = { httpOnly: true; secure: boolean; sameSite: "lax"; path: "/"; expires?: Date; maxAge?: number };

export function cookieAttributes(secure: boolean, expires?: Date): CookieAttributes {
  return { httpOnly: true, secure, sameSite: "lax", path: "/", ...(expires ? { expires } : {}) };
}
