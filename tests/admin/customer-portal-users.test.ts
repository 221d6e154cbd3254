import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, portalAccessLog, portalSessions, portalUsers, type MemberRole } from "@/db/schema";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createBillingAccountInput } from "@/lib/billing-accounts/input";
import { createBillingAccount } from "@/lib/billing-accounts/service";
import { NO_REQUEST_INFO } from "@/lib/portal-auth/context";
import { createPortalUser, createPortalUserInput } from "@/lib/portal-auth/portal-users";
import { createPortalSession } from "@/lib/portal-auth/sessions";
import { createTenant, validAccount } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// A customer's portal users from the admin: invite (the email really queued in the outbox),
// force password reset, unblock, change role, remove — by owner, admin and support
// (`portal_users:manage`), refused to developers; another organization's (or account's) user
// is "not found" and untouched. Only the session is mocked.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest-admin" }) }));

const actions = await import("@/app/(admin)/admin/[org]/customers/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
let accountId: string;
let secondAccountId: string;
let theirAccountId: string;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const userRow = async (id: string) => (await getDb().select().from(portalUsers).where(eq(portalUsers.id, id)))[0]!;
const account = (organizationId: string) => createBillingAccount(getDb(), { organizationId, mode: "live" }, createBillingAccountInput.parse(validAccount()));
const addUser = async (organizationId: string, billingAccountId: string, email: string) =>
  createPortalUser(getDb(), { organizationId, billingAccountId }, createPortalUserInput.parse({ email, role: "viewer" }), NO_REQUEST_INFO);
const SETTINGS = { sessionIdleMinutes: 60, sessionAbsoluteHours: 12 };
const openSession = (organizationId: string, portalUserId: string) =>
  createPortalSession(getDb(), { organizationId, portalUserId, method: "password", settings: SETTINGS, request: NO_REQUEST_INFO });
const liveSessions = async (portalUserId: string) =>
  (await getDb().select().from(portalSessions).where(eq(portalSessions.portalUserId, portalUserId))).filter((s) => s.revokedAt === null).length;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
  accountId = (await account(t.live.id)).id;
  secondAccountId = (await account(t.live.id)).id;
  theirAccountId = (await account(other.live.id)).id;
});
beforeEach(() => {
  staffSession.userId = null;
});

describe("Invite a portal user", () => {
  it("support invites: the user is `invited` and the invite email (with its link) is queued in the outbox", async () => {
    as("support");
    const state = await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: accountId, email: " Joana@Example.com ", name: "Joana", role: "finance", locale: "", send_invite: "on" }));
    expect(state).toMatchObject({ status: "success", message: "Invite sent to joana@example.com." });
    const [user] = await getDb().select().from(portalUsers).where(and(eq(portalUsers.organizationId, t.live.id), eq(portalUsers.email, "joana@example.com")));
    expect(user).toMatchObject({ billingAccountId: accountId, name: "Joana", role: "finance", status: "invited" });
    const [email] = await getDb().select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, t.live.id), eq(emailOutbox.toAddress, "joana@example.com")));
    expect(email).toMatchObject({ template: "invite", status: "queued" });
    expect(email!.text).toMatch(/\/auth\/magic\?token=/);
    const log = await getDb().select().from(portalAccessLog).where(eq(portalAccessLog.portalUserId, user!.id));
    expect(log.map((l) => `${l.event} ${l.method}`).sort()).toEqual(["invite_sent admin", "user_provisioned admin"]);
    expect(log[0]!.userAgent).toBe("vitest-admin");
  });

  it("without the invite box the user is active and no email is sent; the schema names bad fields; duplicates are refused on `email`", async () => {
    as("admin");
    const ok = await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: accountId, email: "silent@example.com", role: "viewer" }));
    expect(ok.status).toBe("success");
    const [user] = await getDb().select().from(portalUsers).where(and(eq(portalUsers.organizationId, t.live.id), eq(portalUsers.email, "silent@example.com")));
    expect(user!.status).toBe("active");
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "silent@example.com"))).toHaveLength(0);

    const bad = await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: accountId, email: "nope", role: "emperor", locale: "fr" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["email", "locale", "role"]);
    const dup = await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: secondAccountId, email: "SILENT@example.com", role: "viewer" }));
    expect(dup.fields.email).toMatch(/already exists/);
  });

  it("developers are refused; another organization's account is not found; nothing is written", async () => {
    as("developer");
    expect(refused(await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: accountId, email: "dev@example.com", send_invite: "on" })))).toBe(true);
    as("owner");
    const theirs = await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: theirAccountId, email: "cross@example.com", send_invite: "on" }));
    expect(theirs.message).toBe("This customer was not found: nothing was changed.");
    for (const email of ["dev@example.com", "cross@example.com"]) {
      expect(await getDb().select().from(portalUsers).where(eq(portalUsers.email, email))).toHaveLength(0);
      expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toHaveLength(0);
    }
  });

  it("resends the invite to an invited user only", async () => {
    as("support");
    await actions.invitePortalUserAction(t.slug, IDLE_FORM, formOf({ billing_account_id: accountId, email: "again@example.com", send_invite: "on" }));
    const [user] = await getDb().select().from(portalUsers).where(and(eq(portalUsers.organizationId, t.live.id), eq(portalUsers.email, "again@example.com")));
    const state = await actions.resendInviteAction(t.slug, IDLE_FORM, formOf({ id: user!.id, billing_account_id: accountId }));
    expect(state.status).toBe("success");
    expect(await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "again@example.com"))).toHaveLength(2);
    const active = await addUser(t.live.id, accountId, "already@example.com");
    expect((await actions.resendInviteAction(t.slug, IDLE_FORM, formOf({ id: active.id, billing_account_id: accountId }))).message).toMatch(/already accepted/);
  });
});

describe("A portal user's actions", () => {
  it("force password reset: required at next sign-in, every session ended, logged", async () => {
    const user = await addUser(t.live.id, accountId, "reset@example.com");
    await openSession(t.live.id, user.id);
    await openSession(t.live.id, user.id);
    expect(await liveSessions(user.id)).toBe(2);
    as("developer");
    expect(refused(await actions.forcePasswordResetAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId })))).toBe(true);
    expect((await userRow(user.id)).mustResetPassword).toBe(false);
    as("support");
    const state = await actions.forcePasswordResetAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId }));
    expect(state.status).toBe("success");
    expect((await userRow(user.id)).mustResetPassword).toBe(true);
    expect(await liveSessions(user.id)).toBe(0);
    const log = await getDb().select().from(portalAccessLog).where(eq(portalAccessLog.portalUserId, user.id));
    expect(log.map((l) => `${l.event} ${l.method}`)).toContain("password_reset_forced admin");
  });

  it("unblock lifts a lockout; change role saves through the API's schema", async () => {
    const user = await addUser(t.live.id, accountId, "locked@example.com");
    await getDb().update(portalUsers).set({ failedAttempts: 5, lockedUntil: new Date(Date.now() + 3_600_000) }).where(eq(portalUsers.id, user.id));
    as("support");
    expect((await actions.unblockPortalUserAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId }))).status).toBe("success");
    expect(await userRow(user.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await getDb().select().from(portalAccessLog).where(eq(portalAccessLog.portalUserId, user.id))).map((l) => `${l.event} ${l.method}`)).toContain("unlocked admin");

    const bad = await actions.changePortalUserRoleAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId, role: "root" }));
    expect(Object.keys(bad.fields)).toEqual(["role"]);
    expect((await actions.changePortalUserRoleAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId, role: "admin" }))).message).toBe("locked@example.com is now admin.");
    expect((await userRow(user.id)).role).toBe("admin");
  });

  it("remove needs the confirmation, ends sessions, and the user is gone from the account", async () => {
    const user = await addUser(t.live.id, accountId, "leaving@example.com");
    await openSession(t.live.id, user.id);
    as("owner");
    expect((await actions.removePortalUserAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId }))).message).toMatch(/Confirm/);
    expect((await userRow(user.id)).status).toBe("active");
    expect((await actions.removePortalUserAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId, confirm: "remove" }))).status).toBe("success");
    expect((await userRow(user.id)).status).toBe("removed");
    expect(await liveSessions(user.id)).toBe(0);
    // A removed user has no actions left.
    expect((await actions.forcePasswordResetAction(t.slug, IDLE_FORM, formOf({ id: user.id, billing_account_id: accountId }))).message).toMatch(/not found/);
  });

  it("another organization's user, or a user of another account, is not found and untouched", async () => {
    const theirs = await addUser(other.live.id, theirAccountId, "theirs@example.com");
    await getDb().update(portalUsers).set({ lockedUntil: new Date(Date.now() + 3_600_000), failedAttempts: 5 }).where(eq(portalUsers.id, theirs.id));
    const sibling = await addUser(t.live.id, secondAccountId, "sibling@example.com");
    as("owner");
    for (const [user, acct] of [[theirs.id, accountId], [theirs.id, theirAccountId], [sibling.id, accountId]] as const) {
      const form = () => formOf({ id: user, billing_account_id: acct, role: "owner", confirm: "remove" });
      expect((await actions.forcePasswordResetAction(t.slug, IDLE_FORM, form())).message).toBe("This portal user was not found: nothing was changed.");
      expect((await actions.unblockPortalUserAction(t.slug, IDLE_FORM, form())).message).toMatch(/not found/);
      expect((await actions.changePortalUserRoleAction(t.slug, IDLE_FORM, form())).message).toMatch(/not found/);
      expect((await actions.removePortalUserAction(t.slug, IDLE_FORM, form())).message).toMatch(/not found/);
      expect((await actions.resendInviteAction(t.slug, IDLE_FORM, form())).message).toMatch(/not found/);
    }
    expect(await userRow(theirs.id)).toMatchObject({ status: "active", role: "viewer", mustResetPassword: false, failedAttempts: 5 });
    expect(await userRow(sibling.id)).toMatchObject({ status: "active", role: "viewer", mustResetPassword: false });
  });
});
