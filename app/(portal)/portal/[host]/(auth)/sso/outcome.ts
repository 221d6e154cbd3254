import { retryAfterMinutes, type RateLimited } from "@/lib/portal-auth/attempt-limit";
import type { OidcRefusal } from "@/lib/portal-auth/oidc";
import type { SsoJwtRefusal } from "@/lib/portal-auth/sso-jwt";

// Where a refused SSO sign-in sends the browser: the sign-in page with a notice that says what
// the person can do about it (lib/i18n/messages/sso.ts), never the technical reason (that is in
// the access log). Too many attempts from this client: the page says when to try again.
export function ssoErrorPath(refusal: { reason: SsoJwtRefusal | OidcRefusal } | RateLimited): string {
  switch (refusal.reason) {
    case "rate_limited":
      return `/sign-in?error=rate_limited&minutes=${retryAfterMinutes(refusal.retryAfterSeconds)}`;
    case "no_portal_user":
    case "no_billing_account":
    case "email_not_verified":
    case "identity_conflict":
    case "inactive_user":
      return "/sign-in?error=sso_no_account";
    case "idp_unavailable":
    case "disabled":
    case "not_configured":
      return "/sign-in?error=sso_unavailable";
    case "expired":
      return "/sign-in?error=sso_expired";
    default:
      return "/sign-in?error=sso_failed";
  }
}
