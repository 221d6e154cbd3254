import type { PortalRole } from "@/db/schema";

// What each role of a billing account's portal users may do. Checked on the server for every
// action (a hidden button is a courtesy, not the control). Everyone may read everything of their
// account and manage their own profile.
export const PORTAL_PERMISSIONS = {
  manage_subscriptions: ["owner", "admin"], // change plan/quantity, pause, resume, cancel, buy or remove add-ons, accept/reject proposals
  manage_billing: ["owner", "admin", "finance"], // pay invoices, add/remove payment methods, set default/backup
  manage_account: ["owner", "admin"], // billing account data, tax id, tax address
  manage_users: ["owner", "admin"], // invite, change roles, remove (only an owner touches owners)
} as const satisfies Record<string, readonly PortalRole[]>;

export type PortalPermission = keyof typeof PORTAL_PERMISSIONS;

export const can = (role: PortalRole, permission: PortalPermission): boolean => (PORTAL_PERMISSIONS[permission] as readonly PortalRole[]).includes(role);

/** May `actor` give `target` role or remove a user who has it? Only owners manage owners. */
export const canManageRole = (actor: PortalRole, target: PortalRole): boolean => can(actor, "manage_users") && (target !== "owner" || actor === "owner");
