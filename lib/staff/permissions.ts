import type { MemberRole } from "@/db/schema";

// What each staff role may do in the admin area. Membership is held on the live organization
// and the same role applies in its sandbox. Checked on the server by requireStaff (app) through
// authorizeStaff (lib/staff/access.ts) on every page, route and server action; the UI only
// hides what the server would refuse anyway. docs/admin.md shows this table.
export const PERMISSIONS = [
  "organization:read", // the organization's overview, the switcher
  "portal_settings:read", // branding, sections, sign-in methods, SSO (never its secrets)
  "portal_settings:write", // change them, upload images, test SSO
  "business:read", // catalog, customers, subscriptions, invoices, payments (read)
  "business:write", // change them
  "portal_users:manage", // a billing account's portal users: invite, force a password reset, unblock
  "developers:read", // API keys, webhooks and their deliveries, request log, email outbox
  "developers:write", // create / roll / revoke keys, manage webhook endpoints, resend deliveries
  "members:read", // the staff list and pending invitations
  "members:write", // invite, change roles, remove (never touching owners)
  "members:owners", // make or unmake owners (ownership transfer), remove an owner
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL = new Set<Permission>(PERMISSIONS);

export const ROLE_PERMISSIONS: Record<MemberRole, ReadonlySet<Permission>> = {
  owner: ALL,
  admin: new Set(PERMISSIONS.filter((p) => p !== "members:owners")),
  developer: new Set<Permission>(["organization:read", "portal_settings:read", "business:read", "developers:read", "developers:write", "members:read"]),
  support: new Set<Permission>(["organization:read", "portal_settings:read", "business:read", "portal_users:manage", "members:read"]),
};

export function can(role: MemberRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles someone with `role` may hand out or take away (admins cannot touch owners). */
export function assignableRoles(role: MemberRole): MemberRole[] {
  if (!can(role, "members:write")) return [];
  return can(role, "members:owners") ? ["owner", "admin", "developer", "support"] : ["admin", "developer", "support"];
}

export const ROLE_LABELS: Record<MemberRole, string> = { owner: "Owner", admin: "Admin", developer: "Developer", support: "Support" };
