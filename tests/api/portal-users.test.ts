import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, portalUsers } from "@/db/schema";
import { NO_REQUEST_INFO } from "@/lib/portal-auth/context";
import { hashPassword } from "@/lib/portal-auth/password";
import { createPortalSession, findPortalSession } from "@/lib/portal-auth/sessions";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// The merchant manages who signs in to a billing account's portal.
async function setup() {
  const t = await createTenant();
  const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey })).body;
  return { t, account, key: t.liveKey };
}

describe("portal users API", () => {
  it("creates, lists, retrieves, updates and removes portal users, never showing secrets", async () => {
    const { t, account, key } = await setup();
    const res = await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: " Ana@Cliente.example ", name: "Ana", role: "finance" }, { key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ object: "portal_user", email: "ana@cliente.example", role: "finance", status: "active", has_password: false, billing_account_id: account.id, locked_until: null });
    const id = res.body.id;
    await getDb().update(portalUsers).set({ passwordHash: await hashPassword("secret passphrase"), totpSecretSealed: "v1.sealed" }).where(eq(portalUsers.id, id));
    const got = await api.get(`/api/v1/portal_users/${id}`, { key });
    expect(got.body.has_password).toBe(true);
    expect(got.text).not.toMatch(/\$2[aby]\$|sealed|password_hash|recovery/);
    expect((await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "ANA@cliente.example" }, { key })).status).toBe(409);
    expect((await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "bruno@cliente.example" }, { key })).body.role).toBe("viewer");
    const list = await api.get(`/api/v1/billing_accounts/${account.id}/portal_users`, { key });
    expect(list.body.data.map((u: { email: string }) => u.email)).toEqual(["bruno@cliente.example", "ana@cliente.example"]);
    const patched = await api.patch(`/api/v1/portal_users/${id}`, { name: "Ana Souza", role: "admin", locale: "en" }, { key });
    expect(patched.body).toMatchObject({ name: "Ana Souza", role: "admin", locale: "en" });
    expect((await api.patch(`/api/v1/portal_users/${id}`, { role: "god" }, { key })).body.error.param).toBe("role");

    const session = await createPortalSession(getDb(), { organizationId: t.live.id, portalUserId: id, method: "magic_link", settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }, request: NO_REQUEST_INFO });
    const removed = await api.delete(`/api/v1/portal_users/${id}`, { key });
    expect(removed.body.status).toBe("removed");
    expect(await findPortalSession(getDb(), { organizationId: t.live.id, token: session.token })).toBeNull();
    expect((await api.get(`/api/v1/billing_accounts/${account.id}/portal_users`, { key })).body.data).toHaveLength(1);
    expect((await api.get(`/api/v1/billing_accounts/${account.id}/portal_users?status=removed`, { key })).body.data).toHaveLength(1);
    // The email can be given to someone again.
    expect((await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "ana@cliente.example" }, { key })).status).toBe(201);
  });

  it("sends an invite (7-day link) and keeps the user invited until it is used", async () => {
    const { t, account, key } = await setup();
    const res = await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "convite@cliente.example", send_invite: true }, { key });
    expect(res.body.status).toBe("invited");
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.organizationId, t.live.id));
    expect(mail).toMatchObject({ template: "invite", toAddress: "convite@cliente.example" });
    expect(mail!.text).toContain(`http://${t.slug}.localhost:3000/auth/magic?token=`);
  });

  it("forces a password reset (sessions revoked) and lifts a lockout", async () => {
    const { t, account, key } = await setup();
    const id = (await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "ana@cliente.example" }, { key })).body.id;
    const session = await createPortalSession(getDb(), { organizationId: t.live.id, portalUserId: id, method: "password", settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }, request: NO_REQUEST_INFO });
    const forced = await api.post(`/api/v1/portal_users/${id}/force_password_reset`, undefined, { key });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    expect(forced.body.must_reset_password).toBe(true);
    expect(await findPortalSession(getDb(), { organizationId: t.live.id, token: session.token })).toBeNull();
    await getDb().update(portalUsers).set({ failedAttempts: 5, lockedUntil: new Date(Date.now() + 3_600_000) }).where(eq(portalUsers.id, id));
    expect((await api.get(`/api/v1/portal_users/${id}`, { key })).body.locked_until).not.toBeNull();
    const unblocked = await api.post(`/api/v1/portal_users/${id}/unblock`, undefined, { key });
    expect(unblocked.body.locked_until).toBeNull();
    const [row] = await getDb().select().from(portalUsers).where(eq(portalUsers.id, id));
    expect(row!.failedAttempts).toBe(0);
  });

  it("404s every route for another tenant's key (and the sandbox's), and lists leak nothing", async () => {
    const { account, key } = await setup();
    const id = (await api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "ana@cliente.example" }, { key })).body.id;
    const other = await createTenant();
    for (const foreignKey of [other.liveKey, (await setup()).t.testKey]) {
      const calls = [
        api.post(`/api/v1/billing_accounts/${account.id}/portal_users`, { email: "x@cliente.example" }, { key: foreignKey }),
        api.get(`/api/v1/billing_accounts/${account.id}/portal_users`, { key: foreignKey }),
        api.get(`/api/v1/portal_users/${id}`, { key: foreignKey }),
        api.patch(`/api/v1/portal_users/${id}`, { name: "Mallory" }, { key: foreignKey }),
        api.delete(`/api/v1/portal_users/${id}`, { key: foreignKey }),
        api.post(`/api/v1/portal_users/${id}/force_password_reset`, undefined, { key: foreignKey }),
        api.post(`/api/v1/portal_users/${id}/unblock`, undefined, { key: foreignKey }),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status, JSON.stringify(res.body)).toBe(404);
        expect(res.body.error.code).toBe("resource_missing");
      }
    }
    const [row] = await getDb().select().from(portalUsers).where(eq(portalUsers.id, id));
    expect(row).toMatchObject({ status: "active", name: null, mustResetPassword: false });
    expect((await api.get(`/api/v1/portal_users/not-a-uuid`, { key })).status).toBe(404);
  });
});
