import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalUsers, type PortalUser } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Locale } from "@/lib/i18n/locale";
import { getPortalSettings } from "@/lib/portal/settings";
import { notFound } from "@/lib/api/errors";
import { logAccess, type ActorChannel } from "./access-log";
import { takeAttempt, type AttemptCheck } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { randomToken, sha256 } from "./crypto";
import { portalOrigin, queueAuthEmail, type PortalTenantRef } from "./links";
import { findUserByEmail, findUserById, normalizeEmail } from "./lookup";
import { checkPasswordPolicy, hashPassword, verifyPassword, type PasswordProblem } from "./password";
import { createPortalSession, revokeUserSessions, rotatePortalSession, type PortalSessionView } from "./sessions";
import { checkToken, consumeToken, countRecentTokens, issueToken, TOKEN_TTL_MS, voidTokens, type TokenRefusal } from "./tokens";

// Setting and resetting passwords. A reset link lives 60 minutes (mail can be slow; it is
// single use, host-bound and voided by any password change). Every password change revokes
// the user's other sessions, clears a lockout and a forced reset.
export const RESET_LINKS_PER_WINDOW = 5;

export async function requestPasswordReset(
  db: DbOrTx,
  input: { tenant: PortalTenantRef; host: string; email: string; locale: Locale; request: RequestInfo },
): Promise<AttemptCheck> {
  const email = normalizeEmail(input.email).slice(0, 254);
  // Limited per client IP and per address, before anything looks at the address (attempt-limit.ts).
  const attempt = await takeAttempt(db, { organizationId: input.tenant.id, form: "password_reset", request: input.request, email });
  if (!attempt.ok) return attempt;
  const settings = await getPortalSettings(db, input.tenant.id);
  await db.transaction(async (tx) => {
    const user = settings.authMethods.password ? await findUserByEmail(tx, input.tenant.id, email) : null;
    const eligible = user?.status === "active";
    const throttled = eligible && (await countRecentTokens(tx, { organizationId: input.tenant.id, portalUserId: user.id, purpose: "password_reset", sinceMs: TOKEN_TTL_MS.password_reset })) >= RESET_LINKS_PER_WINDOW;
    if (!eligible || throttled) {
      sha256(randomToken());
      await logAccess(tx, { organizationId: input.tenant.id, portalUserId: user?.id ?? null, email, event: "sign_in_failed", method: "password_reset", detail: throttled ? "reset_throttled" : "reset_no_active_user", request: input.request });
      return;
    }
    const issued = await issueToken(tx, { organizationId: input.tenant.id, portalUserId: user.id, purpose: "password_reset", host: input.host });
    await queueAuthEmail(tx, {
      tenant: input.tenant, template: "password_reset", to: user.email, locale: user.locale ?? input.locale,
      data: { url: `${portalOrigin(input.tenant, input.host)}/reset-password?token=${encodeURIComponent(issued.token)}`, expires_in_minutes: TOKEN_TTL_MS.password_reset / 60_000 },
    });
    await logAccess(tx, { organizationId: input.tenant.id, portalUserId: user.id, email: user.email, event: "password_reset_sent", method: "password_reset", request: input.request });
  });
  return attempt;
}

/** Whether a reset link is still good (the form is shown only then); does not use it up. */
export async function checkResetToken(db: DbOrTx, input: { organizationId: string; host: string; token: string | null | undefined }): Promise<{ ok: true; email: string } | { ok: false; reason: TokenRefusal }> {
  const check = await checkToken(db, { organizationId: input.organizationId, purposes: ["password_reset"], token: input.token, host: input.host });
  if (!check.ok) return { ok: false, reason: check.reason };
  const user = check.row.portalUserId ? await findUserById(db, input.organizationId, check.row.portalUserId) : null;
  return user?.status === "active" ? { ok: true, email: user.email } : { ok: false, reason: "invalid" };
}

export type SetPasswordResult =
  | { ok: true; token: string; session?: PortalSessionView }
  | { ok: false; reason: TokenRefusal | "inactive_user" | "wrong_current_password" | "same_as_current" | "no_session"; problem?: undefined }
  | { ok: false; reason: "policy"; problem: PasswordProblem };

async function storePassword(tx: DbOrTx, user: PortalUser, password: string): Promise<void> {
  await tx
    .update(portalUsers)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: now(), mustResetPassword: false, failedAttempts: 0, lockedUntil: null, emailVerifiedAt: user.emailVerifiedAt ?? now() })
    .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)));
  await voidTokens(tx, { organizationId: user.organizationId, portalUserId: user.id, purposes: ["password_reset"] });
}

/** Resets with an emailed link: new password, every session revoked, a new one opened here, lockout lifted. */
export async function resetPasswordWithToken(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; password: string; request: RequestInfo; replacesToken?: string | null },
): Promise<SetPasswordResult> {
  const settings = await getPortalSettings(db, input.organizationId);
  const preview = await checkResetToken(db, input);
  if (!preview.ok) return preview;
  // The policy is checked before the link is used, so a refused password leaves it usable.
  const problem = checkPasswordPolicy(input.password, settings.passwordPolicy, { email: preview.email });
  if (problem) return { ok: false, reason: "policy", problem };
  return db.transaction(async (tx): Promise<SetPasswordResult> => {
    const check = await consumeToken(tx, { organizationId: input.organizationId, purposes: ["password_reset"], token: input.token, host: input.host });
    if (!check.ok) return { ok: false, reason: check.reason };
    const user = await findUserById(tx, input.organizationId, check.row.portalUserId!, { forUpdate: true });
    if (!user || user.status !== "active") return { ok: false, reason: "inactive_user" };
    await storePassword(tx, user, input.password);
    await revokeUserSessions(tx, { organizationId: user.organizationId, portalUserId: user.id });
    if (user.lockedUntil) await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "unlocked", method: "password_reset", detail: "password_reset", request: input.request });
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "password_changed", method: "password_reset", request: input.request });
    const { token, session } = await createPortalSession(tx, { organizationId: user.organizationId, portalUserId: user.id, method: "password", settings, request: input.request, replacesToken: input.replacesToken });
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "sign_in_succeeded", method: "password_reset", request: input.request });
    return { ok: true, token, session };
  });
}

/**
 * A signed-in user sets a password: the first one (after an invite or magic link), the
 * forced new one (must_reset_password), or a change (then the current one is required).
 * The other sessions are revoked and this one gets a new token (step-up).
 */
export async function setPasswordForSession(
  db: DbOrTx,
  input: { organizationId: string; portalUserId: string; sessionId: string; password: string; currentPassword?: string | null; request: RequestInfo },
): Promise<SetPasswordResult> {
  const settings = await getPortalSettings(db, input.organizationId);
  const user = await findUserById(db, input.organizationId, input.portalUserId);
  if (!user || user.status !== "active") return { ok: false, reason: "inactive_user" };
  if (user.passwordHash && !user.mustResetPassword && !(await verifyPassword(input.currentPassword ?? "", user.passwordHash))) return { ok: false, reason: "wrong_current_password" };
  const problem = checkPasswordPolicy(input.password, settings.passwordPolicy, { email: user.email });
  if (problem) return { ok: false, reason: "policy", problem };
  if (user.passwordHash && (await verifyPassword(input.password, user.passwordHash))) return { ok: false, reason: "same_as_current" };
  return db.transaction(async (tx): Promise<SetPasswordResult> => {
    await storePassword(tx, user, input.password);
    await revokeUserSessions(tx, { organizationId: user.organizationId, portalUserId: user.id, exceptSessionId: input.sessionId });
    const rotated = await rotatePortalSession(tx, { organizationId: user.organizationId, sessionId: input.sessionId });
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "password_changed", method: "password", detail: user.passwordHash ? (user.mustResetPassword ? "forced_reset" : "changed") : "first_password", request: input.request });
    return rotated ? { ok: true, token: rotated.token } : { ok: false, reason: "no_session" };
  });
}

/** The merchant forces a new password at next sign-in; every session of the user ends now. */
/** `via`: who asked, for the access log (the merchant's API or its staff in the admin). */
export async function forcePasswordReset(db: DbOrTx, input: { organizationId: string; portalUserId: string; request: RequestInfo; via?: ActorChannel }): Promise<PortalUser> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(portalUsers)
      .set({ mustResetPassword: true })
      .where(and(eq(portalUsers.id, input.portalUserId), eq(portalUsers.organizationId, input.organizationId)))
      .returning();
    if (!user) throw notFound("portal user", input.portalUserId);
    await revokeUserSessions(tx, { organizationId: input.organizationId, portalUserId: user.id });
    await logAccess(tx, { organizationId: input.organizationId, portalUserId: user.id, email: user.email, event: "password_reset_forced", method: input.via ?? "api", request: input.request });
    return user;
  });
}
