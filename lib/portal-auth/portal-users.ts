import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { portalRoles, portalUsers, type PortalUser } from "@/db/schema";
import { dbNow } from "@/db/schema/columns";
import { ApiError, notFound } from "@/lib/api/errors";
import { text } from "@/lib/api/fields";
import { filterEq, listPage } from "@/lib/api/pagination";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { LOCALES } from "@/lib/i18n/locale";
import { getPortalSettings } from "@/lib/portal/settings";
import { logAccess, type ActorChannel } from "./access-log";
import type { RequestInfo } from "./context";
import { portalOrigin, queueAuthEmail, tenantPortalHost } from "./links";
import { findUserByEmail } from "./lookup";
import { revokeUserSessions } from "./sessions";
import { getTenantRef } from "./tenant-ref";
import { issueToken, voidTokens } from "./tokens";

// The merchant manages who signs in to a billing account's portal. A user created with
// `send_invite` stays `invited` until the invite link (7 days) is used; otherwise `active`
// (they sign in by magic link). Removing a user ends their sessions and voids their links.
type Scope = { organizationId: string };
/** Who acts, for the access log and the invite email: the API (default) or a portal user ("portal"). */
type ActorOptions = { method?: ActorChannel; inviterName?: string | null };

export const createPortalUserInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters")),
  name: text(120).nullable().optional(),
  role: z.enum(portalRoles).default("viewer").meta({ description: "owner, admin, finance or viewer (default: viewer)" }),
  locale: z.enum(LOCALES).nullable().optional(),
  send_invite: z.boolean().default(false).meta({ description: "Email an invite link valid for 7 days; the user is `invited` until it is used" }),
});
export const updatePortalUserInput = z.strictObject({ name: text(120).nullable(), role: z.enum(portalRoles), locale: z.enum(LOCALES).nullable() }).partial();

const byId = (organizationId: string, id: string) => and(eq(portalUsers.id, id), eq(portalUsers.organizationId, organizationId));

export async function getPortalUserOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<PortalUser> {
  const query = db.select().from(portalUsers).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("portal user", scope.id);
  return row;
}

export async function createPortalUser(
  db: DbOrTx,
  scope: Scope & { billingAccountId: string },
  input: z.output<typeof createPortalUserInput> & { status?: "active" | "invited" },
  request: RequestInfo,
  options: ActorOptions = {},
): Promise<PortalUser> {
  return db.transaction(async (tx) => {
    await getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: scope.billingAccountId });
    if (await findUserByEmail(tx, scope.organizationId, input.email)) {
      throw new ApiError("resource_conflict", "A portal user with this email already exists in this organization", { param: "email" });
    }
    const [user] = await tx
      .insert(portalUsers)
      .values({
        organizationId: scope.organizationId, billingAccountId: scope.billingAccountId, email: input.email, name: input.name ?? null,
        role: input.role, locale: input.locale ?? null, status: input.status ?? (input.send_invite ? "invited" : "active"),
      })
      .returning();
    await logAccess(tx, { organizationId: scope.organizationId, portalUserId: user!.id, email: user!.email, event: "user_provisioned", method: options.method ?? "api", request });
    if (input.send_invite) await sendInvite(tx, user!, request, options);
    return user!;
  });
}

/** An invite email with a sign-in link valid for 7 days on the tenant's portal host. */
export async function sendInvite(db: DbOrTx, user: PortalUser, request: RequestInfo, options: ActorOptions = {}): Promise<void> {
  const tenant = await getTenantRef(db, user.organizationId);
  const account = await getBillingAccountOrThrow(db, { organizationId: user.organizationId, id: user.billingAccountId });
  const settings = await getPortalSettings(db, user.organizationId);
  const host = tenantPortalHost(tenant.slug);
  const issued = await issueToken(db, { organizationId: user.organizationId, portalUserId: user.id, purpose: "invite", host });
  await queueAuthEmail(db, {
    tenant, template: "invite", to: user.email, locale: user.locale ?? settings.defaultLocale,
    data: { url: `${portalOrigin(tenant, host)}/auth/magic?token=${encodeURIComponent(issued.token)}`, inviter_name: options.inviterName ?? null, account_name: account.name },
  });
  await logAccess(db, { organizationId: user.organizationId, portalUserId: user.id, email: user.email, event: "invite_sent", method: options.method ?? "api", request });
}

export async function listPortalUsers(
  db: DbOrTx,
  scope: Scope & { billingAccountId: string },
  filters: { limit: number; cursor?: string; status?: PortalUser["status"] },
): Promise<PortalUser[]> {
  await getBillingAccountOrThrow(db, { organizationId: scope.organizationId, id: scope.billingAccountId });
  return listPage(db, portalUsers, scope, [eq(portalUsers.billingAccountId, scope.billingAccountId), filters.status ? filterEq(portalUsers.status, filters.status) : ne(portalUsers.status, "removed")], filters);
}

export async function updatePortalUser(db: DbOrTx, scope: Scope & { id: string }, input: z.output<typeof updatePortalUserInput>): Promise<PortalUser> {
  return db.transaction(async (tx) => {
    const user = await getPortalUserOrThrow(tx, scope, { forUpdate: true });
    if (user.status === "removed") throw new ApiError("resource_archived", "This portal user was removed");
    const [row] = await tx
      .update(portalUsers)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        updatedAt: dbNow(),
      })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    return row!;
  });
}

export async function removePortalUser(db: DbOrTx, scope: Scope & { id: string }, request: RequestInfo, options: ActorOptions = {}): Promise<PortalUser> {
  return db.transaction(async (tx) => {
    await getPortalUserOrThrow(tx, scope, { forUpdate: true });
    const [row] = await tx.update(portalUsers).set({ status: "removed", updatedAt: dbNow() }).where(byId(scope.organizationId, scope.id)).returning();
    await revokeUserSessions(tx, { organizationId: scope.organizationId, portalUserId: scope.id });
    await voidTokens(tx, { organizationId: scope.organizationId, portalUserId: scope.id, purposes: ["magic_link", "invite", "password_reset", "deep_link", "email_change"] });
    await logAccess(tx, { organizationId: scope.organizationId, portalUserId: scope.id, email: row!.email, event: "signed_out_everywhere", method: options.method ?? "api", detail: "user_removed", request });
    return row!;
  });
}

export async function unblockPortalUser(db: DbOrTx, scope: Scope & { id: string }, request: RequestInfo, via: ActorChannel = "api"): Promise<PortalUser> {
  return db.transaction(async (tx) => {
    const user = await getPortalUserOrThrow(tx, scope, { forUpdate: true });
    const [row] = await tx.update(portalUsers).set({ failedAttempts: 0, lockedUntil: null, updatedAt: dbNow() }).where(byId(scope.organizationId, scope.id)).returning();
    await logAccess(tx, { organizationId: scope.organizationId, portalUserId: user.id, email: user.email, event: "unlocked", method: via, detail: "merchant", request });
    return row!;
  });
}
