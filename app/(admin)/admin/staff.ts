import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { errorState, type AdminFormState } from "@/lib/admin/form-state";
import { checkPermission, findStaffContext, type StaffAccess, type StaffContext } from "@/lib/staff/access";
import type { Permission } from "@/lib/staff/permissions";

// The one gate of the admin area: every page, route and server action under /admin/<org>/…
// calls requireStaff (pages, routes) or staffAction (actions) with the permission it needs
// (lib/staff/permissions.ts). The session says who; lib/staff/access.ts says what they may do.

/** The signed-in staff member's session, or null: read once per request. */
export const currentStaffSession = cache(() => auth());

/** The signed-in staff member's id, or null. */
export const currentStaffUserId = cache(async (): Promise<string | null> => (await currentStaffSession())?.user?.id ?? null);

// The layout, a nested layout and the page each ask: the organization and membership are read
// once per request, and each caller's permission is checked against that one context.
const staffContext = cache((userId: string, organizationSlug: string) => findStaffContext(getDb(), { userId, organizationSlug }));

async function access(organizationSlug: string, permission: Permission): Promise<StaffAccess | null> {
  const userId = await currentStaffUserId();
  return userId ? checkPermission(await staffContext(userId, organizationSlug), permission) : null;
}

/** Pages and routes: signed out -> sign-in; not a member -> 404; without the permission -> 404 as well (nothing to show). */
export async function requireStaff(organizationSlug: string, permission: Permission): Promise<StaffContext> {
  const gate = await access(organizationSlug, permission);
  if (!gate) redirect("/admin/sign-in");
  if (!gate.ok) notFound();
  return gate.staff;
}

/** Route handlers: the context, or null (the handler answers 404). */
export async function findStaff(organizationSlug: string, permission: Permission): Promise<StaffContext | null> {
  const gate = await access(organizationSlug, permission);
  return gate?.ok ? gate.staff : null;
}

export type ActionGate = { ok: true; staff: StaffContext } | { ok: false; state: AdminFormState };

/** Server actions: never a redirect or a throw — a refusal is a form state (posting anyway changes nothing). */
export async function staffAction(organizationSlug: string, permission: Permission, prev: AdminFormState): Promise<ActionGate> {
  const gate = await access(organizationSlug, permission);
  if (gate?.ok) return { ok: true, staff: gate.staff };
  const message = !gate ? "Your session has ended: sign in again." : gate.reason === "forbidden" ? "Your role does not allow this." : "This organization was not found.";
  return { ok: false, state: errorState(prev, message, {}, prev.values) };
}
