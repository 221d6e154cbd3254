import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db";
import type { AdminFormState } from "@/lib/admin/form-state";
import { authorizeStaff, type StaffContext } from "@/lib/staff/access";
import type { Permission } from "@/lib/staff/permissions";

// The one gate of the admin area: every page, route and server action under /admin/<org>/…
// calls requireStaff (pages, routes) or staffAction (actions) with the permission it needs
// (lib/staff/permissions.ts). The session says who; lib/staff/access.ts says what they may do.

/** The signed-in staff member's id, or null. */
export const currentStaffUserId = cache(async (): Promise<string | null> => (await auth())?.user?.id ?? null);

/** Pages and routes: signed out -> sign-in; not a member -> 404; without the permission -> 404 as well (nothing to show). */
export async function requireStaff(organizationSlug: string, permission: Permission): Promise<StaffContext> {
  const userId = await currentStaffUserId();
  if (!userId) redirect("/admin/sign-in");
  const access = await authorizeStaff(getDb(), { userId, organizationSlug, permission });
  if (!access.ok) notFound();
  return access.staff;
}

/** Route handlers: the context, or null (the handler answers 404). */
export async function findStaff(organizationSlug: string, permission: Permission): Promise<StaffContext | null> {
  const userId = await currentStaffUserId();
  if (!userId) return null;
  const access = await authorizeStaff(getDb(), { userId, organizationSlug, permission });
  return access.ok ? access.staff : null;
}

export type ActionGate = { ok: true; staff: StaffContext } | { ok: false; state: AdminFormState };

/** Server actions: never a redirect or a throw — a refusal is a form state (posting anyway changes nothing). */
export async function staffAction(organizationSlug: string, permission: Permission, prev: AdminFormState): Promise<ActionGate> {
  const refuse = (message: string): ActionGate => ({ ok: false, state: { status: "error", message, fields: {}, values: prev.values, seq: prev.seq + 1 } });
  const userId = await currentStaffUserId();
  if (!userId) return refuse("Your session has ended: sign in again.");
  const access = await authorizeStaff(getDb(), { userId, organizationSlug, permission });
  if (!access.ok) return refuse(access.reason === "forbidden" ? "Your role does not allow this." : "This organization was not found.");
  return { ok: true, staff: access.staff };
}
