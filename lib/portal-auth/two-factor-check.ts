import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalAccessLog, portalSessions, portalUsers, type PortalSettings, type PortalUser } from "@/db/schema";
import { now } from "@/lib/clock";
import { logAccess } from "./access-log";
import type { RequestInfo } from "./context";
import { spendRecoveryCode } from "./recovery-codes";
import { asTotpCode, checkTotpCode, openTotpSecret } from "./totp";

// Checking a second-factor code, with its attempt limit. Wrong codes are counted apart from
// password failures (a password sign-in resets that counter, which would otherwise give an
// attacker holding the password unlimited code guesses): at most `lockout_threshold` wrong
// codes per `lockout_minutes`, counted from the access log since the user's last success (or
// the merchant's unblock). The attempt that reaches the limit ends the session it came from.
// Callers hold the user's row lock (select … for update), so parallel guesses are serialized.
export type SecondFactorAction = "sign_in" | "enroll" | "disable" | "recovery_codes";
export type SecondFactorRefusal = "invalid" | "replayed" | "locked";
export type SecondFactorCheck =
  | { ok: true; method: "totp" | "recovery_code"; step: number | null; recoveryCodesLeft: number }
  | { ok: false; reason: SecondFactorRefusal; locked: boolean };

const RESET_EVENTS = sql`(${portalAccessLog.event} in ('two_factor_succeeded', 'two_factor_enrolled') or (${portalAccessLog.event} = 'unlocked' and ${portalAccessLog.detail} = 'merchant'))`;

/** Wrong codes within the lockout window since the last success (or unblock by the merchant). */
export async function recentSecondFactorFailures(db: DbOrTx, user: Pick<PortalUser, "id" | "organizationId">, settings: Pick<PortalSettings, "lockoutMinutes">): Promise<number> {
  const since = new Date(now().getTime() - settings.lockoutMinutes * 60_000);
  const ofUser = and(eq(portalAccessLog.organizationId, user.organizationId), eq(portalAccessLog.portalUserId, user.id));
  const lastReset = db.select({ at: sql`max(${portalAccessLog.createdAt})` }).from(portalAccessLog).where(and(ofUser, RESET_EVENTS));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(portalAccessLog)
    .where(
      and(
        ofUser,
        eq(portalAccessLog.event, "two_factor_failed"),
        sql`coalesce(${portalAccessLog.detail}, '') <> 'locked'`,
        sql`${portalAccessLog.createdAt} > ${since.toISOString()}::timestamptz`,
        sql`${portalAccessLog.createdAt} > coalesce((${lastReset}), '-infinity'::timestamptz)`,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Checks `code` — a TOTP code of the user's secret (the pending one during enrollment), or a
 * recovery code when `allowRecovery` — and records the outcome: the accepted step (replay
 * protection), the recovery code spent, or a `two_factor_failed` row (and the lock).
 */
export async function checkSecondFactor(
  tx: DbOrTx,
  input: {
    user: PortalUser;
    settings: Pick<PortalSettings, "lockoutThreshold" | "lockoutMinutes">;
    code: string;
    allowRecovery: boolean;
    action: SecondFactorAction;
    sessionId: string | null;
    request: RequestInfo;
  },
): Promise<SecondFactorCheck> {
  const { user, settings, request } = input;
  const base = { organizationId: user.organizationId, portalUserId: user.id, email: user.email, request };
  const failures = await recentSecondFactorFailures(tx, user, settings);
  if (failures >= settings.lockoutThreshold) {
    await logAccess(tx, { ...base, event: "two_factor_failed", method: "totp", detail: "locked" });
    return { ok: false, reason: "locked", locked: true };
  }
  const byUser = and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId));
  const totpCode = asTotpCode(input.code);
  if (totpCode && user.totpSecretSealed) {
    const check = await checkTotpCode(openTotpSecret(user.totpSecretSealed), totpCode, { lastStep: user.totpLastStep, at: now() });
    if (check.ok) {
      await tx.update(portalUsers).set({ totpLastStep: check.step }).where(byUser);
      return { ok: true, method: "totp", step: check.step, recoveryCodesLeft: user.recoveryCodeHashes.length };
    }
    return fail(tx, input, failures, check.reason, "totp", check.reason === "replayed" ? "replayed" : "wrong_code");
  }
  if (!totpCode && input.allowRecovery) {
    const remaining = spendRecoveryCode(user.id, user.recoveryCodeHashes, input.code);
    if (remaining) {
      await tx.update(portalUsers).set({ recoveryCodeHashes: remaining }).where(byUser);
      return { ok: true, method: "recovery_code", step: null, recoveryCodesLeft: remaining.length };
    }
    return fail(tx, input, failures, "invalid", "recovery_code", "wrong_recovery_code");
  }
  return fail(tx, input, failures, "invalid", "totp", "wrong_code");
}

async function fail(
  tx: DbOrTx,
  input: Parameters<typeof checkSecondFactor>[1],
  failures: number,
  reason: Exclude<SecondFactorRefusal, "locked">,
  method: "totp" | "recovery_code",
  detail: string,
): Promise<SecondFactorCheck> {
  const { user, settings, request } = input;
  const base = { organizationId: user.organizationId, portalUserId: user.id, email: user.email, request };
  await logAccess(tx, { ...base, event: "two_factor_failed", method, detail: input.action === "sign_in" ? detail : `${input.action}:${detail}` });
  if (failures + 1 < settings.lockoutThreshold) return { ok: false, reason, locked: false };
  await logAccess(tx, { ...base, event: "locked", method: "totp", detail: `${failures + 1} wrong second-factor codes; ${settings.lockoutMinutes} min` });
  if (input.sessionId) {
    await tx
      .update(portalSessions)
      .set({ revokedAt: now() })
      .where(and(eq(portalSessions.id, input.sessionId), eq(portalSessions.organizationId, user.organizationId), isNull(portalSessions.revokedAt)));
  }
  return { ok: false, reason, locked: true };
}
