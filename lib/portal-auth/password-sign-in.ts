import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalAccessLog, portalUsers, type PortalSettings, type PortalUser } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Locale } from "@/lib/i18n/locale";
import { getPortalSettings } from "@/lib/portal/settings";
import { logAccess } from "./access-log";
import { takeAttempt, type RateLimited } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { portalOrigin, queueAuthEmail, type PortalTenantRef } from "./links";
import { findUserByEmail, normalizeEmail } from "./lookup";
import { verifyPassword } from "./password";
import { createPortalSession, type PortalSessionView } from "./sessions";

// Password sign-in with automatic lockout: each attempt is counted *before* the password is
// compared (an atomic increment), so parallel guesses cannot outrun the threshold. After
// `lockout_threshold` failures the user is blocked for `lockout_minutes` and told by email;
// the block ends with time (the counter restarts) or with a password reset. Unknown emails get
// the same answers, the same bcrypt work, and "locked" after as many failures (counted in the
// access log), so neither the message nor the timing tells which emails exist. Before any of that,
// the client's attempts on this portal are limited (attempt-limit.ts), whoever they try.
export type PasswordSignInResult =
  | { ok: true; token: string; session: PortalSessionView; mustResetPassword: boolean }
  | { ok: false; reason: "invalid" | "locked" | "disabled"; lockedUntil?: Date }
  | RateLimited;

type Input = { tenant: PortalTenantRef; host: string; email: string; password: string; locale: Locale; request: RequestInfo; replacesToken?: string | null };

export async function signInWithPassword(db: DbOrTx, input: Input): Promise<PasswordSignInResult> {
  const settings = await getPortalSettings(db, input.tenant.id);
  if (!settings.authMethods.password) return { ok: false, reason: "disabled" };
  const limited = await takeAttempt(db, { organizationId: input.tenant.id, form: "password", request: input.request });
  if (!limited.ok) return limited;
  const email = normalizeEmail(input.email).slice(0, 254);
  const user = await findUserByEmail(db, input.tenant.id, email);
  if (!user || user.status !== "active") return unknownUser(db, input, settings, email, user);

  const attempt = await reserveAttempt(db, user, settings);
  if (attempt.locked) {
    await verifyPassword(input.password, null); // same work as a real comparison
    if (!attempt.lockedUntil) {
      // Beyond the threshold with no block written (the attempt that reached it did not finish): block now.
      attempt.lockedUntil = new Date(now().getTime() + settings.lockoutMinutes * 60_000);
      await db.update(portalUsers).set({ lockedUntil: attempt.lockedUntil }).where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)));
    }
    await logAccess(db, { organizationId: input.tenant.id, portalUserId: user.id, email: user.email, event: "sign_in_failed", method: "password", detail: "locked", request: input.request });
    return { ok: false, reason: "locked", lockedUntil: attempt.lockedUntil };
  }
  const valid = await verifyPassword(input.password, user.passwordHash);
  return db.transaction(async (tx): Promise<PasswordSignInResult> => {
    if (valid) {
      await tx.update(portalUsers).set({ failedAttempts: 0, lockedUntil: null }).where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)));
      const { token, session } = await createPortalSession(tx, {
        organizationId: user.organizationId, portalUserId: user.id, method: "password", settings, request: input.request, replacesToken: input.replacesToken,
      });
      await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "sign_in_succeeded", method: "password", detail: user.mustResetPassword ? "must_reset_password" : null, request: input.request });
      return { ok: true, token, session, mustResetPassword: user.mustResetPassword };
    }
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "sign_in_failed", method: "password", detail: user.passwordHash ? "wrong_password" : "no_password", request: input.request });
    if (attempt.count < settings.lockoutThreshold) return { ok: false, reason: "invalid" };
    const lockedUntil = new Date(now().getTime() + settings.lockoutMinutes * 60_000);
    await tx.update(portalUsers).set({ lockedUntil }).where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)));
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "locked", method: "password", detail: `${attempt.count} failed attempts; ${settings.lockoutMinutes} min`, request: input.request });
    await queueAuthEmail(tx, {
      tenant: input.tenant, template: "lockout", to: user.email, locale: user.locale ?? input.locale,
      data: { unlock_at: lockedUntil, reset_url: `${portalOrigin(input.tenant, input.host)}/forgot-password` },
    });
    return { ok: false, reason: "locked", lockedUntil };
  });
}

/** Counts this attempt; a block whose time has passed is lifted first (the count starts over). */
async function reserveAttempt(db: DbOrTx, user: PortalUser, settings: PortalSettings): Promise<{ locked: boolean; count: number; lockedUntil?: Date }> {
  const at = now();
  const expired = sql`${portalUsers.lockedUntil} is not null and ${portalUsers.lockedUntil} <= ${at.toISOString()}::timestamptz`;
  const [row] = await db
    .update(portalUsers)
    .set({
      failedAttempts: sql`case when ${expired} then 1 else ${portalUsers.failedAttempts} + 1 end`,
      lockedUntil: sql`case when ${expired} then null else ${portalUsers.lockedUntil} end`,
    })
    .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)))
    .returning({ count: portalUsers.failedAttempts, lockedUntil: portalUsers.lockedUntil });
  if (user.lockedUntil && user.lockedUntil.getTime() <= at.getTime()) {
    await logAccess(db, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "unlocked", method: "password", detail: "lockout_expired", request: { ip: null, userAgent: null } });
  }
  const lockedUntil = row?.lockedUntil ?? undefined;
  // Still blocked, or beyond the threshold already (a parallel attempt is about to block).
  const locked = (lockedUntil !== undefined && lockedUntil.getTime() > at.getTime()) || (row?.count ?? 0) > settings.lockoutThreshold;
  return { locked, count: row?.count ?? 0, lockedUntil };
}

async function unknownUser(db: DbOrTx, input: Input, settings: PortalSettings, email: string, user: PortalUser | null): Promise<PasswordSignInResult> {
  await verifyPassword(input.password, null);
  const since = new Date(now().getTime() - settings.lockoutMinutes * 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(portalAccessLog)
    .where(and(eq(portalAccessLog.organizationId, input.tenant.id), eq(portalAccessLog.event, "sign_in_failed"), eq(portalAccessLog.method, "password"), sql`lower(${portalAccessLog.email}) = ${email}`, gte(portalAccessLog.createdAt, since)));
  await logAccess(db, { organizationId: input.tenant.id, portalUserId: user?.id ?? null, email, event: "sign_in_failed", method: "password", detail: "no_active_user", request: input.request });
  return (recent?.n ?? 0) + 1 >= settings.lockoutThreshold ? { ok: false, reason: "locked" } : { ok: false, reason: "invalid" };
}
