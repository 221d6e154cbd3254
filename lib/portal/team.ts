import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { portalRoles, portalUsers, type PortalRole, type PortalUser } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { createPortalUser, removePortalUser, updatePortalUser } from "@/lib/portal-auth/portal-users";
import { fieldIssues, formFail, formOk, type FormResult } from "./form-result";
import type { PortalActor } from "./account";
import { canManageRole } from "./permissions";

// The Settings section's users: who signs in to this billing account's portal, and what owners
// and admins do about it — invite by email with a role, change roles, remove. The rules are
// checked here, on the server, inside one transaction that locks the account's users:
//   - manage_users is needed, and only an owner gives or takes the owner role (canManageRole);
//   - the account always keeps an active owner: the last one is neither demoted nor removed;
//   - nobody removes themselves here;
//   - the acting user's role is read again under the lock (a role changed a moment ago counts).
// The writes themselves are the API's services (lib/portal-auth/portal-users.ts).
export type TeamMember = {
  id: string;
  name: string | null;
  email: string;
  role: PortalRole;
  status: "active" | "invited";
  lastSignInAt: Date | null;
  self: boolean;
};

const ofAccount = (actor: PortalActor) =>
  and(eq(portalUsers.organizationId, actor.tenant.id), eq(portalUsers.billingAccountId, actor.user.billingAccountId), ne(portalUsers.status, "removed"));

/** The account's users (not removed), oldest first. */
export async function listTeam(db: DbOrTx, actor: PortalActor): Promise<TeamMember[]> {
  const rows = await db.select().from(portalUsers).where(ofAccount(actor)).orderBy(asc(portalUsers.createdAt), asc(portalUsers.id)).limit(200);
  return rows.map((u) => ({
    id: u.id, name: u.name, email: u.email, role: u.role, status: u.status === "invited" ? "invited" : "active", lastSignInAt: u.lastSignInAt, self: u.id === actor.user.id,
  }));
}

type Locked = { me: PortalUser; users: PortalUser[] };

/** The account's users locked for the change (always in id order, so two changes cannot deadlock), and the actor's fresh row. */
async function lockTeam(tx: DbOrTx, actor: PortalActor): Promise<Locked | null> {
  const users = await tx.select().from(portalUsers).where(ofAccount(actor)).orderBy(asc(portalUsers.id)).for("update");
  const me = users.find((u) => u.id === actor.user.id && u.status === "active");
  return me ? { me, users } : null;
}

const activeOwners = (users: PortalUser[]) => users.filter((u) => u.role === "owner" && u.status === "active").length;

const inviteInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters")),
  role: z.enum(portalRoles, "must be owner, admin, finance or viewer"),
});

/** Invites someone to the account: an `invited` user and an email with a link (7 days) that activates and signs them in. */
export async function inviteTeamMember(db: DbOrTx, actor: PortalActor, input: { email: string; role: string }, request: RequestInfo): Promise<FormResult<TeamMember>> {
  const parsed = inviteInput.safeParse(input);
  if (!parsed.success) return formFail("invalid", fieldIssues(parsed.error.issues));
  const { email, role } = parsed.data;
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, actor);
    if (!team || !canManageRole(team.me.role, role)) return formFail("forbidden", role === "owner" ? { role: "only an owner invites owners" } : {});
    try {
      const user = await createPortalUser(
        tx, { organizationId: actor.tenant.id, billingAccountId: actor.user.billingAccountId },
        { email, name: null, role, locale: null, send_invite: true }, request, { method: "portal", inviterName: team.me.name ?? team.me.email },
      );
      return formOk({ id: user.id, name: null, email: user.email, role: user.role, status: "invited" as const, lastSignInAt: null, self: false });
    } catch (error) {
      // Emails are unique per organization: the address already signs in somewhere here.
      if (error instanceof ApiError && error.code === "resource_conflict") return formFail("email_taken", { email: "already has access" });
      throw error;
    }
  });
}

/** Gives a user of the account another role. */
export async function changeTeamRole(db: DbOrTx, actor: PortalActor, userId: string, role: string): Promise<FormResult<{ id: string; role: PortalRole }>> {
  const parsedRole = z.enum(portalRoles).safeParse(role);
  if (!parsedRole.success) return formFail("invalid", { role: "must be owner, admin, finance or viewer" });
  const next = parsedRole.data;
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, actor);
    if (!team) return formFail("forbidden");
    const target = team.users.find((u) => u.id === userId);
    if (!target) return formFail("not_found");
    if (!canManageRole(team.me.role, target.role) || !canManageRole(team.me.role, next)) return formFail("forbidden");
    if (target.role === next) return formOk({ id: target.id, role: next });
    if (target.role === "owner" && target.status === "active" && activeOwners(team.users) <= 1) return formFail("last_owner");
    const saved = await updatePortalUser(tx, { organizationId: actor.tenant.id, id: target.id }, { role: next });
    return formOk({ id: saved.id, role: saved.role });
  });
}

/** Removes a user from the account: their sessions end and their pending links stop working. */
export async function removeTeamMember(db: DbOrTx, actor: PortalActor, userId: string, request: RequestInfo): Promise<FormResult<{ id: string }>> {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, actor);
    if (!team) return formFail("forbidden");
    const target = team.users.find((u) => u.id === userId);
    if (!target) return formFail("not_found");
    if (!canManageRole(team.me.role, target.role)) return formFail("forbidden");
    if (target.id === team.me.id) return formFail("self");
    if (target.role === "owner" && target.status === "active" && activeOwners(team.users) <= 1) return formFail("last_owner");
    await removePortalUser(tx, { organizationId: actor.tenant.id, id: target.id }, request, { method: "portal" });
    return formOk({ id: target.id });
  });
}
