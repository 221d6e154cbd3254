"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { deliverInBackground } from "@/lib/email/platform";
import { resultState, type AdminFormState } from "@/lib/admin/form-state";
import { failureState } from "@/lib/admin/form-errors";
import { inviteStaffMember } from "@/lib/staff/invites";
import { changeMemberRole, removeMember, revokeInvite } from "@/lib/staff/members";
import { staffAction } from "../../staff";

// Members: invite, change a role, remove, withdraw an invitation. Each checks "members:write"
// here and the owner rules in lib/staff (admins never touch owners; the last owner stays).
function done(slug: string, state: AdminFormState): AdminFormState {
  if (state.status === "success") revalidatePath(`/admin/${slug}/members`);
  return state;
}

export async function inviteMemberAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "members:write", prev);
  if (!gate.ok) return gate.state;
  try {
    const result = await inviteStaffMember(getDb(), gate.staff, { email: String(form.get("email") ?? "").trim(), role: String(form.get("role") ?? "") });
    if (result.ok) deliverInBackground(getDb(), result.value.emailId);
    return done(slug, resultState(prev, result, result.ok ? `Invitation sent to ${result.value.email}.` : ""));
  } catch (error) {
    return failureState(prev, error);
  }
}

export async function changeRoleAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "members:write", prev);
  if (!gate.ok) return gate.state;
  try {
    const result = await changeMemberRole(getDb(), gate.staff, { user_id: String(form.get("user_id") ?? ""), role: String(form.get("role") ?? "") });
    return done(slug, resultState(prev, result, "Role changed."));
  } catch (error) {
    return failureState(prev, error);
  }
}

export async function removeMemberAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "members:write", prev);
  if (!gate.ok) return gate.state;
  try {
    return done(slug, resultState(prev, await removeMember(getDb(), gate.staff, { user_id: String(form.get("user_id") ?? "") }), "Member removed."));
  } catch (error) {
    return failureState(prev, error);
  }
}

export async function revokeInviteAction(slug: string, prev: AdminFormState, form: FormData): Promise<AdminFormState> {
  const gate = await staffAction(slug, "members:write", prev);
  if (!gate.ok) return gate.state;
  try {
    return done(slug, resultState(prev, await revokeInvite(getDb(), gate.staff, String(form.get("invite_id") ?? "")), "Invitation withdrawn."));
  } catch (error) {
    return failureState(prev, error);
  }
}
