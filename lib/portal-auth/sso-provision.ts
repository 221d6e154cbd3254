import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, portalRoles, portalUsers, type PortalRole, type PortalUser } from "@/db/schema";
import { dbNow } from "@/db/schema/columns";
import { now } from "@/lib/clock";
import { isUuid } from "@/lib/uuid";
import { logAccess } from "./access-log";
import type { RequestInfo } from "./context";
import { findUserByEmail, normalizeEmail, plausibleEmail } from "./lookup";
import { createPortalSession, type PortalSessionView, type SessionTimeouts } from "./sessions";

// Who an SSO sign-in is. In order:
//   1. the portal user already linked to this identity (`external_id` for signed tokens,
//      `oidc_subject` for OIDC);
//   2. else the user with the same email, if the email is vouched for (a token the merchant
//      signed, or an IdP saying `email_verified: true`) and that user is not linked to another
//      identity: it gets linked;
//   3. else a new user, when the claims name a billing account of this organization
//      (`billing_account_id` or `billing_account_external_id`): role from `role` if valid, else
//      viewer; active; `user_provisioned` in the access log.
// A user linked to the identity but removed by the merchant releases it, and the sign-in goes on
// as for a new identity. An invited user becomes active (the merchant or its IdP vouches).
export type SsoIdentity = {
  method: "sso_jwt" | "oidc";
  /** `external_id` (signed token) or `sub` (OIDC). */
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  role: string | null;
  billingAccountId: string | null;
  billingAccountExternalId: string | null;
};

export type ProvisionRefusal = "no_portal_user" | "no_billing_account" | "identity_conflict" | "email_not_verified";
export type ProvisionResult = { ok: true; user: PortalUser; outcome: "found" | "linked" | "provisioned" } | { ok: false; reason: ProvisionRefusal; user?: PortalUser };

/** A name from the claims is kept to this many characters (an IdP's claim has no length limit). */
const NAME_LIMIT = 120;

/**
 * In the caller's transaction. Two first sign-ins of one identity (a double click, two tabs)
 * take turns: the identity and its email are locked for the transaction, so the second finds
 * the user the first made instead of failing on the unique index.
 */
export async function findOrProvisionSsoUser(tx: DbOrTx, organizationId: string, rawIdentity: SsoIdentity, request: RequestInfo): Promise<ProvisionResult> {
  const identity = { ...rawIdentity, name: rawIdentity.name?.trim().slice(0, NAME_LIMIT) || null };
  const email = identity.email && plausibleEmail(identity.email) ? normalizeEmail(identity.email) : null;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}), hashtext(${`sso:${identity.method}:${identity.subject}`}))`);
  if (email) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}), hashtext(${`sso-email:${email}`}))`);
  const column = identity.method === "sso_jwt" ? portalUsers.externalId : portalUsers.oidcSubject;
  const link = identity.method === "sso_jwt" ? { externalId: identity.subject } : { oidcSubject: identity.subject };
  const unlink = identity.method === "sso_jwt" ? { externalId: null } : { oidcSubject: null };
  const byId = (id: string) => and(eq(portalUsers.id, id), eq(portalUsers.organizationId, organizationId));

  const [linked] = await tx.select().from(portalUsers).where(and(eq(portalUsers.organizationId, organizationId), eq(column, identity.subject))).for("update");
  if (linked && linked.status !== "removed") return { ok: true, user: await refresh(tx, linked, identity, {}), outcome: "found" };
  if (linked) await tx.update(portalUsers).set({ ...unlink, updatedAt: dbNow() }).where(byId(linked.id));

  const sameEmail = email ? await findUserByEmail(tx, organizationId, email, { forUpdate: true }) : null;
  if (sameEmail) {
    if (!identity.emailVerified) return { ok: false, reason: "email_not_verified", user: sameEmail };
    const current = identity.method === "sso_jwt" ? sameEmail.externalId : sameEmail.oidcSubject;
    if (current !== null && current !== identity.subject) return { ok: false, reason: "identity_conflict", user: sameEmail };
    return { ok: true, user: await refresh(tx, sameEmail, identity, link), outcome: "linked" };
  }

  if (!identity.billingAccountId && !identity.billingAccountExternalId) return { ok: false, reason: "no_portal_user" };
  if (!email || !identity.emailVerified) return { ok: false, reason: "email_not_verified" };
  const accountFilter =
    identity.billingAccountId && isUuid(identity.billingAccountId)
      ? eq(billingAccounts.id, identity.billingAccountId)
      : identity.billingAccountExternalId
        ? eq(billingAccounts.externalId, identity.billingAccountExternalId)
        : sql`false`;
  const [account] = await tx
    .select({ id: billingAccounts.id })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.organizationId, organizationId), accountFilter, eq(billingAccounts.status, "active")));
  if (!account) return { ok: false, reason: "no_billing_account" };
  const role: PortalRole = (portalRoles as readonly string[]).includes(identity.role ?? "") ? (identity.role as PortalRole) : "viewer";
  const [user] = await tx
    .insert(portalUsers)
    .values({ organizationId, billingAccountId: account.id, email, name: identity.name, role, status: "active", emailVerifiedAt: now(), ...link })
    .returning();
  await logAccess(tx, { organizationId, portalUserId: user!.id, email, event: "user_provisioned", method: identity.method, detail: `role ${role}`, request });
  return { ok: true, user: user!, outcome: "provisioned" };
}

export type SsoSignIn =
  | { ok: true; token: string; session: PortalSessionView; portalUserId: string; outcome: "found" | "linked" | "provisioned" }
  | { ok: false; reason: ProvisionRefusal; portalUserId: string | null };

/**
 * The end of both SSO flows, in the caller's transaction: the user (findOrProvisionSsoUser), a
 * session for them, and `sso_succeeded` in the access log. Refused: why, and whom it concerned.
 */
export async function openSsoSession(
  tx: DbOrTx,
  input: { organizationId: string; identity: SsoIdentity; settings: SessionTimeouts; request: RequestInfo; replacesToken?: string | null },
): Promise<SsoSignIn> {
  const { organizationId, identity, request } = input;
  const found = await findOrProvisionSsoUser(tx, organizationId, identity, request);
  if (!found.ok) return { ok: false, reason: found.reason, portalUserId: found.user?.id ?? null };
  const { token, session } = await createPortalSession(tx, {
    organizationId, portalUserId: found.user.id, method: identity.method, settings: input.settings, request, replacesToken: input.replacesToken,
  });
  await logAccess(tx, { organizationId, portalUserId: found.user.id, email: found.user.email, event: "sso_succeeded", method: identity.method, detail: found.outcome === "found" ? null : found.outcome, request });
  return { ok: true, token, session, portalUserId: found.user.id, outcome: found.outcome };
}

/** Applies the link, activates an invited user, and takes a new name from the claims. */
async function refresh(tx: DbOrTx, user: PortalUser, identity: SsoIdentity, link: Partial<PortalUser>): Promise<PortalUser> {
  const name = identity.name && identity.name !== user.name ? { name: identity.name } : {};
  const activate = user.status === "invited" ? { status: "active" as const, emailVerifiedAt: user.emailVerifiedAt ?? now() } : {};
  if (Object.keys(link).length + Object.keys(name).length + Object.keys(activate).length === 0) return user;
  const [row] = await tx
    .update(portalUsers)
    .set({ ...link, ...name, ...activate, updatedAt: dbNow() })
    .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, user.organizationId)))
    .returning();
  return row!;
}
