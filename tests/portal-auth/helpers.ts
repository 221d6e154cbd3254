import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { emailOutbox, portalAccessLog, portalUsers } from "@/db/schema";
import { NO_REQUEST_INFO, type RequestInfo } from "@/lib/portal-auth/context";
import { tenantPortalHost } from "@/lib/portal-auth/links";
import { hashPassword } from "@/lib/portal-auth/password";
import { createPortalUser } from "@/lib/portal-auth/portal-users";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { updatePortalSettings, type UpdatePortalSettingsInput } from "@/lib/portal/settings";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// A tenant with a billing account and an active portal user, for the portal-auth tests.
export const REQ: RequestInfo = { ip: "203.0.113.7", userAgent: "vitest" };
export { NO_REQUEST_INFO };

export async function portalFixture(options: { email?: string; password?: string | null; role?: "owner" | "admin" | "finance" | "viewer"; settings?: UpdatePortalSettingsInput } = {}) {
  const db = getDb();
  const t = await createTenant();
  const account = (await api.post("/api/v1/billing_accounts", validAccount({ email: "billing@cliente.example" }), { key: t.liveKey })).body as { id: string };
  const email = options.email ?? "ana@cliente.example";
  let user = await createPortalUser(db, { organizationId: t.live.id, billingAccountId: account.id }, { email, name: "Ana", role: options.role ?? "owner", send_invite: false }, NO_REQUEST_INFO);
  if (options.password !== null) {
    [user] = await db.update(portalUsers).set({ passwordHash: await hashPassword(options.password ?? "correct horse battery") }).where(eq(portalUsers.id, user.id)).returning() as [typeof user];
  }
  if (options.settings) await updatePortalSettings(db, t.live.id, options.settings);
  const tenant = await getTenantRef(db, t.live.id);
  return { db, t, account, user, tenant, orgId: t.live.id, host: tenantPortalHost(t.slug) };
}

export async function outbox(organizationId: string, template?: string) {
  const rows = await getDb().select().from(emailOutbox).where(eq(emailOutbox.organizationId, organizationId)).orderBy(desc(emailOutbox.createdAt));
  return template ? rows.filter((r) => r.template === template) : rows;
}

/** The token of the newest email's link of that path (`/auth/magic`, `/reset-password`). */
export async function linkToken(organizationId: string, template: string): Promise<{ url: string; token: string }> {
  const [row] = await outbox(organizationId, template);
  const match = /(https?:\/\/[^\s"<>]+\?token=([A-Za-z0-9_%-]+))/.exec(row?.text ?? "");
  if (!match) throw new Error(`no link in the ${template} email: ${row?.text}`);
  return { url: match[1]!, token: decodeURIComponent(match[2]!) };
}

export async function accessLog(organizationId: string, portalUserId?: string) {
  const db = getDb();
  return db.select().from(portalAccessLog).where(portalUserId ? and(eq(portalAccessLog.organizationId, organizationId), eq(portalAccessLog.portalUserId, portalUserId)) : eq(portalAccessLog.organizationId, organizationId)).orderBy(portalAccessLog.createdAt);
}
