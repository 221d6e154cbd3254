import { and, eq, or, sql } from "drizzle-orm";
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

/** The staff member's standing in the organization addressed by `organizationSlug` (two queries), or null for a non-member. */
export async function findStaffContext(db: DbOrTx, input: { userId: string; organizationSlug: string }): Promise<StaffContext | null> {
  if (!SLUG.test(input.organizationSlug)) return null;
  // The addressed organization and the role held on its live organization (membership lives there).
  const [found] = await db
    .select({ addressed: columns, role: organizationMembers.role })
    .from(organizations)
    .innerJoin(
      organizationMembers,
      and(eq(organizationMembers.organizationId, sql`coalesce(${organizations.liveOrganizationId}, ${organizations.id})`), eq(organizationMembers.userId, input.userId)),
    )
    .where(eq(organizations.slug, input.organizationSlug));
  if (!found) return null;
  const { addressed, role } = found;
  const liveId = addressed.liveOrganizationId ?? addressed.id;
  // Its pair: the live organization and its sandbox.
  const pair = await db.select(columns).from(organizations).where(or(eq(organizations.id, liveId), eq(organizations.liveOrganizationId, liveId)));
  const live = pair.find((o) => o.id === liveId)!;
  const sandbox = pair.find((o) => o.liveOrganizationId === liveId) ?? null;
  return { userId: input.userId, role, organization: addressed, live, sandbox, testMode: addressed.mode === "test" };
}

/** The staff member's standing in the organization addressed by `organizationSlug`, checked against `permission`. */
export async function authorizeStaff(db: DbOrTx, input: { userId: string; organizationSlug: string; permission: Permission }): Promise<StaffAccess> {
  return checkPermission(await findStaffContext(db, input), input.permission);
}

/** A context (or its absence) against one permission: what requireStaff and staffAction decide on. */
export function checkPermission(staff: StaffContext | null, permission: Permission): StaffAccess {
  if (!staff) return { ok: false, reason: "not_found" };
  return can(staff.role, permission) ? { ok: true, staff } : { ok: false, reason: "forbidden", staff };
}
