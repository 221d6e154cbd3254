import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { findPortalSession } from "@/lib/portal-auth/sessions";
import { listOwnAccessLog } from "@/lib/portal/access-log";
import { describeDevice } from "@/lib/portal/device";
import { confirmEmailChange, EMAIL_CHANGE_PATH, maskEmail, previewEmailChange, requestEmailChange } from "@/lib/portal/email-change";
import { changeProfilePassword, listProfileSessions, revokeProfileSession, signOutOtherSessions, updateProfileName } from "@/lib/portal/profile";
import { createTenant } from "../helpers/factories";
import { accessLog, linkToken, outbox, REQ } from "../portal-auth/helpers";
import { sectionWorld, type SectionWorld } from "./profile-fixtures";

afterEach(() => resetClock());

const PASSWORD = "correct horse battery";
const ask = (w: SectionWorld, email: string, extra: { currentPassword?: string; host?: string } = {}) =>
  requestEmailChange(w.db, { organizationId: w.orgId, portalUserId: w.user.id, host: extra.host ?? w.host, email, currentPassword: extra.currentPassword ?? PASSWORD, request: REQ });
const confirm = (w: SectionWorld, token: string, host = w.host) => confirmEmailChange(w.db, { organizationId: w.orgId, host, token, request: REQ });
const emailOf = async (w: SectionWorld) => (await w.db.select({ email: portalUsers.email }).from(portalUsers).where(eq(portalUsers.id, w.user.id)))[0]!.email;

describe("portal Profile: email change", () => {
  it("changes the email only when the link sent to the new address is used, once, on its host; the old address is told", async () => {
    const w = await sectionWorld();
    expect(await ask(w, "  Ana.Nova@Cliente.example ")).toEqual({ ok: true, value: { email: "ana.nova@cliente.example" } });
    const [sent] = await outbox(w.orgId, "email_change");
    expect(sent!.toAddress).toBe("ana.nova@cliente.example");
    const { url, token } = await linkToken(w.orgId, "email_change");
    expect(url.startsWith(`http://${w.host}`) && url.includes(`${EMAIL_CHANGE_PATH}?token=`)).toBe(true);
    expect(await emailOf(w)).toBe("ana@cliente.example"); // nothing changes yet

    expect(await previewEmailChange(w.db, { organizationId: w.orgId, host: w.host, token })).toEqual({ ok: true, email: "ana.nova@cliente.example", previous: "ana@cliente.example" });
    expect(await confirm(w, token, "evil.localhost")).toEqual({ ok: false, reason: "wrong_host" });
    const foreign = await createTenant();
    expect(await confirmEmailChange(w.db, { organizationId: foreign.live.id, host: w.host, token, request: REQ })).toEqual({ ok: false, reason: "invalid" });
    expect(await emailOf(w)).toBe("ana@cliente.example");

    expect(await confirm(w, token)).toEqual({ ok: true, email: "ana.nova@cliente.example", portalUserId: w.user.id });
    expect(await emailOf(w)).toBe("ana.nova@cliente.example");
    expect(await confirm(w, token)).toEqual({ ok: false, reason: "used" });
    const [notice] = await outbox(w.orgId, "email_changed");
    expect(notice).toMatchObject({ toAddress: "ana@cliente.example" });
    expect(notice!.text).toContain(maskEmail("ana.nova@cliente.example"));
    expect(notice!.text).not.toContain("ana.nova@cliente.example");
    const events = await accessLog(w.orgId, w.user.id);
    expect(events.filter((e) => e.event === "email_changed")).toEqual([expect.objectContaining({ email: "ana.nova@cliente.example", ip: REQ.ip })]);
  });

  it("expires after 24 hours, and only the newest link works", async () => {
    const w = await sectionWorld();
    const t0 = new Date("2031-05-01T10:00:00Z");
    setClock(t0);
    await ask(w, "first@cliente.example");
    const first = (await linkToken(w.orgId, "email_change")).token;
    await ask(w, "second@cliente.example");
    const second = (await linkToken(w.orgId, "email_change")).token;
    expect(await confirm(w, first)).toEqual({ ok: false, reason: "used" }); // voided by the newer request
    setClock(new Date(t0.getTime() + 24 * 3_600_000 + 1));
    expect(await confirm(w, second)).toEqual({ ok: false, reason: "expired" });
    expect(await emailOf(w)).toBe("ana@cliente.example");
  });

  it("needs the current password, a different address, and tells nothing about addresses already in use", async () => {
    const w = await sectionWorld();
    expect(await ask(w, "x@cliente.example", { currentPassword: "wrong" })).toMatchObject({ ok: false, error: "wrong_password", fields: { current_password: expect.any(String) } });
    expect(await ask(w, "ANA@cliente.example")).toMatchObject({ ok: false, error: "same_email" });
    expect(await ask(w, "not an email")).toMatchObject({ ok: false, error: "invalid", fields: { email: expect.any(String) } });
    await w.addUser("taken@cliente.example", "viewer", w.otherAccount.id);
    expect(await ask(w, "taken@cliente.example")).toEqual({ ok: true, value: { email: "taken@cliente.example" } });
    expect(await outbox(w.orgId, "email_change")).toEqual([]);
  });

  it("shows the request and the change in the user's own access log (the request also for an address in use)", async () => {
    const w = await sectionWorld();
    const t0 = Date.now() + 60_000; // distinct times: the log is newest first
    await w.addUser("taken@cliente.example", "viewer", w.otherAccount.id);
    setClock(new Date(t0));
    await ask(w, "taken@cliente.example");
    setClock(new Date(t0 + 1000));
    await ask(w, "ana.nova@cliente.example");
    setClock(new Date(t0 + 2000));
    await confirm(w, (await linkToken(w.orgId, "email_change")).token);
    const { entries } = await listOwnAccessLog(w.db, w.owner, { limit: 3 });
    expect(entries.map((e) => [e.event, e.method, e.ip])).toEqual([
      ["email_changed", "email_link", REQ.ip],
      ["email_change_requested", "portal", REQ.ip],
      ["email_change_requested", "portal", REQ.ip],
    ]);
    expect(await outbox(w.orgId, "email_change")).toHaveLength(1); // only the address not in use got a link
  });

  it("refuses a link when the address was taken meanwhile, or the user's email changed since", async () => {
    const w = await sectionWorld();
    await ask(w, "race@cliente.example");
    const { token } = await linkToken(w.orgId, "email_change");
    const squatter = await w.addUser("race@cliente.example", "viewer", w.otherAccount.id);
    expect(await confirm(w, token)).toEqual({ ok: false, reason: "email_taken" });
    await w.db.update(portalUsers).set({ status: "removed" }).where(eq(portalUsers.id, squatter.id));
    await ask(w, "later@cliente.example");
    const later = (await linkToken(w.orgId, "email_change")).token;
    await w.db.update(portalUsers).set({ email: "renamed-by-merchant@cliente.example" }).where(eq(portalUsers.id, w.user.id));
    expect(await previewEmailChange(w.db, { organizationId: w.orgId, host: w.host, token: later })).toEqual({ ok: false, reason: "stale" });
    expect(await confirm(w, later)).toEqual({ ok: false, reason: "stale" });
  });
});

describe("portal Profile: name, password, sessions, access log", () => {
  it("saves the name (blank clears it)", async () => {
    const w = await sectionWorld();
    expect(await updateProfileName(w.db, w.owner, "  Ana Souza ")).toEqual({ ok: true, value: { name: "Ana Souza" } });
    expect(await updateProfileName(w.db, w.owner, "")).toEqual({ ok: true, value: { name: null } });
    expect(await updateProfileName(w.db, w.owner, "x".repeat(121))).toMatchObject({ ok: false, error: "invalid", fields: { name: expect.any(String) } });
  });

  it("lists only the user's own live sessions, the current one marked; signs out one, then every other", async () => {
    const w = await sectionWorld();
    const other = await w.signIn(w.user);
    const third = await w.signIn(w.user);
    const colleague = await w.addUser("colega@cliente.example", "admin");
    const colleagueSession = await w.signIn(colleague);
    const sessions = await listProfileSessions(w.db, w.owner);
    expect(sessions.map((s) => s.id).sort()).toEqual([w.owner.session.id, other.session.id, third.session.id].sort());
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([w.owner.session.id]);

    expect(await revokeProfileSession(w.db, w.owner, colleagueSession.session.id, REQ)).toMatchObject({ ok: false, error: "not_found" });
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: colleagueSession.token })).not.toBeNull();
    expect(await revokeProfileSession(w.db, w.owner, w.owner.session.id, REQ)).toMatchObject({ ok: false, error: "current_session" });
    expect(await revokeProfileSession(w.db, w.owner, other.session.id, REQ)).toEqual({ ok: true, value: { id: other.session.id } });
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: other.token })).toBeNull();

    expect(await signOutOtherSessions(w.db, w.owner, REQ)).toEqual({ ok: true, value: { count: 1 } });
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: third.token })).toBeNull();
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: w.owner.token })).not.toBeNull();
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: colleagueSession.token })).not.toBeNull();
    expect((await listProfileSessions(w.db, w.owner)).map((s) => s.id)).toEqual([w.owner.session.id]);
  });

  it("changes the password with the current one: the other sessions end, this one gets a new token", async () => {
    const w = await sectionWorld();
    const elsewhere = await w.signIn(w.user);
    const change = (currentPassword: string, password: string, confirmation = password) => changeProfilePassword(w.db, w.owner, { currentPassword, password, confirm: confirmation }, REQ);
    expect(await change("wrong", "a brand new passphrase")).toMatchObject({ ok: false, error: "wrong_password" });
    expect(await change(PASSWORD, "a brand new passphrase", "something else")).toMatchObject({ ok: false, error: "mismatch", fields: { confirm: expect.any(String) } });
    expect(await change(PASSWORD, "short")).toMatchObject({ ok: false, error: "policy", problem: { code: "too_short" } });
    const done = await change(PASSWORD, "a brand new passphrase");
    expect(done.ok).toBe(true);
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: elsewhere.token })).toBeNull();
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: w.owner.token })).toBeNull();
    expect(await findPortalSession(w.db, { organizationId: w.orgId, token: done.ok ? done.value.token : "" })).not.toBeNull();
  });

  it("shows the user's own access log, newest first, a page at a time", async () => {
    const w = await sectionWorld();
    const colleague = await w.addUser("colega@cliente.example", "admin");
    const colleagueActor = await w.actor(colleague);
    await signOutOtherSessions(w.db, colleagueActor, REQ);
    const base = Date.now() + 60_000; // distinct times: the order is by time
    for (let i = 0; i < 3; i++) {
      setClock(new Date(base + i * 1000));
      await signOutOtherSessions(w.db, w.owner, { ip: `198.51.100.${i}`, userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36" });
    }
    const first = await listOwnAccessLog(w.db, w.owner, { limit: 2 });
    expect(first.entries.map((e) => e.ip)).toEqual(["198.51.100.2", "198.51.100.1"]);
    expect(first.entries[0]).toMatchObject({ event: "signed_out_everywhere", device: { browser: "Chrome", os: "Linux" } });
    const rest = await listOwnAccessLog(w.db, w.owner, { limit: 2, cursor: first.nextCursor });
    const all = [...first.entries, ...rest.entries];
    expect(all.map((e) => e.event)).toContain("user_provisioned");
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const colleagueEvents = (await accessLog(w.orgId, colleague.id)).map((e) => e.id);
    let page = first;
    const seen = [...first.entries];
    while (page.nextCursor) seen.push(...(page = await listOwnAccessLog(w.db, w.owner, { limit: 2, cursor: page.nextCursor })).entries);
    expect(seen.some((e) => colleagueEvents.includes(e.id))).toBe(false);
    expect((await listOwnAccessLog(w.db, w.owner, { cursor: "garbage" })).entries.length).toBeGreaterThan(0);
  });

  it("names devices from user agents", () => {
    expect(describeDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")).toEqual({ browser: "Safari", os: "iOS" });
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0")).toEqual({ browser: "Edge", os: "Windows" });
    expect(describeDevice(null)).toEqual({ browser: null, os: null });
  });
});
