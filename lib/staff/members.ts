import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { memberRoles, organizationMembers, staffInvites, users, type MemberRole } from "@/db/schema";
import type { StaffContext } from "./access";
import { can } from "./permissions";
import { staffFail, staffOk, type StaffResult } from "./result";

// The staff of a (live) organization and their pending invitations; changing a role and
// removing someone. Admins manage everyone but owners; only owners make, unmake or remove
// owners (ownership transfer), and the last owner always stays.
export async function listMembers(db: DbOrTx, organizationId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: organizationMembers.role, since: organizationMembers.createdAt })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .orderBy(asc(organizationMembers.createdAt), asc(users.email));
}

export async function listPendingInvites(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: staffInvites.id, email: staffInvites.email, role: staffInvites.role, expiresAt: staffInvites.expiresAt, createdAt: staffInvites.createdAt })
    .from(staffInvites)
    .where(and(eq(staffInvites.organizationId, organizationId), isNull(staffInvites.acceptedAt), isNull(staffInvites.revokedAt), gt(staffInvites.expiresAt, sql`now()`)))
    .orderBy(asc(staffInvites.createdAt));
}

export const changeRoleInput = z.strictObject({ user_id: z.string().min(1).max(64), role: z.enum(memberRoles, "must be one of owner, admin, developer, support") });
export const removeMemberInput = z.strictObject({ user_id: z.string().min(1).max(64) });

async function lockedMember(tx: DbOrTx, organizationId: string, userId: string) {
  // Lock every owner row first: two owners demoting each other at once cannot leave none.
  const owners = await tx
    .select({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, "owner")))
    .for("update");
  const [member] = await tx
    .select({ id: organizationMembers.id, role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId)))
    .for("update");
  return { member: member ?? null, owners: owners.length };
}

function mayTouch(staff: StaffContext, roles: MemberRole[]): boolean {
  if (!can(staff.role, "members:write")) return false;
  return !roles.includes("owner") || can(staff.role, "members:owners");
}

export async function changeMemberRole(db: DbOrTx, staff: StaffContext, raw: unknown): Promise<StaffResult<{ userId: string; role: MemberRole }>> {
  const parsed = changeRoleInput.safeParse(raw);
  if (!parsed.success) return staffFail("invalid", parsed.error.issues[0]!.message, "role");
  const { user_id: userId, role } = parsed.data;
  if (!can(staff.role, "members:write")) return staffFail("forbidden", "Your role cannot change roles.");
  return db.transaction(async (tx) => {
    const { member, owners } = await lockedMember(tx, staff.live.id, userId);
    if (!member) return staffFail("not_found", "This person is not a member of the organization.");
    if (!mayTouch(staff, [member.role, role])) return staffFail("forbidden", "Only owners can make or change owners.", "role");
    if (member.role === "owner" && role !== "owner" && owners <= 1) return staffFail("last_owner", "The organization needs at least one owner: make someone else owner first.", "role");
    await tx.update(organizationMembers).set({ role }).where(and(eq(organizationMembers.id, member.id), eq(organizationMembers.organizationId, staff.live.id)));
    return staffOk({ userId, role });
  });
}

export async function removeMember(db: DbOrTx, staff: StaffContext, raw: unknown): Promise<StaffResult<{ userId: string }>> {
  const parsed = removeMemberInput.safeParse(raw);
  if (!parsed.success) return staffFail("invalid", parsed.error.issues[0]!.message);
  const { user_id: userId } = parsed.data;
  if (!can(staff.role, "members:write")) return staffFail("forbidden", "Your role cannot remove members.");
  return db.transaction(async (tx) => {
    const { member, owners } = await lockedMember(tx, staff.live.id, userId);
    if (!member) return staffFail("not_found", "This person is not a member of the organization.");
    if (!mayTouch(staff, [member.role])) return staffFail("forbidden", "Only owners can remove an owner.");
    if (member.role === "owner" && owners <= 1) return staffFail("last_owner", "The organization needs at least one owner.");
    await tx.delete(organizationMembers).where(and(eq(organizationMembers.id, member.id), eq(organizationMembers.organizationId, staff.live.id)));
    return staffOk({ userId });
  });
}

export async function revokeInvite(db: DbOrTx, staff: StaffContext, inviteId: string): Promise<StaffResult<{ inviteId: string }>> {
  if (!can(staff.role, "members:write")) return staffFail("forbidden", "Your role cannot withdraw invitations.");
  if (!/^[0-9a-f-]{36}$/.test(inviteId)) return staffFail("not_found", "No such invitation.");
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select({ role: staffInvites.role })
      .from(staffInvites)
      .where(and(eq(staffInvites.id, inviteId), eq(staffInvites.organizationId, staff.live.id), isNull(staffInvites.acceptedAt), isNull(staffInvites.revokedAt)))
      .for("update");
    if (!invite) return staffFail("not_found", "No such invitation.");
    if (!mayTouch(staff, [invite.role])) return staffFail("forbidden", "Only owners can withdraw an owner's invitation.");
    await tx.update(staffInvites).set({ revokedAt: sql`clock_timestamp()` }).where(and(eq(staffInvites.id, inviteId), eq(staffInvites.organizationId, staff.live.id)));
    return staffOk({ inviteId });
  });
}
