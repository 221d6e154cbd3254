"use server";
// Server actions of two-factor authentication: the /two-factor page (a code at sign-in, or the
// enrollment a role requires) and the settings block the Profile section embeds. The tenant and
// viewer come from the request (Host header + session cookie), never from the client.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import type { TwoFactorFormState } from "@/components/portal/two-factor/state";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { twoFactorMessages } from "@/lib/i18n/messages/two-factor";
import { retryAfterMinutes } from "@/lib/portal-auth/attempt-limit";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { safeNextPath } from "@/lib/portal-auth/gate";
import {
  beginTotpEnrollment, cancelTotpEnrollment, confirmTotpEnrollment, disableTotp, regenerateRecoveryCodes, verifySecondFactor,
} from "@/lib/portal-auth/two-factor";
import { clearSessionCookie, writeSessionCookie } from "../../session-cookie";
import { getPortalViewer, type PortalViewer } from "../../viewer";
import { authContext } from "../context";

const text = (form: FormData, name: string, max = 64): string => {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
};

/** The viewer of this request; `pending`: the second factor may still be outstanding (the /two-factor page). */
async function viewerOf(pending: boolean): Promise<{ viewer: PortalViewer; request: RequestInfo }> {
  const ctx = await authContext();
  const viewer = await getPortalViewer(Promise.resolve({ host: ctx.host }), pending ? { allow: ["two_factor"] } : {});
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent("/two-factor")}`);
  return { viewer, request: ctx.request };
}

function refusal(reason: string, viewer: PortalViewer): TwoFactorFormState {
  const errors = pick(twoFactorMessages, viewer.locale).errors;
  return { status: "error", message: errors[reason] ?? errors.failed! };
}

/** A refused code: the message, or — the attempt that reached the limit ended the session — back to sign-in. */
async function refused(result: { reason: string; locked?: boolean }, viewer: PortalViewer): Promise<TwoFactorFormState> {
  if (!result.locked) return refusal(result.reason, viewer);
  await clearSessionCookie();
  redirect("/sign-in?error=two_factor_locked");
}

type CodeInput = { organizationId: string; portalUserId: string; sessionId: string; code: string; request: RequestInfo };

/** The viewer and what the services take from a code form; `empty`: no code was typed. */
async function codeForm(form: FormData, pending: boolean): Promise<{ viewer: PortalViewer; input: CodeInput; empty: boolean }> {
  const { viewer, request } = await viewerOf(pending);
  const code = text(form, "code").trim();
  return { viewer, input: { organizationId: viewer.tenant.id, portalUserId: viewer.user.id, sessionId: viewer.session.id, code, request }, empty: !code };
}

/** /two-factor: a TOTP or recovery code completes the sign-in (new session token), then on to `next`. */
export async function verifySecondFactorAction(_prev: TwoFactorFormState, form: FormData): Promise<TwoFactorFormState> {
  const { viewer, input, empty } = await codeForm(form, true);
  if (empty) return refusal("empty", viewer);
  const result = await verifySecondFactor(getDb(), input);
  if (!result.ok && result.reason === "rate_limited") {
    return { status: "error", message: pick(authMessages, viewer.locale).signIn.rateLimited(retryAfterMinutes(result.retryAfterSeconds)) };
  }
  if (!result.ok) return refused(result, viewer);
  await writeSessionCookie(result.token, viewer.session.absoluteExpiresAt);
  redirect(safeNextPath(text(form, "next", 1000)));
}

/** Confirms an enrollment with a code from the app: 2FA on, the session verified, recovery codes returned once. */
export async function confirmEnrollmentAction(_prev: TwoFactorFormState, form: FormData): Promise<TwoFactorFormState> {
  const { viewer, input, empty } = await codeForm(form, true);
  if (empty) return refusal("empty", viewer);
  const result = await confirmTotpEnrollment(getDb(), input);
  if (!result.ok) return refused(result, viewer);
  await writeSessionCookie(result.token, viewer.session.absoluteExpiresAt);
  return { status: "done", message: null, recoveryCodes: result.recoveryCodes };
}

/** Settings: start an enrollment (a pending secret; the block then shows the QR code). */
export async function beginEnrollmentAction(): Promise<void> {
  const { viewer } = await viewerOf(false);
  await beginTotpEnrollment(getDb(), { organizationId: viewer.tenant.id, portalUserId: viewer.user.id });
  refresh();
}

/** Settings: drop a pending enrollment. */
export async function cancelEnrollmentAction(): Promise<void> {
  const { viewer } = await viewerOf(false);
  await cancelTotpEnrollment(getDb(), { organizationId: viewer.tenant.id, portalUserId: viewer.user.id });
  refresh();
}

/** Settings: turn 2FA off with a current code. */
export async function disableTwoFactorAction(_prev: TwoFactorFormState, form: FormData): Promise<TwoFactorFormState> {
  const { viewer, input, empty } = await codeForm(form, false);
  if (empty) return refusal("empty", viewer);
  const result = await disableTotp(getDb(), input);
  if (!result.ok) return refused(result, viewer);
  refresh();
  return { status: "done", message: pick(twoFactorMessages, viewer.locale).settings.disabled };
}

/** Settings: new recovery codes for a current TOTP code. */
export async function regenerateRecoveryCodesAction(_prev: TwoFactorFormState, form: FormData): Promise<TwoFactorFormState> {
  const { viewer, input, empty } = await codeForm(form, false);
  if (empty) return refusal("empty", viewer);
  const result = await regenerateRecoveryCodes(getDb(), input);
  if (!result.ok) return refused(result, viewer);
  refresh();
  return { status: "done", message: null, recoveryCodes: result.recoveryCodes };
}
