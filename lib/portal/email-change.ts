import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { portalUsers } from "@/db/schema";
import { dbNow } from "@/db/schema/columns";
import { now } from "@/lib/clock";
import { queueEmail } from "@/lib/email/send";
import { logAccess } from "@/lib/portal-auth/access-log";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { portalOrigin } from "@/lib/portal-auth/links";
import { findUserByEmail, findUserById, normalizeEmail } from "@/lib/portal-auth/lookup";
import { verifyPassword } from "@/lib/portal-auth/password";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { checkToken, consumeToken, countRecentTokens, issueToken, TOKEN_TTL_MS, voidTokens, type TokenRefusal } from "@/lib/portal-auth/tokens";
import { getPortalSettings } from "./settings";
import { fieldIssues, formFail, formOk, type FormResult } from "./form-result";

// Changing a portal user's email: a link (portal token purpose `email_change`, 24 hours, once,
// only on the host it was asked on) goes to the NEW address; the address changes only when
// that link is used, so nobody can move an account to an address they do not read. The old
// address then gets a notice, and the links already sent to it (sign-in, password reset) die.
// The access log gets `email_change_requested` for the request and `email_changed` for the change.
// An address already used by another portal user of the organization gets no email, and the
// form says the same as for any other address: the form tells nothing about who has an account.
export const EMAIL_CHANGE_PATH = "/profile/email/confirm";
export const EMAIL_CHANGES_PER_HOUR = 5;

const emailInput = z.strictObject({ email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters")) });

type Who = { organizationId: string; portalUserId: string };

/** Asks for a change: checks the current password (when the user has one) and emails a link to the new address. */
export async function requestEmailChange(
  db: DbOrTx,
  input: Who & { host: string; email: string; currentPassword: string; request: RequestInfo },
): Promise<FormResult<{ email: string }>> {
  const parsed = emailInput.safeParse({ email: input.email });
  if (!parsed.success) return formFail("invalid", fieldIssues(parsed.error.issues));
  const email = parsed.data.email;
  const user = await findUserById(db, input.organizationId, input.portalUserId);
  if (!user || user.status !== "active") return formFail("state_conflict");
  if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash))) return formFail("wrong_password", { current_password: "is not your current password" });
  if (normalizeEmail(user.email) === email) return formFail("same_email", { email: "is your current email" });
  return db.transaction(async (tx) => {
    const recent = await countRecentTokens(tx, { organizationId: user.organizationId, portalUserId: user.id, purpose: "email_change", sinceMs: 3_600_000 });
    if (recent >= EMAIL_CHANGES_PER_HOUR) return formFail("throttled");
    // Only the newest link works: asking again voids the previous ones.
    await voidTokens(tx, { organizationId: user.organizationId, portalUserId: user.id, purposes: ["email_change"] });
    const issued = await issueToken(tx, { organizationId: user.organizationId, portalUserId: user.id, purpose: "email_change", host: input.host, data: { email, previous: user.email } });
    // In the user's own access log (Profile) either way: they asked, whatever happens to the address.
    await logAccess(tx, { organizationId: user.organizationId, portalUserId: user.id, email, event: "email_change_requested", method: "portal", detail: `from ${user.email}`, request: input.request });
    if (await findUserByEmail(tx, user.organizationId, email)) return formOk({ email }); // taken: the same answer, no email
    const tenant = await getTenantRef(tx, user.organizationId);
    const settings = await getPortalSettings(tx, user.organizationId);
    await queueEmail(tx, {
      organizationId: user.organizationId, template: "email_change", to: email, locale: user.locale ?? settings.defaultLocale,
      data: { new_email: email, url: `${portalOrigin(tenant, input.host)}${EMAIL_CHANGE_PATH}?token=${encodeURIComponent(issued.token)}`, expires_in_hours: TOKEN_TTL_MS.email_change / 3_600_000 },
    });
    return formOk({ email });
  });
}

export type EmailChangeRefusal = TokenRefusal | "inactive_user" | "stale" | "email_taken";
export type EmailChangePreview = { ok: true; email: string; previous: string } | { ok: false; reason: EmailChangeRefusal };

const tokenData = (data: Record<string, unknown>) =>
  typeof data.email === "string" && typeof data.previous === "string" ? { email: data.email, previous: data.previous } : null;

/** What a link would change, without using it (the confirmation page shows it before the click). */
export async function previewEmailChange(db: DbOrTx, input: { organizationId: string; host: string; token: string | null | undefined }): Promise<EmailChangePreview> {
  const check = await checkToken(db, { organizationId: input.organizationId, purposes: ["email_change"], token: input.token, host: input.host });
  if (!check.ok) return { ok: false, reason: check.reason };
  const data = tokenData(check.row.data);
  const user = check.row.portalUserId ? await findUserById(db, input.organizationId, check.row.portalUserId) : null;
  if (!data || !user || user.status !== "active") return { ok: false, reason: "inactive_user" };
  if (normalizeEmail(user.email) !== normalizeEmail(data.previous)) return { ok: false, reason: "stale" };
  return { ok: true, email: data.email, previous: user.email };
}

/** j***@example.com: enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * Uses the link: the email changes (and counts as verified), the old address is told, links
 * sent to the old address are voided, the access log gets `email_changed`. Once only, on the
 * host it was issued for, within 24 hours, and only while the user still has the address the
 * change started from.
 */
export async function confirmEmailChange(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; request: RequestInfo },
): Promise<{ ok: true; email: string; portalUserId: string } | { ok: false; reason: EmailChangeRefusal }> {
  try {
    return await db.transaction(async (tx) => {
      const check = await consumeToken(tx, { organizationId: input.organizationId, purposes: ["email_change"], token: input.token, host: input.host });
      if (!check.ok) return { ok: false as const, reason: check.reason };
      const data = tokenData(check.row.data);
      const user = check.row.portalUserId ? await findUserById(tx, input.organizationId, check.row.portalUserId, { forUpdate: true }) : null;
      if (!data || !user || user.status !== "active") return { ok: false as const, reason: "inactive_user" as const };
      if (normalizeEmail(user.email) !== normalizeEmail(data.previous)) return { ok: false as const, reason: "stale" as const };
      const holder = await findUserByEmail(tx, input.organizationId, data.email);
      if (holder && holder.id !== user.id) return { ok: false as const, reason: "email_taken" as const };
      const changedAt = now();
      await tx
        .update(portalUsers)
        .set({ email: data.email, emailVerifiedAt: changedAt, updatedAt: dbNow() })
        .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, input.organizationId)));
      await voidTokens(tx, { organizationId: input.organizationId, portalUserId: user.id, purposes: ["magic_link", "password_reset", "email_change"] });
      await logAccess(tx, { organizationId: input.organizationId, portalUserId: user.id, email: data.email, event: "email_changed", method: "email_link", detail: `from ${user.email}`, request: input.request });
      const settings = await getPortalSettings(tx, input.organizationId);
      await queueEmail(tx, {
        organizationId: input.organizationId, template: "email_changed", to: user.email, locale: user.locale ?? settings.defaultLocale,
        data: { new_email_masked: maskEmail(data.email), changed_at: changedAt },
      });
      return { ok: true as const, email: data.email, portalUserId: user.id };
    });
  } catch (error) {
    // Two users confirming the same new address at once: the unique index lets one through.
    if (isUniqueViolation(error, "portal_users_org_email_key")) return { ok: false, reason: "email_taken" };
    throw error;
  }
}
