import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { memberRoles, organizationMembers, staffInvites, type MemberRole } from "@/db/schema";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { getPortalSettings, invalidatePortalSettings } from "@/lib/portal/settings";
import { authorizeStaff } from "@/lib/staff/access";
import { assignableRoles, can, PERMISSIONS, type Permission } from "@/lib/staff/permissions";
import { createTenant } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// The permission matrix, enforced on the server: each admin server action called directly as
// each role (the session is the only thing mocked), allowed or refused, and a refusal changes
// nothing in the database.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { saveBrandingAction } = await import("@/app/(admin)/admin/[org]/portal/branding/actions");
const { saveSectionsAction } = await import("@/app/(admin)/admin/[org]/portal/sections/actions");
const { saveSignInSettingsAction } = await import("@/app/(admin)/admin/[org]/portal/sign-in/actions");
const { saveGeneralAction } = await import("@/app/(admin)/admin/[org]/portal/general/actions");
const { saveJwtAction, saveOidcAction, testSsoAction } = await import("@/app/(admin)/admin/[org]/portal/sso/actions");
const { inviteMemberAction, changeRoleAction, removeMemberAction, revokeInviteAction } = await import("@/app/(admin)/admin/[org]/members/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
const staff = {} as Record<MemberRole, { id: string; email: string }>;

beforeAll(async () => {
  t = await createTenant();
  for (const role of memberRoles) staff[role] = await createStaffUser(t.live.id, role);
});
beforeEach(() => {
  staffSession.userId = null;
  invalidatePortalSettings(t.live.id);
});

const as = (role: MemberRole) => (staffSession.userId = staff[role].id);

describe("the permission matrix", () => {
  it("owner everything; admin all but owners; developer developers' tools and reading; support portal users and reading", () => {
    expect(PERMISSIONS.every((p) => can("owner", p))).toBe(true);
    expect(PERMISSIONS.filter((p) => !can("admin", p))).toEqual(["members:owners"]);
    const allowed = (role: MemberRole) => PERMISSIONS.filter((p) => can(role, p));
    expect(allowed("developer")).toEqual(["organization:read", "portal_settings:read", "business:read", "developers:read", "developers:write", "members:read"]);
    expect(allowed("support")).toEqual(["organization:read", "portal_settings:read", "business:read", "portal_users:manage", "members:read"]);
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "developer", "support"]);
    expect(assignableRoles("admin")).toEqual(["admin", "developer", "support"]);
    expect(assignableRoles("developer")).toEqual([]);
  });

  it("authorizes per organization: the live one and its sandbox with the same role; another tenant's is not found", async () => {
    const other = await createTenant();
    for (const role of memberRoles) {
      for (const permission of PERMISSIONS) {
        const access = await authorizeStaff(getDb(), { userId: staff[role].id, organizationSlug: t.sandbox.slug, permission: permission as Permission });
        expect(access.ok, `${role} ${permission}`).toBe(can(role, permission));
        if (access.ok) expect(access.staff).toMatchObject({ testMode: true, organization: { id: t.sandbox.id }, live: { id: t.live.id } });
      }
      expect(await authorizeStaff(getDb(), { userId: staff[role].id, organizationSlug: other.live.slug, permission: "organization:read" })).toEqual({ ok: false, reason: "not_found" });
    }
    expect(await authorizeStaff(getDb(), { userId: staff.owner.id, organizationSlug: "no-such-org", permission: "organization:read" })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("portal settings actions", () => {
  const cases: Array<{ name: string; run: (slug: string) => Promise<AdminFormState>; changed: () => Promise<boolean> }> = [
    {
      name: "branding",
      run: (slug) => saveBrandingAction(slug, IDLE_FORM, formOf({ "branding.name": "Renamed", "branding.primary_color": "#9d174d", "branding.accent_color": "#0f766e" })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).branding.name === "Renamed",
    },
    {
      name: "sections",
      run: (slug) => saveSectionsAction(slug, IDLE_FORM, formOf({ "features.invoices": "on" })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).features.usage === false,
    },
    {
      name: "sign-in settings",
      run: (slug) => saveSignInSettingsAction(slug, IDLE_FORM, formOf({
        "auth_methods.password": "on", totp_required_roles: ["owner"], "password_policy.min_length": "14", "password_policy.max_length": "128",
        lockout_threshold: "7", lockout_minutes: "15", session_idle_minutes: "30", session_absolute_hours: "12",
      })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).lockoutThreshold === 7,
    },
    {
      name: "links and language",
      run: (slug) => saveGeneralAction(slug, IDLE_FORM, formOf({ allowed_return_origins: "https://app.example.com", default_locale: "en" })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).defaultLocale === "en",
    },
    {
      name: "SSO (signed tokens)",
      run: (slug) => saveJwtAction(slug, IDLE_FORM, formOf({ "jwt.algorithm": "HS256", "jwt.secret": "s".repeat(40), "jwt.issuer": "" })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).sso.jwt !== null,
    },
    {
      name: "SSO (OpenID Connect)",
      run: (slug) => saveOidcAction(slug, IDLE_FORM, formOf({ "oidc.issuer": "https://idp.example.com", "oidc.client_id": "ciclo", "oidc.client_secret": "secret" })),
      changed: async () => (await getPortalSettings(getDb(), t.live.id)).sso.oidc !== null,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: developer and support are refused and nothing changes; admin saves`, async () => {
      for (const role of ["developer", "support"] as const) {
        as(role);
        expect(refused(await c.run(t.live.slug)), role).toBe(true);
        invalidatePortalSettings(t.live.id);
        expect(await c.changed(), role).toBe(false);
      }
      as("admin");
      const state = await c.run(t.live.slug);
      expect(state, JSON.stringify(state)).toMatchObject({ status: "success" });
      invalidatePortalSettings(t.live.id);
      expect(await c.changed()).toBe(true);
    });
  }

  it("test SSO: only for those who may change the settings", async () => {
    as("support");
    expect(refused(await testSsoAction(t.live.slug, "jwt", IDLE_FORM))).toBe(true);
    as("owner");
    expect(await testSsoAction(t.live.slug, "jwt", IDLE_FORM)).toMatchObject({ status: expect.any(String) });
  });

  it("signed out, or not a member: refused with nothing changed", async () => {
    const before = (await getPortalSettings(getDb(), t.sandbox.id)).branding.name;
    const form = () => formOf({ "branding.name": "Intruder", "branding.primary_color": "#9d174d", "branding.accent_color": "#0f766e" });
    expect(await saveBrandingAction(t.sandbox.slug, IDLE_FORM, form())).toMatchObject({ status: "error", message: "Your session has ended: sign in again." });
    staffSession.userId = (await createStaffUser(null)).id;
    expect(await saveBrandingAction(t.sandbox.slug, IDLE_FORM, form())).toMatchObject({ status: "error", message: "This organization was not found." });
    invalidatePortalSettings(t.sandbox.id);
    expect((await getPortalSettings(getDb(), t.sandbox.id)).branding.name).toBe(before);
  });
});

describe("members actions", () => {
  const roleOf = async (userId: string) =>
    (await getDb().select({ role: organizationMembers.role }).from(organizationMembers).where(and(eq(organizationMembers.organizationId, t.live.id), eq(organizationMembers.userId, userId))))[0]?.role ?? null;

  it("developer and support cannot invite, change roles, remove or withdraw", async () => {
    const target = await createStaffUser(t.live.id, "support");
    const [invite] = await getDb().insert(staffInvites).values({ organizationId: t.live.id, email: "pending@staff.example", role: "support", tokenHash: "x".repeat(64), expiresAt: new Date(Date.now() + 86_400_000) }).returning();
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await inviteMemberAction(t.live.slug, IDLE_FORM, formOf({ email: "new@staff.example", role: "support" })))).toBe(true);
      expect(refused(await changeRoleAction(t.live.slug, IDLE_FORM, formOf({ user_id: target.id, role: "admin" })))).toBe(true);
      expect(refused(await removeMemberAction(t.live.slug, IDLE_FORM, formOf({ user_id: target.id })))).toBe(true);
      expect(refused(await revokeInviteAction(t.live.slug, IDLE_FORM, formOf({ invite_id: invite!.id })))).toBe(true);
    }
    expect(await roleOf(target.id)).toBe("support");
    expect((await getDb().select().from(staffInvites).where(eq(staffInvites.id, invite!.id)))[0]!.revokedAt).toBeNull();
  });

  it("admin manages everyone but owners; owner manages owners too; the last owner stays", async () => {
    const tenant = await createTenant();
    const owner = await createStaffUser(tenant.live.id, "owner");
    const admin = await createStaffUser(tenant.live.id, "admin");
    const dev = await createStaffUser(tenant.live.id, "developer");
    const role = async (id: string) =>
      (await getDb().select({ role: organizationMembers.role }).from(organizationMembers).where(and(eq(organizationMembers.organizationId, tenant.live.id), eq(organizationMembers.userId, id))))[0]?.role ?? null;

    staffSession.userId = admin.id;
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: dev.id, role: "support" }))).toMatchObject({ status: "success" });
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: dev.id, role: "owner" }))).toMatchObject({ status: "error", fields: { role: "Only owners can make or change owners." } });
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: owner.id, role: "admin" }))).toMatchObject({ status: "error" });
    expect(await removeMemberAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: owner.id }))).toMatchObject({ status: "error", message: "Only owners can remove an owner." });
    expect(await inviteMemberAction(tenant.live.slug, IDLE_FORM, formOf({ email: "boss@staff.example", role: "owner" }))).toMatchObject({ status: "error", fields: { role: expect.any(String) } });
    expect([await role(owner.id), await role(dev.id)]).toEqual(["owner", "support"]);

    staffSession.userId = owner.id;
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: owner.id, role: "admin" }))).toMatchObject({ status: "error", fields: { role: expect.stringContaining("at least one owner") } });
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: admin.id, role: "owner" }))).toMatchObject({ status: "success" });
    expect(await changeRoleAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: owner.id, role: "admin" }))).toMatchObject({ status: "success" });
    expect([await role(owner.id), await role(admin.id)]).toEqual(["admin", "owner"]);
    // Now an admin: still manages the others.
    expect(await removeMemberAction(tenant.live.slug, IDLE_FORM, formOf({ user_id: dev.id }))).toMatchObject({ status: "success" });
    expect(await role(dev.id)).toBeNull();
  });
});
