import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalUsers, type PortalSettings, type PortalUser } from "@/db/schema";
import { dbNow } from "@/db/schema/columns";
import { now } from "@/lib/clock";
import { getPortalSettings } from "@/lib/portal/settings";
import { logAccess } from "./access-log";
import { takeAttempt, type RateLimited } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { findUserById } from "./lookup";
import { newRecoveryCodes } from "./recovery-codes";
import { rotatePortalSession } from "./sessions";
import { getTenantRef } from "./tenant-ref";
import { checkSecondFactor, type SecondFactorRefusal } from "./two-factor-check";
import { groupedKey, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

// TOTP two-factor authentication of portal users: enrollment (a sealed secret, inactive until a
// code from the app confirms it; then 10 recovery codes, shown once), the second step of a
// sign-in (a TOTP code or a recovery code; the session is then marked verified and gets a new
// token), turning it off (a current code; refused while the user's role requires 2FA) and new
// recovery codes. Every outcome is in the access log. Codes are checked by two-factor-check.ts.
type Who = { organizationId: string; portalUserId: string };
type WithCode = Who & { code: string; sessionId: string; request: RequestInfo };
type Refused<R extends string> = { ok: false; reason: R; locked?: boolean };

const byUser = (who: Who) => and(eq(portalUsers.id, who.portalUserId), eq(portalUsers.organizationId, who.organizationId));

export function roleRequiresTwoFactor(role: PortalUser["role"], settings: Pick<PortalSettings, "totpRequiredRoles">): boolean {
  return settings.totpRequiredRoles.includes(role);
}

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; pending: boolean; required: boolean; recoveryCodesLeft: number };

export async function twoFactorStatus(db: DbOrTx, who: Who): Promise<TwoFactorStatus> {
  const user = await findUserById(db, who.organizationId, who.portalUserId);
  if (!user) throw new Error(`no portal user ${who.portalUserId}`);
  const settings = await getPortalSettings(db, who.organizationId);
  return {
    enabled: user.totpEnabledAt !== null,
    enabledAt: user.totpEnabledAt,
    pending: user.totpEnabledAt === null && user.totpSecretSealed !== null,
    required: roleRequiresTwoFactor(user.role, settings),
    recoveryCodesLeft: user.totpEnabledAt ? user.recoveryCodeHashes.length : 0,
  };
}

export type Enrollment = { ok: true; secret: string; groupedKey: string; uri: string; issuer: string; label: string };

/**
 * Starts (or shows again) an enrollment: a new secret, sealed on the user's row but inactive
 * until confirmed. A pending secret is reused, so reloading the page keeps the same QR code;
 * `restart` makes a new one.
 */
export async function beginTotpEnrollment(db: DbOrTx, who: Who & { restart?: boolean }): Promise<Enrollment | Refused<"already_enabled" | "inactive_user">> {
  return db.transaction(async (tx) => {
    const user = await findUserById(tx, who.organizationId, who.portalUserId, { forUpdate: true });
    if (!user || user.status !== "active") return { ok: false as const, reason: "inactive_user" as const };
    if (user.totpEnabledAt) return { ok: false as const, reason: "already_enabled" as const };
    let secret = user.totpSecretSealed && !who.restart ? openTotpSecret(user.totpSecretSealed) : null;
    if (!secret) {
      secret = newTotpSecret();
      await tx.update(portalUsers).set({ totpSecretSealed: sealTotpSecret(secret), totpLastStep: null, updatedAt: dbNow() }).where(byUser(who));
    }
    const issuer = (await getTenantRef(tx, who.organizationId)).name;
    return { ok: true as const, secret, groupedKey: groupedKey(secret), uri: totpUri({ issuer, label: user.email, secret }), issuer, label: user.email };
  });
}

/** Drops a pending (unconfirmed) secret; an active one stays. */
export async function cancelTotpEnrollment(db: DbOrTx, who: Who): Promise<void> {
  await db.update(portalUsers).set({ totpSecretSealed: null, totpLastStep: null, updatedAt: dbNow() }).where(and(byUser(who), isNull(portalUsers.totpEnabledAt)));
}

export type ConfirmResult = { ok: true; token: string; recoveryCodes: string[] } | Refused<"no_enrollment" | "already_enabled" | SecondFactorRefusal>;

/** Confirms the pending secret with a code from the app: 2FA on, recovery codes issued, the session verified (new token). */
export async function confirmTotpEnrollment(db: DbOrTx, input: WithCode): Promise<ConfirmResult> {
  return db.transaction(async (tx): Promise<ConfirmResult> => {
    const user = await findUserById(tx, input.organizationId, input.portalUserId, { forUpdate: true });
    if (!user || user.status !== "active" || !user.totpSecretSealed) return { ok: false, reason: "no_enrollment" };
    if (user.totpEnabledAt) return { ok: false, reason: "already_enabled" };
    const settings = await getPortalSettings(tx, input.organizationId);
    const check = await checkSecondFactor(tx, { user, settings, code: input.code, allowRecovery: false, action: "enroll", sessionId: input.sessionId, request: input.request });
    if (!check.ok) return { ok: false, reason: check.reason, locked: check.locked };
    const { codes, hashes } = newRecoveryCodes(user.id);
    await tx.update(portalUsers).set({ totpEnabledAt: now(), recoveryCodeHashes: hashes, updatedAt: dbNow() }).where(byUser(input));
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "two_factor_enrolled", method: "totp", request: input.request });
    const rotated = await rotatePortalSession(tx, { organizationId: input.organizationId, sessionId: input.sessionId, secondFactorVerified: true });
    if (!rotated) throw new Error("the session ended during enrollment");
    return { ok: true, token: rotated.token, recoveryCodes: codes };
  });
}

export type VerifyResult =
  | { ok: true; token: string; method: "totp" | "recovery_code"; recoveryCodesLeft: number }
  | Refused<"not_enrolled" | SecondFactorRefusal>
  | RateLimited;

/**
 * The second step of a sign-in: a TOTP code (±1 step, never the same step twice) or an unused
 * recovery code. The client's attempts count against its per-IP limit first (attempt-limit.ts).
 */
export async function verifySecondFactor(db: DbOrTx, input: WithCode): Promise<VerifyResult> {
  const attempt = await takeAttempt(db, { organizationId: input.organizationId, form: "two_factor", request: input.request });
  if (!attempt.ok) return attempt;
  return db.transaction(async (tx): Promise<VerifyResult> => {
    const user = await findUserById(tx, input.organizationId, input.portalUserId, { forUpdate: true });
    if (!user || user.status !== "active" || !user.totpEnabledAt || !user.totpSecretSealed) return { ok: false, reason: "not_enrolled" };
    const settings = await getPortalSettings(tx, input.organizationId);
    const check = await checkSecondFactor(tx, { user, settings, code: input.code, allowRecovery: true, action: "sign_in", sessionId: input.sessionId, request: input.request });
    if (!check.ok) return { ok: false, reason: check.reason, locked: check.locked };
    const detail = check.method === "recovery_code" ? `${check.recoveryCodesLeft} recovery codes left` : null;
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "two_factor_succeeded", method: check.method, detail, request: input.request });
    const rotated = await rotatePortalSession(tx, { organizationId: input.organizationId, sessionId: input.sessionId, secondFactorVerified: true });
    if (!rotated) throw new Error("the session ended during the second factor");
    return { ok: true, token: rotated.token, method: check.method, recoveryCodesLeft: check.recoveryCodesLeft };
  });
}

export type DisableResult = { ok: true } | Refused<"not_enrolled" | "required_by_role" | SecondFactorRefusal>;

/** Turns 2FA off with a current code (or a recovery code); refused while the user's role requires it. */
export async function disableTotp(db: DbOrTx, input: WithCode): Promise<DisableResult> {
  return db.transaction(async (tx): Promise<DisableResult> => {
    const user = await findUserById(tx, input.organizationId, input.portalUserId, { forUpdate: true });
    if (!user || !user.totpEnabledAt) return { ok: false, reason: "not_enrolled" };
    const settings = await getPortalSettings(tx, input.organizationId);
    if (roleRequiresTwoFactor(user.role, settings)) return { ok: false, reason: "required_by_role" };
    const check = await checkSecondFactor(tx, { user, settings, code: input.code, allowRecovery: true, action: "disable", sessionId: input.sessionId, request: input.request });
    if (!check.ok) return { ok: false, reason: check.reason, locked: check.locked };
    await tx
      .update(portalUsers)
      .set({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [], updatedAt: dbNow() })
      .where(byUser(input));
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "two_factor_disabled", method: check.method, request: input.request });
    return { ok: true };
  });
}

export type RegenerateResult = { ok: true; recoveryCodes: string[] } | Refused<"not_enrolled" | SecondFactorRefusal>;

/** New recovery codes for a current TOTP code; the old ones stop working. */
export async function regenerateRecoveryCodes(db: DbOrTx, input: WithCode): Promise<RegenerateResult> {
  return db.transaction(async (tx): Promise<RegenerateResult> => {
    const user = await findUserById(tx, input.organizationId, input.portalUserId, { forUpdate: true });
    if (!user || !user.totpEnabledAt) return { ok: false, reason: "not_enrolled" };
    const settings = await getPortalSettings(tx, input.organizationId);
    const check = await checkSecondFactor(tx, { user, settings, code: input.code, allowRecovery: false, action: "recovery_codes", sessionId: input.sessionId, request: input.request });
    if (!check.ok) return { ok: false, reason: check.reason, locked: check.locked };
    const { codes, hashes } = newRecoveryCodes(user.id);
    await tx.update(portalUsers).set({ recoveryCodeHashes: hashes, updatedAt: dbNow() }).where(byUser(input));
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "two_factor_enrolled", method: "totp", detail: "recovery_codes_regenerated", request: input.request });
    return { ok: true, recoveryCodes: codes };
  });
}
