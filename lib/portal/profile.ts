import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { portalSessions } from "@/db/schema";
import { text } from "@/lib/api/fields";
import { now } from "@/lib/clock";
import { logAccess } from "@/lib/portal-auth/access-log";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { setPasswordForSession } from "@/lib/portal-auth/password-reset";
import { updatePortalUser } from "@/lib/portal-auth/portal-users";
import { revokeUserSessions, type SessionMethod } from "@/lib/portal-auth/sessions";
import { describeDevice, type Device } from "./device";
import { fieldIssues, formFail, formOk, type FormResult } from "./form-result";
import { isUuid, type PortalActor } from "./account";

// The Profile section: what a portal user manages about themselves — name, password, the
// browsers signed in as them. Always their own rows (this tenant, this user id): the user id
// comes from the session, never from the form. Email changes: ./email-change.ts; the access
// log: ./access-log.ts.
export type ProfileActor = PortalActor & { session: { id: string } };

const own = (actor: ProfileActor) => ({ organizationId: actor.tenant.id, id: actor.user.id });

const nameInput = z.strictObject({ name: text(120).nullable() });

/** Sets (or, blank, clears) the user's name through the same service as PATCH /portal_users/:id. */
export async function updateProfileName(db: DbOrTx, actor: ProfileActor, name: string): Promise<FormResult<{ name: string | null }>> {
  const parsed = nameInput.safeParse({ name: name.trim() === "" ? null : name });
  if (!parsed.success) return formFail("invalid", fieldIssues(parsed.error.issues));
  const saved = await updatePortalUser(db, own(actor), { name: parsed.data.name });
  return formOk({ name: saved.name });
}

/**
 * Sets the first password or changes it (the current one required then), through the
 * sign-in pages' own function: the policy applies, the other sessions are revoked and this one
 * gets a new token — which the caller must put in the cookie.
 */
export async function changeProfilePassword(
  db: DbOrTx,
  actor: ProfileActor,
  input: { password: string; confirm: string; currentPassword: string },
  request: RequestInfo,
): Promise<FormResult<{ token: string }>> {
  if (input.password !== input.confirm) return formFail("mismatch", { confirm: "does not match" });
  const result = await setPasswordForSession(db, {
    organizationId: actor.tenant.id, portalUserId: actor.user.id, sessionId: actor.session.id, password: input.password, currentPassword: input.currentPassword, request,
  });
  if (result.ok) return formOk({ token: result.token });
  switch (result.reason) {
    case "wrong_current_password": return formFail("wrong_password", { current_password: "is not your current password" });
    case "policy": return formFail("policy", { password: result.problem.code }, result.problem);
    case "same_as_current": return formFail("same_password", { password: "is your current password" });
    case "inactive_user":
    case "no_session": return formFail("state_conflict");
    default: return formFail("failed");
  }
}

export type ProfileSession = {
  id: string;
  method: SessionMethod;
  ip: string | null;
  device: Device;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

/** The user's live sessions (not revoked, not expired), the most recently used first; the viewer's own is `current`. */
export async function listProfileSessions(db: DbOrTx, actor: ProfileActor): Promise<ProfileSession[]> {
  const at = now();
  const rows = await db
    .select()
    .from(portalSessions)
    .where(
      and(
        eq(portalSessions.organizationId, actor.tenant.id),
        eq(portalSessions.portalUserId, actor.user.id),
        isNull(portalSessions.revokedAt),
        gt(portalSessions.idleExpiresAt, at),
        gt(portalSessions.absoluteExpiresAt, at),
      ),
    )
    .orderBy(desc(portalSessions.lastSeenAt), desc(portalSessions.id))
    .limit(100);
  return rows.map((s) => ({
    id: s.id, method: s.method, ip: s.ip, device: describeDevice(s.userAgent), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === actor.session.id,
  }));
}

/** Signs out one of the user's other sessions (the current one signs out from the user menu). */
export async function revokeProfileSession(db: DbOrTx, actor: ProfileActor, sessionId: string, request: RequestInfo): Promise<FormResult<{ id: string }>> {
  if (!isUuid(sessionId)) return formFail("not_found");
  if (sessionId === actor.session.id) return formFail("current_session");
  const [revoked] = await db
    .update(portalSessions)
    .set({ revokedAt: now() })
    .where(
      and(
        eq(portalSessions.id, sessionId),
        eq(portalSessions.organizationId, actor.tenant.id),
        eq(portalSessions.portalUserId, actor.user.id),
        isNull(portalSessions.revokedAt),
      ),
    )
    .returning({ id: portalSessions.id, method: portalSessions.method });
  if (!revoked) return formFail("not_found");
  await logAccess(db, { organizationId: actor.tenant.id, portalUserId: actor.user.id, event: "signed_out", method: revoked.method, detail: "from_profile", request });
  return formOk({ id: revoked.id });
}

/** Signs out every session of the user but this one. */
export async function signOutOtherSessions(db: DbOrTx, actor: ProfileActor, request: RequestInfo): Promise<FormResult<{ count: number }>> {
  const count = await revokeUserSessions(db, { organizationId: actor.tenant.id, portalUserId: actor.user.id, exceptSessionId: actor.session.id });
  await logAccess(db, { organizationId: actor.tenant.id, portalUserId: actor.user.id, event: "signed_out_everywhere", detail: `other_sessions:${count}`, request });
  return formOk({ count });
}
