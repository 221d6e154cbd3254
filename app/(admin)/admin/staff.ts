import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { revalidatePath } from "next/cache";
import { getDb, type DbOrTx } from "@/db";
import { withAfterCommit } from "@/lib/after-commit";
import { errorState, type AdminFormState, type OrgScope } from "@/lib/admin/form-state";
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

/** A form's handler (lib/admin/*-forms.ts): reads the form, calls the same service as the API, answers a form state. */
export type StaffFormHandler = (db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState, staff: StaffContext) => Promise<AdminFormState>;

/**
 * The server actions' one path: the permission check (staffAction), then the handler inside
 * withAfterCommit (the emails, webhook deliveries and jobs its service queued are handed over
 * once it succeeded, as in the API), then, on success, `/admin/<slug>/<revalidate>` and the pages
 * below it are rendered afresh.
 */
export async function runStaffForm(
  slug: string, permission: Permission, prev: AdminFormState, form: FormData, handler: StaffFormHandler, revalidate?: string,
): Promise<AdminFormState> {
  const gate = await staffAction(slug, permission, prev);
  if (!gate.ok) return gate.state;
  const org = { organizationId: gate.staff.organization.id, mode: gate.staff.organization.mode };
  const state = await withAfterCommit(() => handler(getDb(), org, form, prev, gate.staff), (s) => s.status === "success");
  if (state.status === "success" && revalidate !== undefined) revalidatePath(`/admin/${slug}/${revalidate}`, "layout");
  return state;
}
