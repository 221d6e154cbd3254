"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { toFieldState, type FieldFormState } from "@/lib/portal/form-result";
import { textField, type ActionState } from "@/lib/portal/form-state";
import { saveNotificationPrefs } from "@/lib/portal/notification-prefs";
import { changeTeamRole, inviteTeamMember, removeTeamMember } from "@/lib/portal/team";
import { withAfterCommit } from "../../(auth)/context";
import { portalCookieContext } from "../../session-cookie";
import { requireSectionActor } from "../section";

// The Settings section's actions. lib/portal/team.ts enforces manage_users and the owner rules
// (whatever the page showed); notification preferences are each user's own.
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "settings");
  const { request } = await portalCookieContext();
  return { viewer, request, t: pick(portalProfileMessages, viewer.locale) };
}

export async function inviteAction(host: unknown, previous: FieldFormState, form: FormData): Promise<FieldFormState> {
  const { viewer, request, t } = await viewerFor(host);
  const values = { email: textField(form, "email", 320), role: textField(form, "role", 20) };
  const result = await withAfterCommit(() => inviteTeamMember(getDb(), viewer, values, request));
  if (result.ok) refresh();
  return toFieldState(
    result, previous,
    { success: (member) => t.settings.invite.sent(member.email), errors: t.common.errors, fields: t.settings.invite.fieldErrors, fallback: t.common.fieldFallback },
    result.ok ? { email: "", role: values.role } : values,
  );
}

export async function changeRoleAction(host: unknown, userId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const result = await changeTeamRole(getDb(), viewer, typeof userId === "string" ? userId : "", textField(form, "role", 20));
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  refresh();
  return { status: "success", message: t.settings.users.roleSaved };
}

export async function removeUserAction(host: unknown, userId: unknown): Promise<ActionState> {
  const { viewer, request, t } = await viewerFor(host);
  const result = await removeTeamMember(getDb(), viewer, typeof userId === "string" ? userId : "", request);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  refresh();
  return { status: "success", message: t.settings.users.removed };
}

export async function saveNotificationsAction(host: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const chosen = new Set(form.getAll("notify").filter((v): v is string => typeof v === "string"));
  const result = await saveNotificationPrefs(getDb(), viewer, chosen);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  refresh();
  return { status: "success", message: t.settings.notifications.saved };
}
