import { and, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { portalSessions, portalUsers, type PortalSession, type PortalSettings, type PortalUser } from "@/db/schema";
import { now } from "@/lib/clock";
import type { RequestInfo } from "./context";
import { randomToken, sha256 } from "./crypto";

// Portal sessions live in the database: the browser holds an opaque 256-bit token, the row
// only its SHA-256. A session ends at the first of: idle timeout (bumped at most once a
// minute while in use), absolute lifetime, revocation, or the user no longer being active.
export type SessionMethod = PortalSession["method"];
export type SessionTimeouts = Pick<PortalSettings, "sessionIdleMinutes" | "sessionAbsoluteHours">;

/** A portal user as the app may see it: no password hash, TOTP secret or recovery codes. */
export type PortalUserView = Omit<PortalUser, "passwordHash" | "totpSecretSealed" | "recoveryCodeHashes"> & { hasPassword: boolean };
/** A session as the app may see it: no token hash. */
export type PortalSessionView = Omit<PortalSession, "tokenHash">;

/** Idle-timeout bumps are written at most this often (a page view per second must not write per second). */
export const TOUCH_INTERVAL_MS = 60_000;

export function toUserView(user: PortalUser): PortalUserView {
  const view: Partial<PortalUser> & { hasPassword: boolean } = { ...user, hasPassword: user.passwordHash !== null };
  delete view.passwordHash;
  delete view.totpSecretSealed;
  delete view.recoveryCodeHashes;
  return view as PortalUserView;
}

function toSessionView(session: PortalSession): PortalSessionView {
  const view: Partial<PortalSession> = { ...session };
  delete view.tokenHash;
  return view as PortalSessionView;
}

const minutes = (n: number) => n * 60_000;
const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/**
 * Opens a session for a portal user. `replacesToken` (the browser's previous session cookie,
 * if any) is revoked: a sign-in always rotates the token, never reuses one.
 */
export async function createPortalSession(
  db: DbOrTx,
  input: {
    organizationId: string;
    portalUserId: string;
    method: SessionMethod;
    settings: SessionTimeouts;
    request: RequestInfo;
    returnUrl?: string | null;
    secondFactorVerified?: boolean;
    replacesToken?: string | null;
  },
): Promise<{ token: string; session: PortalSessionView }> {
  const at = now();
  if (input.replacesToken) await revokeSessionByToken(db, { organizationId: input.organizationId, token: input.replacesToken });
  const token = randomToken();
  const absoluteExpiresAt = new Date(at.getTime() + input.settings.sessionAbsoluteHours * 3_600_000);
  const [row] = await db
    .insert(portalSessions)
    .values({
      organizationId: input.organizationId,
      portalUserId: input.portalUserId,
      tokenHash: sha256(token),
      method: input.method,
      secondFactorVerified: input.secondFactorVerified ?? false,
      returnUrl: input.returnUrl ?? null,
      ip: input.request.ip,
      userAgent: input.request.userAgent,
      lastSeenAt: at,
      idleExpiresAt: earliest(new Date(at.getTime() + minutes(input.settings.sessionIdleMinutes)), absoluteExpiresAt),
      absoluteExpiresAt,
      createdAt: at,
    })
    .returning();
  await db.update(portalUsers).set({ lastSignInAt: at }).where(and(eq(portalUsers.id, input.portalUserId), eq(portalUsers.organizationId, input.organizationId)));
  return { token, session: toSessionView(row!) };
}

/** The live session a cookie token names in this organization, with its (active) user; null otherwise. */
export async function findPortalSession(
  db: DbOrTx,
  input: { organizationId: string; token: string | null | undefined },
): Promise<{ session: PortalSessionView; user: PortalUserView } | null> {
  if (!input.token || input.token.length > 200) return null;
  const at = now();
  const [row] = await db
    .select({ session: portalSessions, user: portalUsers })
    .from(portalSessions)
    .innerJoin(portalUsers, and(eq(portalUsers.id, portalSessions.portalUserId), eq(portalUsers.organizationId, portalSessions.organizationId)))
    .where(
      and(
        eq(portalSessions.tokenHash, sha256(input.token)),
        eq(portalSessions.organizationId, input.organizationId),
        isNull(portalSessions.revokedAt),
        gt(portalSessions.idleExpiresAt, at),
        gt(portalSessions.absoluteExpiresAt, at),
        eq(portalUsers.status, "active"),
      ),
    );
  return row ? { session: toSessionView(row.session), user: toUserView(row.user) } : null;
}

/** Pushes the idle timeout forward (never past the absolute lifetime); writes at most once a minute. */
export async function touchPortalSession(db: DbOrTx, session: PortalSessionView, settings: SessionTimeouts): Promise<PortalSessionView> {
  const at = now();
  if (at.getTime() - session.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return session;
  const idleExpiresAt = earliest(new Date(at.getTime() + minutes(settings.sessionIdleMinutes)), session.absoluteExpiresAt);
  await db
    .update(portalSessions)
    .set({ lastSeenAt: at, idleExpiresAt })
    .where(and(eq(portalSessions.id, session.id), eq(portalSessions.organizationId, session.organizationId), lt(portalSessions.lastSeenAt, at)));
  return { ...session, lastSeenAt: at, idleExpiresAt };
}

/**
 * Step-up (second factor verified, password set): the same session gets a new token, so a
 * token captured before the privilege change is worthless afterwards.
 */
export async function rotatePortalSession(
  db: DbOrTx,
  input: { organizationId: string; sessionId: string; secondFactorVerified?: boolean },
): Promise<{ token: string } | null> {
  const token = randomToken();
  const [row] = await db
    .update(portalSessions)
    .set({ tokenHash: sha256(token), ...(input.secondFactorVerified !== undefined ? { secondFactorVerified: input.secondFactorVerified } : {}) })
    .where(and(eq(portalSessions.id, input.sessionId), eq(portalSessions.organizationId, input.organizationId), isNull(portalSessions.revokedAt)))
    .returning({ id: portalSessions.id });
  return row ? { token } : null;
}

export async function revokeSessionByToken(db: DbOrTx, input: { organizationId: string; token: string }): Promise<PortalSessionView | null> {
  const [row] = await db
    .update(portalSessions)
    .set({ revokedAt: now() })
    .where(and(eq(portalSessions.tokenHash, sha256(input.token)), eq(portalSessions.organizationId, input.organizationId), isNull(portalSessions.revokedAt)))
    .returning();
  return row ? toSessionView(row) : null;
}

/** Revokes every live session of a user (sign out everywhere, password change, removal), optionally but one. */
export async function revokeUserSessions(
  db: DbOrTx,
  input: { organizationId: string; portalUserId: string; exceptSessionId?: string | null },
): Promise<number> {
  const rows = await db
    .update(portalSessions)
    .set({ revokedAt: now() })
    .where(
      and(
        eq(portalSessions.organizationId, input.organizationId),
        eq(portalSessions.portalUserId, input.portalUserId),
        isNull(portalSessions.revokedAt),
        input.exceptSessionId ? ne(portalSessions.id, input.exceptSessionId) : sql`true`,
      ),
    )
    .returning({ id: portalSessions.id });
  return rows.length;
}
