import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { invoices, portalUsers, subscriptions, type PortalUser } from "@/db/schema";
import { ApiError, invalid, notFound } from "@/lib/api/errors";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { getPortalSettings } from "@/lib/portal/settings";
import { logAccess } from "./access-log";
import type { RequestInfo } from "./context";
import { portalOrigin, tenantPortalHost } from "./links";
import { findUserByEmail, normalizeEmail } from "./lookup";
import { createPortalUser } from "./portal-users";
import { createPortalSession, type PortalSessionView } from "./sessions";
import { getTenantRef } from "./tenant-ref";
import { consumeToken, issueToken, type TokenRefusal } from "./tokens";

// Deep links: the merchant's app (API key, portal:write) opens an authenticated portal session
// for a customer and sends them straight to a task. The link lives 5 minutes, works once, only
// on the tenant's portal host, and the session remembers return_url ("Back to app").
export const deepLinkFlows = ["payment_method_update", "subscription_cancel", "subscription_update", "invoice_pay"] as const;

export const createDeepLinkInput = z.strictObject({
  billing_account_id: z.uuid(),
  return_url: z.url({ protocol: /^https?$/ }).max(2000).meta({ description: "Where \"Back to app\" leads; its origin must be in portal settings allowed_return_origins" }),
  portal_user_id: z.uuid().optional().meta({ description: "The portal user to sign in (default: the account's first owner)" }),
  email: z.email().max(254).optional().meta({ description: "Or the portal user's email" }),
  flow: z.enum(deepLinkFlows).optional().meta({ description: "Land on a task instead of the overview" }),
  subscription_id: z.uuid().optional().meta({ description: "Required by subscription_cancel and subscription_update" }),
  invoice_id: z.uuid().optional().meta({ description: "Required by invoice_pay" }),
});
export type CreateDeepLinkInput = z.output<typeof createDeepLinkInput>;

/** Where each flow lands (portal-relative). */
export function flowPath(input: Pick<CreateDeepLinkInput, "flow" | "subscription_id" | "invoice_id">): string {
  switch (input.flow) {
    case "payment_method_update": return "/payment-methods";
    case "subscription_cancel": return `/subscriptions/${input.subscription_id}?action=cancel`;
    case "subscription_update": return `/subscriptions/${input.subscription_id}?action=change`;
    case "invoice_pay": return `/invoices/${input.invoice_id}?action=pay`;
    default: return "/";
  }
}

async function checkFlowTarget(db: DbOrTx, organizationId: string, input: CreateDeepLinkInput): Promise<void> {
  if (input.flow === "subscription_cancel" || input.flow === "subscription_update") {
    if (!input.subscription_id) throw invalid("subscription_id", `is required for flow ${input.flow}`);
    const [row] = await db.select({ id: subscriptions.id }).from(subscriptions)
      .where(and(eq(subscriptions.id, input.subscription_id), eq(subscriptions.organizationId, organizationId), eq(subscriptions.billingAccountId, input.billing_account_id)));
    if (!row) throw invalid("subscription_id", "no such subscription on this billing account");
  }
  if (input.flow === "invoice_pay") {
    if (!input.invoice_id) throw invalid("invoice_id", "is required for flow invoice_pay");
    const [row] = await db.select({ id: invoices.id }).from(invoices)
      .where(and(eq(invoices.id, input.invoice_id), eq(invoices.organizationId, organizationId), eq(invoices.billingAccountId, input.billing_account_id)));
    if (!row) throw invalid("invoice_id", "no such invoice on this billing account");
  }
}

/** The portal user the link signs in: named, or the first owner, or a new owner from the account's email. */
async function pickUser(db: DbOrTx, organizationId: string, input: CreateDeepLinkInput, accountEmail: string, request: RequestInfo): Promise<PortalUser> {
  const ofAccount = (u: PortalUser | null | undefined) => (u && u.billingAccountId === input.billing_account_id && u.status !== "removed" ? u : null);
  if (input.portal_user_id) {
    const [row] = await db.select().from(portalUsers).where(and(eq(portalUsers.id, input.portal_user_id), eq(portalUsers.organizationId, organizationId)));
    return ofAccount(row) ?? (() => { throw invalid("portal_user_id", "no such portal user on this billing account"); })();
  }
  if (input.email) {
    return ofAccount(await findUserByEmail(db, organizationId, input.email)) ?? (() => { throw invalid("email", "no portal user with this email on this billing account"); })();
  }
  const users = await db.select().from(portalUsers)
    .where(and(eq(portalUsers.organizationId, organizationId), eq(portalUsers.billingAccountId, input.billing_account_id), ne(portalUsers.status, "removed")))
    .orderBy(asc(portalUsers.createdAt), asc(portalUsers.id));
  const owner = users.find((u) => u.role === "owner") ?? users[0];
  if (owner) return owner;
  if (await findUserByEmail(db, organizationId, accountEmail)) {
    throw invalid("portal_user_id", "the billing account has no portal user and its email belongs to another account's portal user: pass portal_user_id or email");
  }
  return createPortalUser(db, { organizationId, billingAccountId: input.billing_account_id }, { email: normalizeEmail(accountEmail), name: null, role: "owner", send_invite: false }, request);
}

export async function createDeepLink(db: DbOrTx, scope: { organizationId: string }, input: CreateDeepLinkInput, request: RequestInfo): Promise<{ url: string; expiresAt: Date; portalUserId: string }> {
  return db.transaction(async (tx) => {
    const account = await getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: input.billing_account_id }).catch((error: unknown) => {
      throw error instanceof ApiError && error.code === "resource_missing" ? notFound("billing account", input.billing_account_id, "billing_account_id") : error;
    });
    const settings = await getPortalSettings(tx, scope.organizationId);
    const origin = new URL(input.return_url).origin;
    if (!settings.allowedReturnOrigins.includes(origin)) throw invalid("return_url", `origin ${origin} is not in portal settings allowed_return_origins`);
    await checkFlowTarget(tx, scope.organizationId, input);
    const user = await pickUser(tx, scope.organizationId, input, account.email, request);
    const tenant = await getTenantRef(tx, scope.organizationId);
    const host = tenantPortalHost(tenant.slug);
    const issued = await issueToken(tx, { organizationId: scope.organizationId, portalUserId: user.id, purpose: "deep_link", host, data: { return_url: input.return_url, next: flowPath(input), flow: input.flow ?? null } });
    return { url: `${portalOrigin(tenant, host)}/s/${issued.token}`, expiresAt: issued.expiresAt, portalUserId: user.id };
  });
}

export type DeepLinkResult = { ok: true; token: string; session: PortalSessionView; next: string } | { ok: false; reason: TokenRefusal | "inactive_user" };

/** Opens the session of a deep link (once), activating an invited user; the browser then goes to `next`. */
export async function consumeDeepLink(
  db: DbOrTx,
  input: { organizationId: string; host: string; token: string | null | undefined; request: RequestInfo; replacesToken?: string | null },
): Promise<DeepLinkResult> {
  const result = await db.transaction(async (tx): Promise<DeepLinkResult & { userId?: string | null }> => {
    const check = await consumeToken(tx, { organizationId: input.organizationId, purposes: ["deep_link"], token: input.token, host: input.host });
    if (!check.ok) return { ok: false, reason: check.reason, userId: check.row?.portalUserId };
    const [user] = await tx.select().from(portalUsers).where(and(eq(portalUsers.id, check.row.portalUserId!), eq(portalUsers.organizationId, input.organizationId)));
    if (!user || user.status === "removed") return { ok: false, reason: "inactive_user", userId: user?.id };
    if (user.status === "invited") await tx.update(portalUsers).set({ status: "active" }).where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, input.organizationId)));
    const settings = await getPortalSettings(tx, input.organizationId);
    const returnUrl = typeof check.row.data.return_url === "string" ? check.row.data.return_url : null;
    const { token, session } = await createPortalSession(tx, { organizationId: input.organizationId, portalUserId: user.id, method: "deep_link", settings, request: input.request, returnUrl, replacesToken: input.replacesToken });
    await logAccess(tx, { organizationId: input.organizationId, portalUserId: user.id, email: user.email, event: "deep_link_used", method: "deep_link", detail: typeof check.row.data.flow === "string" ? check.row.data.flow : null, request: input.request });
    return { ok: true, token, session, next: typeof check.row.data.next === "string" ? check.row.data.next : "/" };
  });
  if (!result.ok) {
    await logAccess(db, { organizationId: input.organizationId, portalUserId: result.userId ?? null, event: "sign_in_failed", method: "deep_link", detail: `link_${result.reason}`, request: input.request });
    return { ok: false, reason: result.reason };
  }
  return { ok: true, token: result.token, session: result.session, next: result.next };
}
