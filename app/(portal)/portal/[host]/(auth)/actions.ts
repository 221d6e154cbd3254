"use server";
// Server actions of the sign-in pages. Each resolves the tenant from the request's host,
// calls lib/portal-auth, writes the cookies and redirects; errors come back as form state.
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { retryAfterMinutes } from "@/lib/portal-auth/attempt-limit";
import { keepOrNewToken } from "@/lib/portal-auth/crypto";
import { safeNextPath } from "@/lib/portal-auth/gate";
import { plausibleEmail } from "@/lib/portal-auth/lookup";
import { consumeMagicLink, requestMagicLink } from "@/lib/portal-auth/magic-link";
import type { PasswordProblem } from "@/lib/portal-auth/password";
import { requestPasswordReset, resetPasswordWithToken, setPasswordForSession, type SetPasswordResult } from "@/lib/portal-auth/password-reset";
import { signInWithPassword } from "@/lib/portal-auth/password-sign-in";
import { signOut } from "@/lib/portal-auth/sign-out";
import { TOKEN_TTL_MS } from "@/lib/portal-auth/tokens";
import { clearSessionCookie, readBindingValue, readSessionToken, writeBindingCookie, writeSessionCookie } from "../session-cookie";
import { getPortalViewer } from "../viewer";
import { authContext, withAfterCommit, type AuthFormState } from "./context";

const field = (form: FormData, name: string, max = 1024): string => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

const fail = (error: string, fieldName: string | null, email?: string): AuthFormState => ({ error, field: fieldName, email });

export async function requestLinkAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const ctx = await authContext();
  const m = pick(authMessages, ctx.locale).signIn;
  const email = field(form, "email", 320).trim();
  if (!plausibleEmail(email)) return fail(m.invalidEmail, "email", email);
  // The browser keeps one binding value; a link opened in a browser holding another is refused.
  const binding = keepOrNewToken(await readBindingValue());
  await writeBindingCookie(binding, new Date(Date.now() + TOKEN_TTL_MS.magic_link));
  const sent = await withAfterCommit(() =>
    requestMagicLink(getDb(), { tenant: ctx.ref, host: ctx.host, email, bindingValue: binding, next: field(form, "next"), locale: ctx.locale, request: ctx.request }),
  );
  if (!sent.ok) return fail(m.rateLimited(retryAfterMinutes(sent.retryAfterSeconds)), null, email);
  redirect("/sign-in/check-email");
}

export async function passwordSignInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const ctx = await authContext();
  const m = pick(authMessages, ctx.locale).signIn;
  const email = field(form, "email", 320).trim();
  const password = field(form, "password");
  if (!plausibleEmail(email)) return fail(m.invalidEmail, "email", email);
  if (!password) return fail(m.passwordRequired, "password", email);
  const replacesToken = await readSessionToken();
  const result = await withAfterCommit(() =>
    signInWithPassword(getDb(), { tenant: ctx.ref, host: ctx.host, email, password, locale: ctx.locale, request: ctx.request, replacesToken }),
  );
  if (!result.ok) {
    if (result.reason === "rate_limited") return fail(m.rateLimited(retryAfterMinutes(result.retryAfterSeconds)), null, email);
    if (result.reason === "locked") return fail(m.locked(ctx.settings.lockoutMinutes), "password", email);
    if (result.reason === "disabled") return fail(m.passwordDisabled, null, email);
    return fail(m.wrongCredentials, "password", email);
  }
  await writeSessionCookie(result.token, result.session.absoluteExpiresAt);
  redirect(result.mustResetPassword ? "/reset-password" : safeNextPath(field(form, "next")));
}

export async function forgotPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const ctx = await authContext();
  const m = pick(authMessages, ctx.locale);
  const email = field(form, "email", 320).trim();
  if (!plausibleEmail(email)) return fail(m.signIn.invalidEmail, "email", email);
  const sent = await withAfterCommit(() => requestPasswordReset(getDb(), { tenant: ctx.ref, host: ctx.host, email, locale: ctx.locale, request: ctx.request }));
  if (!sent.ok) return fail(m.signIn.rateLimited(retryAfterMinutes(sent.retryAfterSeconds)), null, email);
  redirect("/forgot-password?sent=1");
}

function problemMessage(problem: PasswordProblem, m: (typeof authMessages)["en"]["reset"]): string {
  switch (problem.code) {
    case "too_short": return m.tooShort(problem.min);
    case "too_long": return m.tooLong(problem.max);
    case "common": return m.common;
    case "same_as_email": return m.sameAsEmail;
  }
}

function resultState(result: Exclude<SetPasswordResult, { ok: true }>, m: (typeof authMessages)["en"]["reset"]): AuthFormState {
  if (result.reason === "policy") return fail(problemMessage(result.problem, m), "password");
  if (result.reason === "wrong_current_password") return fail(m.wrongCurrent, "current_password");
  if (result.reason === "same_as_current") return fail(m.sameAsCurrent, "password");
  if (result.reason === "no_session") return fail(m.failed, null);
  return fail(m.badLink, null);
}

/** With a token from the email: reset. Signed in (first password, forced reset, change): set. */
export async function resetPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const ctx = await authContext();
  const m = pick(authMessages, ctx.locale).reset;
  const password = field(form, "password");
  if (password !== field(form, "confirm")) return fail(m.mismatch, "confirm");
  const token = field(form, "token", 200);
  if (token) {
    const result = await resetPasswordWithToken(getDb(), { organizationId: ctx.tenant.id, host: ctx.host, token, password, request: ctx.request, replacesToken: await readSessionToken() });
    if (!result.ok) return resultState(result, m);
    await writeSessionCookie(result.token, result.session!.absoluteExpiresAt);
    redirect("/");
  }
  const viewer = await getPortalViewer(Promise.resolve({ host: ctx.host }), { allow: ["password_reset"] });
  if (!viewer) redirect("/sign-in?next=%2Freset-password");
  const result = await setPasswordForSession(getDb(), {
    organizationId: ctx.tenant.id, portalUserId: viewer.user.id, sessionId: viewer.session.id, password, currentPassword: field(form, "current_password"), request: ctx.request,
  });
  if (!result.ok) return resultState(result, m);
  await writeSessionCookie(result.token, viewer.session.absoluteExpiresAt);
  redirect("/");
}

/** The click on "Continue" for a link opened in another browser than the one that asked for it. */
export async function confirmMagicLinkAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const ctx = await authContext();
  const result = await consumeMagicLink(getDb(), {
    organizationId: ctx.tenant.id, host: ctx.host, token: field(form, "token", 200), bindingValue: await readBindingValue(), request: ctx.request, replacesToken: await readSessionToken(),
  });
  if (!result.ok) redirect(`/sign-in?error=${result.reason === "inactive_user" ? "invalid" : result.reason}`);
  await writeSessionCookie(result.token, result.session.absoluteExpiresAt);
  redirect(result.next);
}

/** "Sign out" in the shell's user menu and on /two-factor: ends this browser's session, back to the sign-in page. */
export async function signOutAction(): Promise<void> {
  const ctx = await authContext();
  await signOut(getDb(), { organizationId: ctx.tenant.id, token: await readSessionToken(), request: ctx.request });
  await clearSessionCookie();
  redirect("/sign-in?error=signed_out");
}
