import type { DbOrTx } from "@/db";
import { logAccess } from "./access-log";
import type { RequestInfo } from "./context";
import { findPortalSession, revokeSessionByToken, revokeUserSessions } from "./sessions";

// Signing out: this browser's session, or every session of the user.
export async function signOut(db: DbOrTx, input: { organizationId: string; token: string | null; request: RequestInfo }): Promise<void> {
  if (!input.token) return;
  const session = await revokeSessionByToken(db, { organizationId: input.organizationId, token: input.token });
  if (session) await logAccess(db, { organizationId: input.organizationId, portalUserId: session.portalUserId, event: "signed_out", method: session.method, request: input.request });
}

export async function signOutEverywhere(db: DbOrTx, input: { organizationId: string; token: string | null; request: RequestInfo }): Promise<number> {
  const found = await findPortalSession(db, { organizationId: input.organizationId, token: input.token });
  if (!found) return 0;
  const count = await revokeUserSessions(db, { organizationId: input.organizationId, portalUserId: found.user.id });
  await logAccess(db, { organizationId: input.organizationId, portalUserId: found.user.id, email: found.user.email, event: "signed_out_everywhere", detail: `${count} sessions`, request: input.request });
  return count;
}
