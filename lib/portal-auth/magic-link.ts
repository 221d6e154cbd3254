import type { DbOrTx } from "@/db";
import { portalUsers } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { now } from "@/lib/clock";
import type { Locale } from "@/lib/i18n/locale";
import { getPortalSettings } from "@/lib/portal/settings";
import { logAccess } from "./access-log";
import { takeAttempt, type AttemptCheck } from "./attempt-limit";
import type { RequestInfo } from "./context";
import { randomToken, sha256 } from "./crypto";
import { safeNextPath } from "./gate";
import { portalOrigin, queueAuthEmail, type PortalTenantRef } from "./links";
import { findUserByEmail, findUserById, normalizeEmail } from "./lookup";
import { createPortalSession, type PortalSessionView } from "./sessions";
import { checkToken, consumeToken, countRecentTokens, issueToken, TOKEN_TTL_MS, type TokenRefusal } from "./tokens";

// Magic link sign-in: an email with a one-time link (15 minutes, single use, this host only,
// bound to the requesting browser). The caller answers the same ("check your email") whatever
// happens here, and both paths do the same work, so the form tells nothing about which
// emails have an account. Only active portal users receive one. Attempts are limited per client
// IP and per address (attempt-limit.ts): refused, the caller says when to try again.
export const MAGIC_LINKS_PER_WINDOW = 5; // per user per 15 minutes: more are silently not sent

export async function requestMagicLink(
  db: DbOrTx,
  input: { tenant: PortalTenantRef; host: string; email: string; bindingValue: string | null; next?: string | null; locale: Locale; request: RequestInfo },
): Promise<AttemptCheck> {
  const email = normalizeEmail(input.email).slice(0, 254);
  const attempt = await takeAttempt(db, { organizationId: input.tenant.id, form: "magic_link", request: input.request, email });
  if (!attempt.ok) return attempt;
  const settings = await getPortalSettings(db, input.tenant.id);
  await db.transaction(async (tx) => {
    const user = settings.authMethods.magic_link ? await findUserByEmail(tx, input.tenant.id, email) : null;
    const eligible = user?.status === "active";
    const throttled = eligible && (await countRecentTokens(tx, { organizationId: input.tenant.id, portalUserId: user.id, purpose: "magic_link", sinceMs: TOKEN_TTL_MS.magic_link })) >= MAGIC_LINKS_PER_WINDOW;
    if (!eligible || throttled) {
      sha256(randomToken()); // the same work as a real token, nothing stored
      await logAccess(tx, { organizationId: input.tenant.id, portalUserId: user?.id ?? null, email, event: "sign_in_failed", method: "magic_link", detail: throttled ? "magic_link_throttled" : "magic_link_no_active_user", request: input.request });
      return;
    }
    const issued = await issueToken(tx, {
      organizationId: input.tenant.id, portalUserId: user.id, purpose: "magic_link", host: input.host, bindingValue: input.bindingValue,
      data: { next: safeNextPath(input.next) },
    });
    const url = `${portalOrigin(input.tenant, input.host)}/auth/magic?token=${encodeURIComponent(issued.token)}`;
    await queueAuthEmail(tx, {
      tenant: input.tenant, template: "magic_link", to: user.email, locale: user.locale ?? input.locale,
      data: { url, expires_in_minutes: TOKEN_TTL_MS.magic_link / 60_000 },
    });
    await logAccess(tx, { organizationId: input.tenant.id, portalUserId: user.id, email: user.email, event: "magic_link_sent", method: "magic_link", request: input.request });
  });
  return attempt;
}

export type MagicLinkPreview = { ok: true; sameBrowser: boolean; email: string; invite: boolean } | { ok: false; reason: TokenRefusal | "inactive_user" };

/**
 * Looks at a magic or invite link without using it. Opened in the browser that asked for it,
 * the app signs in at once; elsewhere (another device, a mail scanner, a link planted by
 * someone else) it first shows whose sign-in this is and asks for a click (a POST).
 */
export async function previewMagicLink(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; bindingValue: string | null },
): Promise<MagicLinkPreview> {
  const check = await checkToken(db, { organizationId: input.organizationId, purposes: ["magic_link", "invite"], token: input.token, host: input.host, bindingValue: input.bindingValue });
  if (!check.ok) return { ok: false, reason: check.reason };
  const user = check.row.portalUserId ? await findUserById(db, input.organizationId, check.row.portalUserId) : null;
  const invite = check.row.purpose === "invite";
  if (!user || !(user.status === "active" || (invite && user.status === "invited"))) return { ok: false, reason: "inactive_user" };
  return { ok: true, sameBrowser: check.sameBrowser, email: user.email, invite };
}

export type SignInResult =
  | { ok: true; token: string; session: PortalSessionView; next: string }
  | { ok: false; reason: TokenRefusal | "inactive_user" };

/**
 * Uses a magic link or an invite link: a new session (rotating away the browser's previous one).
 * An invite also activates the invited user. Refusals are logged; the token stays unused when
 * it was refused for host or browser, so the right browser can still use it.
 */
export async function consumeMagicLink(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; bindingValue: string | null; request: RequestInfo; replacesToken?: string | null },
): Promise<SignInResult> {
  const result = await db.transaction(async (tx): Promise<SignInResult & { userId?: string | null }> => {
    const check = await consumeToken(tx, { organizationId: input.organizationId, purposes: ["magic_link", "invite"], token: input.token, host: input.host, bindingValue: input.bindingValue });
    if (!check.ok) return { ok: false, reason: check.reason, userId: check.row?.portalUserId };
    const user = check.row.portalUserId ? await findUserById(tx, input.organizationId, check.row.portalUserId, { forUpdate: true }) : null;
    const invite = check.row.purpose === "invite";
    if (!user || !(user.status === "active" || (invite && user.status === "invited"))) return { ok: false, reason: "inactive_user", userId: user?.id ?? null };
    await tx
      .update(portalUsers)
      .set({ status: "active", emailVerifiedAt: user.emailVerifiedAt ?? now() })
      .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, input.organizationId)));
    const settings = await getPortalSettings(tx, input.organizationId);
    const { token, session } = await createPortalSession(tx, {
      organizationId: input.organizationId, portalUserId: user.id, method: "magic_link", settings, request: input.request, replacesToken: input.replacesToken,
    });
    await logAccess(tx, { organizationId: input.organizationId, portalUserId: user.id, email: user.email, event: "sign_in_succeeded", method: "magic_link", detail: invite ? "invite" : null, request: input.request });
    return { ok: true, token, session, next: safeNextPath(typeof check.row.data.next === "string" ? check.row.data.next : null) };
  });
  if (!result.ok) {
    await logAccess(db, { organizationId: input.organizationId, portalUserId: result.userId ?? null, event: "sign_in_failed", method: "magic_link", detail: `link_${result.reason}`, request: input.request });
    return { ok: false, reason: result.reason };
  }
  return { ok: true, token: result.token, session: result.session, next: result.next };
}
