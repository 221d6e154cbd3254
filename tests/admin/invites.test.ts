import { and, eq, sql } from "drizzle-orm";
import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, organizationMembers, staffInvites, users } from "@/db/schema";
import { authorizeStaff, type StaffContext } from "@/lib/staff/access";
import { acceptStaffInvite, inviteStaffMember, STAFF_INVITE_TEMPLATE, unsafeFindInviteByToken } from "@/lib/staff/invites";
import { verifyStaffPassword } from "@/lib/staff/credentials";
import { createTenant } from "../helpers/factories";
import { createStaffUser } from "../helpers/staff";

// Staff invitations: the emailed link, used once, before it expires; accepting creates the user
// or links the existing one (who must be that address); a new invite replaces the pending one.
type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let owner: StaffContext;

beforeAll(async () => {
  t = await createTenant();
  const user = await createStaffUser(t.live.id, "owner");
  const access = await authorizeStaff(getDb(), { userId: user.id, organizationSlug: t.sandbox.slug, permission: "members:write" });
  if (!access.ok) throw new Error("owner must be allowed");
  owner = access.staff;
});

/** Invites and returns the token from the email's link. */
async function invite(email: string, role: "admin" | "developer" | "support" | "owner" = "developer") {
  const result = await inviteStaffMember(getDb(), owner, { email, role });
  if (!result.ok) throw new Error(result.message);
  const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, result.value.emailId));
  const link = /https?:\/\/\S+\/admin\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text);
  return { token: link![1]!, mail: mail!, inviteId: result.value.inviteId };
}

const memberRole = async (userId: string) =>
  (await getDb().select({ role: organizationMembers.role }).from(organizationMembers).where(and(eq(organizationMembers.organizationId, t.live.id), eq(organizationMembers.userId, userId))))[0]?.role ?? null;

describe("staff invitations", () => {
  it("emails a link (as Ciclo, on the live organization even from test mode); accepting creates the account, once", async () => {
    const { token, mail } = await invite("New.Person@Staff.example", "developer");
    expect(mail).toMatchObject({ template: STAFF_INVITE_TEMPLATE, organizationId: t.live.id, toAddress: "new.person@staff.example", subject: `Join ${t.live.name} on Ciclo` });
    expect(mail.fromAddress).toContain('"Ciclo"');
    expect(mail.text).toContain("as developer");
    // Only the hash is stored.
    expect((await getDb().select().from(staffInvites).where(sql`${staffInvites.tokenHash} = ${token}`)).length).toBe(0);
    expect(await unsafeFindInviteByToken(getDb(), token)).toMatchObject({ state: "pending", role: "developer", organization: { id: t.live.id } });

    expect(await acceptStaffInvite(getDb(), token, { kind: "new", name: "New Person", password: "short" })).toMatchObject({ ok: false, error: "invalid", field: "password" });
    const accepted = await acceptStaffInvite(getDb(), token, { kind: "new", name: "New Person", password: "a-long-enough-password" });
    expect(accepted).toMatchObject({ ok: true, value: { email: "new.person@staff.example", organizationSlug: t.live.slug } });
    const userId = accepted.ok ? accepted.value.userId : "";
    expect(await memberRole(userId)).toBe("developer");
    expect(await verifyStaffPassword(getDb(), "new.person@staff.example", "a-long-enough-password")).toMatchObject({ id: userId });

    // Single use; a used or unknown token is refused before any password is hashed.
    const hash = vi.spyOn(bcrypt, "hash");
    expect(await acceptStaffInvite(getDb(), token, { kind: "new", name: "Again", password: "a-long-enough-password" })).toMatchObject({ ok: false, error: "used" });
    expect(await acceptStaffInvite(getDb(), "x".repeat(43), { kind: "new", name: "Guess", password: "a-long-enough-password" })).toMatchObject({ ok: false, error: "not_found" });
    expect(hash).not.toHaveBeenCalled();
    hash.mockRestore();
    expect(await acceptStaffInvite(getDb(), token, { kind: "existing", userId })).toMatchObject({ ok: false, error: "used" });
    expect(await unsafeFindInviteByToken(getDb(), token)).toMatchObject({ state: "used" });
  });

  it("links an existing account, only when it is the invited address", async () => {
    const existing = await createStaffUser(null);
    const stranger = await createStaffUser(null);
    const { token } = await invite(existing.email, "support");
    expect(await acceptStaffInvite(getDb(), token, { kind: "existing", userId: stranger.id })).toMatchObject({ ok: false, error: "wrong_user" });
    expect(await acceptStaffInvite(getDb(), token, { kind: "new", name: "Dup", password: "a-long-enough-password" })).toMatchObject({ ok: false, error: "conflict" });
    expect(await acceptStaffInvite(getDb(), token, { kind: "existing", userId: existing.id })).toMatchObject({ ok: true });
    expect(await memberRole(existing.id)).toBe("support");
    expect(await memberRole(stranger.id)).toBeNull();
    expect((await getDb().select().from(users).where(sql`lower(${users.email}) = ${existing.email}`)).length).toBe(1);
  });

  it("expires after 7 days", async () => {
    const { token, inviteId } = await invite("late@staff.example");
    const row = (await getDb().select().from(staffInvites).where(eq(staffInvites.id, inviteId)))[0]!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    await getDb().update(staffInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(staffInvites.id, inviteId));
    expect(await unsafeFindInviteByToken(getDb(), token)).toMatchObject({ state: "expired" });
    expect(await acceptStaffInvite(getDb(), token, { kind: "new", name: "Late", password: "a-long-enough-password" })).toMatchObject({ ok: false, error: "expired" });
    expect((await getDb().select().from(users).where(sql`lower(${users.email}) = 'late@staff.example'`)).length).toBe(0);
  });

  it("a new invite replaces the pending one; members and bad input are refused; unknown tokens are nothing", async () => {
    const first = await invite("twice@staff.example", "support");
    const second = await invite("twice@staff.example", "admin");
    expect(await unsafeFindInviteByToken(getDb(), first.token)).toMatchObject({ state: "revoked" });
    expect(await acceptStaffInvite(getDb(), first.token, { kind: "new", name: "Twice", password: "a-long-enough-password" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await acceptStaffInvite(getDb(), second.token, { kind: "new", name: "Twice", password: "a-long-enough-password" })).toMatchObject({ ok: true });

    const member = await createStaffUser(t.live.id, "support");
    expect(await inviteStaffMember(getDb(), owner, { email: member.email.toUpperCase(), role: "admin" })).toMatchObject({ ok: false, error: "conflict", field: "email" });
    expect(await inviteStaffMember(getDb(), owner, { email: "not-an-email", role: "admin" })).toMatchObject({ ok: false, error: "invalid", field: "email" });
    expect(await inviteStaffMember(getDb(), owner, { email: "x@staff.example", role: "god" })).toMatchObject({ ok: false, error: "invalid", field: "role" });
    expect(await unsafeFindInviteByToken(getDb(), "A".repeat(43))).toBeNull();
    expect(await unsafeFindInviteByToken(getDb(), "../../etc")).toBeNull();
  });
});
