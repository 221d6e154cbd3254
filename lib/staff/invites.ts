import bcrypt from "bcryptjs";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { memberRoles, organizationMembers, organizations, staffInvites, users, type MemberRole } from "@/db/schema";
import { queuePlatformEmail } from "@/lib/email/platform";
import { appUrl } from "@/lib/env";
import { randomToken, sha256 } from "@/lib/portal-auth/crypto";
import type { StaffContext } from "./access";
import { assignableRoles, ROLE_LABELS } from "./permissions";
import { staffFail, staffOk, type StaffResult } from "./result";

// Staff invitations: an owner or admin invites an email with a role; the email carries a link
// to /admin/invite/<token> (256 random bits; only the SHA-256 is stored), valid 7 days, used
// once. Accepting links the existing user of that email, or creates one with the name and
// password given on the page. A new invite to the same email replaces the pending one.
export const INVITE_DAYS = 7;
export const STAFF_INVITE_TEMPLATE = "staff_invite";

export const inviteInput = z.strictObject({
  email: z.email("must be a valid email address").max(254, "must be at most 254 characters").transform((v) => v.toLowerCase()),
  role: z.enum(memberRoles, "must be one of owner, admin, developer, support"),
});

export const newStaffUserInput = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120, "must be at most 120 characters"),
  password: z.string().min(12, "must be at least 12 characters").max(200, "must be at most 200 characters"),
});

export const inviteUrl = (token: string) => `${appUrl()}/admin/invite/${token}`;

/** Creates the invite and queues its email in one transaction; returns the email's id (deliver it after commit). */
export async function inviteStaffMember(db: DbOrTx, staff: StaffContext, raw: unknown): Promise<StaffResult<{ inviteId: string; emailId: string; email: string }>> {
  const parsed = inviteInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return staffFail("invalid", issue.message, String(issue.path[0] ?? "email"));
  }
  const { email, role } = parsed.data;
  if (!assignableRoles(staff.role).includes(role)) return staffFail("forbidden", `Your role cannot invite ${ROLE_LABELS[role].toLowerCase()}s.`, "role");
  const organizationId = staff.live.id;
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ id: organizationMembers.id })
      .from(organizationMembers)
      .innerJoin(users, eq(users.id, organizationMembers.userId))
      .where(and(eq(organizationMembers.organizationId, organizationId), sql`lower(${users.email}) = ${email}`));
    if (member) return staffFail("conflict", "is already a member of this organization", "email");
    await tx
      .update(staffInvites)
      .set({ revokedAt: sql`clock_timestamp()` })
      .where(and(eq(staffInvites.organizationId, organizationId), sql`lower(${staffInvites.email}) = ${email}`, isNull(staffInvites.acceptedAt), isNull(staffInvites.revokedAt)));
    const token = randomToken();
    const [invite] = await tx
      .insert(staffInvites)
      .values({ organizationId, email, role, tokenHash: sha256(token), invitedByUserId: staff.userId, expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000) })
      .returning({ id: staffInvites.id });
    const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, staff.userId));
    const who = inviter?.name?.trim() || inviter?.email || "A colleague";
    const row = await queuePlatformEmail(tx, {
      organizationId,
      template: STAFF_INVITE_TEMPLATE,
      to: email,
      content: {
        subject: `Join ${staff.live.name} on Ciclo`,
        heading: `You are invited to ${staff.live.name}`,
        paragraphs: [`${who} invited you to the Ciclo admin of ${staff.live.name} as ${ROLE_LABELS[role].toLowerCase()}.`, `The invitation works once and expires in ${INVITE_DAYS} days.`],
        button: { label: "Accept the invitation", url: inviteUrl(token) },
        after: ["If you were not expecting this, you can ignore this email."],
      },
    });
    return staffOk({ inviteId: invite!.id, emailId: row.id, email });
  });
}

export type InviteView = { id: string; email: string; role: MemberRole; organization: { id: string; name: string; slug: string }; state: "pending" | "expired" | "used" | "revoked" };

/** By token alone — the token is the capability, like an API key — so no organization is given. */
export async function unsafeFindInviteByToken(db: DbOrTx, token: string): Promise<InviteView | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ invite: staffInvites, org: { id: organizations.id, name: organizations.name, slug: organizations.slug } })
    .from(staffInvites)
    .innerJoin(organizations, eq(organizations.id, staffInvites.organizationId))
    .where(eq(staffInvites.tokenHash, sha256(token)));
  if (!row) return null;
  const { invite } = row;
  const state = invite.revokedAt ? "revoked" : invite.acceptedAt ? "used" : invite.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
  return { id: invite.id, email: invite.email, role: invite.role, organization: row.org, state };
}

export type AcceptAs = { kind: "existing"; userId: string } | { kind: "new"; name: string; password: string };

type InviteUse = Pick<typeof staffInvites.$inferSelect, "revokedAt" | "acceptedAt" | "expiresAt">;

/** Why an invite cannot be used now, or null when it can. */
function inviteRefusal(invite: InviteUse | undefined) {
  if (!invite || invite.revokedAt) return staffFail("not_found", "This invitation does not exist or was withdrawn.");
  if (invite.acceptedAt) return staffFail("used", "This invitation was already used.");
  if (invite.expiresAt.getTime() <= Date.now()) return staffFail("expired", "This invitation has expired: ask for a new one.");
  return null;
}

/** Uses the invite once: links the existing user (who must own the invited email) or creates one. */
export async function acceptStaffInvite(db: DbOrTx, token: string, as: AcceptAs): Promise<StaffResult<{ userId: string; email: string; organizationSlug: string }>> {
  if (as.kind === "new") {
    const parsed = newStaffUserInput.safeParse({ name: as.name, password: as.password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return staffFail("invalid", issue.message, String(issue.path[0] ?? "password"));
    }
  }
  const tokenHash = sha256(token);
  // A token that cannot be used is refused before the password is hashed (bcrypt at cost 12 is
  // the expensive part: a stream of made-up tokens must not buy it); the lock below decides.
  const [seen] = await db.select({ revokedAt: staffInvites.revokedAt, acceptedAt: staffInvites.acceptedAt, expiresAt: staffInvites.expiresAt }).from(staffInvites).where(eq(staffInvites.tokenHash, tokenHash));
  const early = inviteRefusal(seen);
  if (early) return early;
  const passwordHash = as.kind === "new" ? await bcrypt.hash(as.password.slice(0, 72), 12) : null;
  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(staffInvites).where(eq(staffInvites.tokenHash, tokenHash)).for("update");
    const refusal = inviteRefusal(invite);
    if (refusal || !invite) return refusal!;
    const [existing] = await tx.select({ id: users.id, email: users.email }).from(users).where(sql`lower(${users.email}) = lower(${invite.email})`);
    let userId: string;
    if (as.kind === "existing") {
      if (!existing || existing.id !== as.userId) return staffFail("wrong_user", `This invitation is for ${invite.email}: sign in with that address to accept it.`);
      userId = existing.id;
    } else {
      if (existing) return staffFail("conflict", `${invite.email} already has a Ciclo account: sign in to accept.`);
      const [created] = await tx
        .insert(users)
        .values({ email: invite.email.toLowerCase(), name: as.name.trim(), passwordHash, emailVerified: new Date() })
        .returning({ id: users.id });
      userId = created!.id;
    }
    await tx.insert(organizationMembers).values({ organizationId: invite.organizationId, userId, role: invite.role }).onConflictDoNothing();
    await tx.update(staffInvites).set({ acceptedAt: sql`clock_timestamp()`, acceptedByUserId: userId }).where(eq(staffInvites.id, invite.id));
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, invite.organizationId));
    return staffOk({ userId, email: invite.email, organizationSlug: org!.slug });
  });
}
