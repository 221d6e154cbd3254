import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { portalUsers } from "@/db/schema";
import { notificationRecipients } from "@/lib/email/notifications";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { getNotificationPrefs, saveNotificationPrefs } from "@/lib/portal/notification-prefs";
import { changeTeamRole, inviteTeamMember, listTeam, removeTeamMember } from "@/lib/portal/team";
import { createTenant } from "../helpers/factories";
import { accessLog, linkToken, outbox, REQ } from "../portal-auth/helpers";
import { sectionWorld } from "./profile-fixtures";

// The Settings section: the account's users and roles (rules enforced on the server) and each
// user's notification preferences.
const roleOf = async (db: Awaited<ReturnType<typeof sectionWorld>>["db"], id: string) =>
  (await db.select({ role: portalUsers.role, status: portalUsers.status }).from(portalUsers).where(eq(portalUsers.id, id)))[0];

describe("portal Settings: users", () => {
  it("lists only the account's users (not another account's, not removed ones)", async () => {
    const w = await sectionWorld();
    await w.addUser("fin@cliente.example", "finance");
    await w.addUser("elsewhere@cliente.example", "owner", w.otherAccount.id);
    const gone = await w.addUser("gone@cliente.example", "viewer");
    await w.db.update(portalUsers).set({ status: "removed" }).where(eq(portalUsers.id, gone.id));
    const team = await listTeam(w.db, w.owner);
    expect(team.map((m) => [m.email, m.role, m.self])).toEqual([["ana@cliente.example", "owner", true], ["fin@cliente.example", "finance", false]]);
  });

  it("invites by email with a role: an invited user and an email with the link; a finance user may not", async () => {
    const w = await sectionWorld();
    const invited = await inviteTeamMember(w.db, w.owner, { email: " Nova@Cliente.example", role: "finance" }, REQ);
    expect(invited).toMatchObject({ ok: true, value: { email: "nova@cliente.example", role: "finance", status: "invited" } });
    const [mail] = await outbox(w.orgId, "invite");
    expect(mail).toMatchObject({ toAddress: "nova@cliente.example" });
    expect(mail!.text).toContain("Ana"); // the inviter's name
    expect((await linkToken(w.orgId, "invite")).url).toMatch(new RegExp(`^http://${w.host.replace(".", "\\.")}[^/]*/auth/magic\\?token=`));
    expect((await accessLog(w.orgId, invited.ok ? invited.value.id : "")).map((e) => [e.event, e.method])).toEqual([["user_provisioned", "portal"], ["invite_sent", "portal"]]);

    expect(await inviteTeamMember(w.db, w.owner, { email: "nova@cliente.example", role: "viewer" }, REQ)).toMatchObject({ ok: false, error: "email_taken" });
    expect(await inviteTeamMember(w.db, w.owner, { email: "nope", role: "viewer" }, REQ)).toMatchObject({ ok: false, error: "invalid", fields: { email: expect.any(String) } });
    expect(await inviteTeamMember(w.db, w.owner, { email: "x@cliente.example", role: "superuser" }, REQ)).toMatchObject({ ok: false, error: "invalid", fields: { role: expect.any(String) } });

    const finance = await w.actor(await w.addUser("fin@cliente.example", "finance"));
    expect(await inviteTeamMember(w.db, finance, { email: "friend@cliente.example", role: "viewer" }, REQ)).toMatchObject({ ok: false, error: "forbidden" });
    expect((await listTeam(w.db, w.owner)).map((m) => m.email)).not.toContain("friend@cliente.example");
    expect(await outbox(w.orgId, "invite")).toHaveLength(1);
  });

  it("an admin manages admins, finance and viewers but neither makes, demotes nor removes an owner", async () => {
    const w = await sectionWorld();
    const admin = await w.actor(await w.addUser("admin@cliente.example", "admin"));
    const viewer = await w.addUser("viewer@cliente.example", "viewer");
    expect(await inviteTeamMember(w.db, admin, { email: "boss@cliente.example", role: "owner" }, REQ)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await changeTeamRole(w.db, admin, viewer.id, "owner")).toMatchObject({ ok: false, error: "forbidden" });
    expect(await changeTeamRole(w.db, admin, w.user.id, "viewer")).toMatchObject({ ok: false, error: "forbidden" });
    expect(await removeTeamMember(w.db, admin, w.user.id, REQ)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await roleOf(w.db, w.user.id)).toEqual({ role: "owner", status: "active" });
    expect(await changeTeamRole(w.db, admin, viewer.id, "finance")).toEqual({ ok: true, value: { id: viewer.id, role: "finance" } });
    expect(await inviteTeamMember(w.db, admin, { email: "helper@cliente.example", role: "admin" }, REQ)).toMatchObject({ ok: true });
    // A finance or viewer user changes nothing.
    const finance = await w.actor({ ...viewer, role: "finance" });
    expect(await changeTeamRole(w.db, finance, admin.user.id, "viewer")).toMatchObject({ ok: false, error: "forbidden" });
    expect(await removeTeamMember(w.db, finance, admin.user.id, REQ)).toMatchObject({ ok: false, error: "forbidden" });
  });

  it("keeps the last active owner: not demoted, not removed; with a second owner, it may be demoted", async () => {
    const w = await sectionWorld();
    expect(await changeTeamRole(w.db, w.owner, w.user.id, "admin")).toMatchObject({ ok: false, error: "last_owner" });
    expect(await removeTeamMember(w.db, w.owner, w.user.id, REQ)).toMatchObject({ ok: false, error: "self" });
    // An invited owner who never signed in does not count.
    const pending = await inviteTeamMember(w.db, w.owner, { email: "co-owner@cliente.example", role: "owner" }, REQ);
    expect(await changeTeamRole(w.db, w.owner, w.user.id, "admin")).toMatchObject({ ok: false, error: "last_owner" });
    await w.db.update(portalUsers).set({ status: "active" }).where(eq(portalUsers.id, pending.ok ? pending.value.id : ""));
    expect(await changeTeamRole(w.db, w.owner, w.user.id, "admin")).toMatchObject({ ok: true, value: { role: "admin" } });
    // The demoted user's next action reads their new role: no owner powers left.
    const coOwner = await w.actor((await w.db.select().from(portalUsers).where(eq(portalUsers.email, "co-owner@cliente.example")))[0]!);
    expect(await changeTeamRole(w.db, w.owner, coOwner.user.id, "admin")).toMatchObject({ ok: false, error: "forbidden" });
    expect(await changeTeamRole(w.db, coOwner, coOwner.user.id, "viewer")).toMatchObject({ ok: false, error: "last_owner" });
  });

  it("removes a user: their sessions end; users of another account or tenant are not found", async () => {
    const w = await sectionWorld();
    const fin = await w.addUser("fin@cliente.example", "finance");
    const finSession = await w.signIn(fin);
    const elsewhere = await w.addUser("elsewhere@cliente.example", "viewer", w.otherAccount.id);
    expect(await removeTeamMember(w.db, w.owner, elsewhere.id, REQ)).toMatchObject({ ok: false, error: "not_found" });
    expect(await changeTeamRole(w.db, w.owner, elsewhere.id, "admin")).toMatchObject({ ok: false, error: "not_found" });
    expect(await removeTeamMember(w.db, w.owner, "not-a-uuid", REQ)).toMatchObject({ ok: false, error: "not_found" });
    const foreign = await createTenant();
    const stranger = { ...w.owner, tenant: { id: foreign.live.id, mode: "live" as const } };
    expect(await removeTeamMember(w.db, stranger, fin.id, REQ)).toMatchObject({ ok: false, error: "forbidden" });

    expect(await removeTeamMember(w.db, w.owner, fin.id, REQ)).toEqual({ ok: true, value: { id: fin.id } });
    expect(await roleOf(w.db, fin.id)).toMatchObject({ status: "removed" });
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: finSession.token })).toBeNull();
    expect((await listTeam(w.db, w.owner)).map((m) => m.email)).toEqual(["ana@cliente.example"]);
    expect(await roleOf(w.db, elsewhere.id)).toMatchObject({ status: "active" });
  });
});

describe("portal Settings: notification preferences", () => {
  it("saves each user's own choices, which decide who gets billing emails", async () => {
    const w = await sectionWorld();
    const fin = await w.actor(await w.addUser("fin@cliente.example", "finance"));
    expect(await getNotificationPrefs(w.db, w.owner)).toEqual({ invoice_issued: true, payment_failed: true, upcoming_renewal: true, usage_threshold: false });
    expect(await saveNotificationPrefs(w.db, w.owner, new Set(["payment_failed", "usage_threshold", "bogus"]))).toEqual({
      ok: true, value: { invoice_issued: false, payment_failed: true, upcoming_renewal: false, usage_threshold: true },
    });
    expect(await getNotificationPrefs(w.db, w.owner)).toMatchObject({ invoice_issued: false, usage_threshold: true });
    expect(await getNotificationPrefs(w.db, fin)).toMatchObject({ invoice_issued: true, usage_threshold: false });
    const scope = { organizationId: w.orgId, billingAccountId: w.account.id };
    expect((await notificationRecipients(w.db, scope, "invoice_issued")).map((r) => r.email)).toEqual(["fin@cliente.example"]);
    expect((await notificationRecipients(w.db, scope, "payment_failed")).map((r) => r.email).sort()).toEqual(["ana@cliente.example", "fin@cliente.example"]);
    // Another tenant cannot write them.
    const foreign = await createTenant();
    expect(await saveNotificationPrefs(w.db, { ...fin, tenant: { id: foreign.live.id, mode: "live" } }, new Set())).toMatchObject({ ok: false });
    expect(await getNotificationPrefs(w.db, fin)).toMatchObject({ invoice_issued: true });
  });
});
