import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizationMembers, organizations, type MemberRole, type Organization } from "@/db/schema";
import { can, type Permission } from "./permissions";

// Who may do what in the admin area, decided here for every page, route and server action
// (the app layer's requireStaff adds the session). The admin addresses an organization by its
// slug: the live one (`/admin/acme/…`) or its sandbox (`/admin/acme-test/…`), so a link to a
// test-mode page is a link to test mode. Membership of the live organization grants both with
// the same role. A non-member learns nothing: the organization is "not found".
export type StaffOrganization = Pick<Organization, "id" | "name" | "slug" | "mode" | "liveOrganizationId" | "status">;

export type StaffContext = {
  userId: string;
  role: MemberRole;
  /** The organization the page is about: live or sandbox. */
  organization: StaffOrganization;
  live: StaffOrganization;
  sandbox: StaffOrganization | null;
  testMode: boolean;
};

export type StaffAccess = { ok: true; staff: StaffContext } | { ok: false; reason: "not_found" } | { ok: false; reason: "forbidden"; staff: StaffContext };

const columns = {
  id: organizations.id, name: organizations.name, slug: organizations.slug, mode: organizations.mode,
  liveOrganizationId: organizations.liveOrganizationId, status: organizations.status,
};

const SLUG = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The staff member's standing in the organization addressed by `organizationSlug`, checked against `permission`. */
export async function authorizeStaff(db: DbOrTx, input: { userId: string; organizationSlug: string; permission: Permission }): Promise<StaffAccess> {
  if (!SLUG.test(input.organizationSlug)) return { ok: false, reason: "not_found" };
  const [addressed] = await db.select(columns).from(organizations).where(eq(organizations.slug, input.organizationSlug));
  if (!addressed) return { ok: false, reason: "not_found" };
  const liveId = addressed.liveOrganizationId ?? addressed.id;
  const [membership] = await db
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, liveId), eq(organizationMembers.userId, input.userId)));
  if (!membership) return { ok: false, reason: "not_found" };
  const live = addressed.mode === "live" ? addressed : (await db.select(columns).from(organizations).where(eq(organizations.id, liveId)))[0]!;
  const sandbox =
    addressed.mode === "test" ? addressed : ((await db.select(columns).from(organizations).where(eq(organizations.liveOrganizationId, liveId)))[0] ?? null);
  const staff: StaffContext = { userId: input.userId, role: membership.role, organization: addressed, live, sandbox, testMode: addressed.mode === "test" };
  return can(staff.role, input.permission) ? { ok: true, staff } : { ok: false, reason: "forbidden", staff };
}
