"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { confirmEmailChange, requestEmailChange } from "@/lib/portal/email-change";
import { toFieldState, type FieldFormState } from "@/lib/portal/form-result";
import type { ActionState } from "@/lib/portal/form-state";
import { textField } from "@/lib/portal/form-state";
import { changeProfilePassword, revokeProfileSession, signOutOtherSessions, updateProfileName } from "@/lib/portal/profile";
import { withAfterCommit } from "../../(auth)/context";
import { portalCookieContext, writeSessionCookie } from "../../session-cookie";
import { getPortalVisitor } from "../../viewer";
import { requireSection, requireSectionActor } from "../section";

// The Profile section's actions: always about the signed-in user (their id comes from the
// session cookie, never from the form). lib/portal/profile.ts and email-change.ts hold the rules.
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "profile");
  const { request } = await portalCookieContext();
  return { viewer, host: String(host), request, t: pick(portalProfileMessages, viewer.locale) }; // a string: requireSectionActor checked it
}

export async function saveNameAction(host: unknown, previous: FieldFormState, form: FormData): Promise<FieldFormState> {
  const { viewer, t } = await viewerFor(host);
  const name = textField(form, "name", 500);
  const result = await updateProfileName(getDb(), viewer, name);
  if (result.ok) refresh();
  return toFieldState(result, previous, { success: () => t.profile.name.saved, errors: t.common.errors, fallback: t.common.fieldFallback }, { name: result.ok ? (result.value.name ?? "") : name });
}

export async function requestEmailChangeAction(host: unknown, previous: FieldFormState, form: FormData): Promise<FieldFormState> {
  const { viewer, host: portalHost, request, t } = await viewerFor(host);
  const email = textField(form, "email", 320).trim();
  const result = await withAfterCommit(() =>
    requestEmailChange(getDb(), { organizationId: viewer.tenant.id, portalUserId: viewer.user.id, host: portalHost, email, currentPassword: textField(form, "current_password", 1024), request }),
  );
  return toFieldState(
    result, previous,
    { success: (v) => t.profile.email.sent(v.email), errors: t.common.errors, fields: { email: t.account.fieldErrors.email! }, fallback: t.common.fieldFallback },
    { email: result.ok ? "" : email },
  );
}

export async function changePasswordAction(host: unknown, previous: FieldFormState, form: FormData): Promise<FieldFormState> {
  const { viewer, request, t } = await viewerFor(host);
  const result = await changeProfilePassword(
    getDb(), viewer,
    { password: textField(form, "password", 4096), confirm: textField(form, "confirm", 4096), currentPassword: textField(form, "current_password", 4096) },
    request,
  );
  // The session got a new token (step-up): the browser must hold it, or it is signed out.
  if (result.ok) {
    await writeSessionCookie(result.value.token, viewer.session.absoluteExpiresAt);
    refresh();
  }
  const p = t.profile.password;
  return toFieldState(
    result, previous,
    {
      success: () => p.saved, errors: t.common.errors, fallback: t.common.fieldFallback,
      problem: (problem) => (problem.code === "too_short" ? p.problems.too_short(problem.min) : problem.code === "too_long" ? p.problems.too_long(problem.max) : p.problems[problem.code]),
    },
    null,
  );
}

export async function revokeSessionAction(host: unknown, sessionId: unknown): Promise<ActionState> {
  const { viewer, request, t } = await viewerFor(host);
  const result = await revokeProfileSession(getDb(), viewer, typeof sessionId === "string" ? sessionId : "", request);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  refresh();
  return { status: "success", message: t.profile.sessions.signedOut };
}

export async function signOutOthersAction(host: unknown): Promise<ActionState> {
  const { viewer, request, t } = await viewerFor(host);
  const result = await signOutOtherSessions(getDb(), viewer, request);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  refresh();
  return { status: "success", message: t.profile.sessions.othersDone(result.value.count) };
}

/** The button on the confirmation page of an email change link: works signed in or not (the link is the proof). */
export async function confirmEmailChangeAction(host: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  if (typeof host !== "string") throw new Error("portal action without a host");
  const visitor = await getPortalVisitor(Promise.resolve({ host }));
  requireSection(visitor, "profile");
  const { request } = await portalCookieContext();
  const t = pick(portalProfileMessages, visitor.locale).confirmEmail;
  const result = await withAfterCommit(() => confirmEmailChange(getDb(), { organizationId: visitor.tenant.id, host, token: textField(form, "token", 200), request }));
  if (!result.ok) return { status: "error", message: t.refused[result.reason] };
  // No refresh: re-rendered, the page would find its link used and replace this answer.
  return { status: "success", message: t.done(result.email), link: "/profile" };
}
