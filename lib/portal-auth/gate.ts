import type { PortalSettings } from "@/db/schema";
import type { PortalSessionView, PortalUserView } from "./sessions";

// What a signed-in session may do yet. A second factor is needed when the user enrolled TOTP
// or their role must have it (portal settings); it comes before a forced password reset, so
// that a stolen password alone never reaches the reset form of a 2FA account.
export type GateState = "ok" | "two_factor" | "password_reset";

export function needsSecondFactor(user: Pick<PortalUserView, "totpEnabledAt" | "role">, settings: Pick<PortalSettings, "totpRequiredRoles">): boolean {
  return user.totpEnabledAt !== null || settings.totpRequiredRoles.includes(user.role);
}

export function gateState(
  user: Pick<PortalUserView, "totpEnabledAt" | "role" | "mustResetPassword">,
  session: Pick<PortalSessionView, "secondFactorVerified">,
  settings: Pick<PortalSettings, "totpRequiredRoles">,
): GateState {
  if (needsSecondFactor(user, settings) && !session.secondFactorVerified) return "two_factor";
  if (user.mustResetPassword) return "password_reset";
  return "ok";
}

/** Where each pending state sends the browser (portal-relative paths). */
export const GATE_PATHS = { two_factor: "/two-factor", password_reset: "/reset-password" } as const;

/** A `next` value we will redirect to: a same-site path only (no `//host`, no scheme, no backslash). */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next || next.length > 1000) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return fallback;
  return next;
}
