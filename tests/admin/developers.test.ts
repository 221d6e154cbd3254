import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiKeys, emailOutbox, requestLogs, webhookDeliveries, webhookEndpoints, type MemberRole } from "@/db/schema";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { unlessBadCursor } from "@/lib/admin/list-page";
import { searchRequestLogs, getRequestLogOrThrow, requestLogQuery } from "@/lib/api/request-log-search";
import { listApiKeys } from "@/lib/api-keys/manage";
import { getOutboxEmailOrThrow, listOutboxEmails, outboxQuery } from "@/lib/email/outbox-list";
import { emitEvent } from "@/lib/webhooks/emit";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { createTenant } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// The admin's Developers screens: their lib reads (request log search, outbox listing,
// cursor pages, 30 days), the server actions as each role (the session is the only thing
// mocked), and another organization's ids never reachable through them.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/webhooks/enqueue", () => ({ enqueueDeliveries: vi.fn(async () => {}), enqueueAfterCommit: vi.fn() }));

const actions = await import("@/app/(admin)/admin/[org]/developers/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const keysOf = async (organizationId: string) => (await listApiKeys(getDb(), { organizationId })).rows;
const keyRow = async (id: string) => (await getDb().select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
});
beforeEach(() => {
  staffSession.userId = null;
});

describe("API key actions", () => {
  it("create shows the secret once, of the addressed organization's mode; the name is validated by the schema", async () => {
    as("developer");
    const bad = await actions.createApiKeyAction(t.slug, IDLE_FORM, formOf({ name: "  ", scopes: ["invoices:read", "nope:read"] }));
    expect(bad.status).toBe("error");
    expect(Object.keys(bad.fields).sort()).toEqual(["name", "scopes"]);
    const live = await actions.createApiKeyAction(t.slug, IDLE_FORM, formOf({ name: "Backend", scopes: ["invoices:read"] }));
    expect(live.status).toBe("success");
    expect(live.secret?.value).toMatch(/^sk_live_[0-9A-Za-z]{32}$/);
    const test = await actions.createApiKeyAction(t.sandbox.slug, IDLE_FORM, formOf({ name: "Sandbox" }));
    expect(test.secret?.value).toMatch(/^sk_test_/);
    const keys = await keysOf(t.live.id);
    expect(keys.find((k) => k.name === "Backend")).toMatchObject({ mode: "live", scopes: ["invoices:read"], revokedAt: null });
    expect(JSON.stringify(keys)).not.toContain(live.secret!.value);
  });

  it("support cannot create, roll or revoke keys (server-enforced), and nothing changes", async () => {
    as("support");
    const before = (await keysOf(t.live.id)).length;
    expect(refused(await actions.createApiKeyAction(t.slug, IDLE_FORM, formOf({ name: "Sneaky" })))).toBe(true);
    expect(refused(await actions.rollApiKeyAction(t.slug, IDLE_FORM, formOf({ id: t.liveKeyId })))).toBe(true);
    expect(refused(await actions.revokeApiKeyAction(t.slug, IDLE_FORM, formOf({ id: t.liveKeyId, confirm: "revoke" })))).toBe(true);
    expect((await keysOf(t.live.id)).length).toBe(before);
    expect((await keyRow(t.liveKeyId)).revokedAt).toBeNull();
    staffSession.userId = null;
    expect((await actions.createApiKeyAction(t.slug, IDLE_FORM, formOf({ name: "Anon" }))).message).toMatch(/sign in again/);
  });

  it("roll makes a new secret with the same name and scopes and revokes the old key at once; revoke needs the confirmation", async () => {
    as("owner");
    const created = await actions.createApiKeyAction(t.slug, IDLE_FORM, formOf({ name: "To roll", scopes: ["plans:write"] }));
    const old = (await keysOf(t.live.id)).find((k) => k.name === "To roll")!;
    const rolled = await actions.rollApiKeyAction(t.slug, IDLE_FORM, formOf({ id: old.id }));
    expect(rolled.status).toBe("success");
    expect(rolled.secret?.value).toMatch(/^sk_live_/);
    expect(rolled.secret?.value).not.toBe(created.secret?.value);
    const keys = (await keysOf(t.live.id)).filter((k) => k.name === "To roll");
    expect(keys.map((k) => [k.scopes, k.revokedAt === null])).toEqual([[["plans:write"], true], [["plans:write"], false]]);
    expect((await actions.rollApiKeyAction(t.slug, IDLE_FORM, formOf({ id: old.id }))).message).toMatch(/not found/);

    const fresh = keys[0]!;
    expect((await actions.revokeApiKeyAction(t.slug, IDLE_FORM, formOf({ id: fresh.id }))).status).toBe("error");
    expect((await keyRow(fresh.id)).revokedAt).toBeNull();
    expect((await actions.revokeApiKeyAction(t.slug, IDLE_FORM, formOf({ id: fresh.id, confirm: "revoke" }))).status).toBe("success");
    expect((await keyRow(fresh.id)).revokedAt).not.toBeNull();
  });

  it("another organization's key (or the sandbox's from the live URL) is not found: nothing changes", async () => {
    as("owner");
    for (const id of [other.liveKeyId, "not-a-uuid"]) {
      expect((await actions.revokeApiKeyAction(t.slug, IDLE_FORM, formOf({ id, confirm: "revoke" }))).message).toMatch(/not found/);
      expect((await actions.rollApiKeyAction(t.slug, IDLE_FORM, formOf({ id }))).message).toMatch(/not found/);
    }
    expect((await keyRow(other.liveKeyId)).revokedAt).toBeNull();
    const sandboxKey = (await keysOf(t.sandbox.id))[0]!;
    expect((await actions.revokeApiKeyAction(t.slug, IDLE_FORM, formOf({ id: sandboxKey.id, confirm: "revoke" }))).message).toMatch(/not found/);
  });
});

describe("API key list", () => {
  it("pages newest first, narrows to active or revoked keys, and holds only the organization's keys", async () => {
    const f = await createTenant();
    staffSession.userId = (await createStaffUser(f.live.id, "owner")).id;
    for (const name of ["First", "Second", "Third"]) await actions.createApiKeyAction(f.slug, IDLE_FORM, formOf({ name }));
    const second = (await keysOf(f.live.id)).find((k) => k.name === "Second")!;
    await actions.revokeApiKeyAction(f.slug, IDLE_FORM, formOf({ id: second.id, confirm: "revoke" }));
    const scope = { organizationId: f.live.id };
    const first = await listApiKeys(getDb(), scope, { limit: 2 });
    expect(first.rows.map((k) => k.name)).toEqual(["Third", "Second"]);
    const next = await listApiKeys(getDb(), scope, { limit: 2, cursor: first.nextCursor! });
    expect(next.rows.map((k) => k.id)).toEqual([...(await keysOf(f.live.id)).map((k) => k.id)].slice(2));
    expect(next.nextCursor).toBeNull();
    expect((await listApiKeys(getDb(), scope, { status: "active" })).rows.map((k) => k.name)).not.toContain("Second");
    expect((await listApiKeys(getDb(), scope, { status: "revoked" })).rows.map((k) => k.name)).toEqual(["Second"]);
    const everything = [...first.rows, ...next.rows].map((k) => k.id);
    expect(everything).not.toContain(t.liveKeyId);
    expect(everything).not.toContain(other.liveKeyId);
  });
});

describe("webhook actions", () => {
  it("create validates with the API's schema (live needs https), shows the secret once; support is refused", async () => {
    as("developer");
    const bad = await actions.createEndpointAction(t.slug, IDLE_FORM, formOf({ url: "ftp://x", events: [] }));
    expect(Object.keys(bad.fields).sort()).toEqual(["events", "url"]);
    const http = await actions.createEndpointAction(t.slug, IDLE_FORM, formOf({ url: "http://localhost:9/x", events: ["invoice.paid"] }));
    expect(http.fields.url).toMatch(/https/);
    const ok = await actions.createEndpointAction(t.sandbox.slug, IDLE_FORM, formOf({ url: "http://localhost:9/x", events: ["invoice.paid", "invoice.voided"] }));
    expect(ok.status).toBe("success");
    expect(ok.secret?.value).toBeTruthy();
    as("support");
    expect(refused(await actions.createEndpointAction(t.sandbox.slug, IDLE_FORM, formOf({ url: "http://localhost:9/y", events: ["*"] })))).toBe(true);
  });

  it("disable, resend and delete work on the organization's own endpoint only", async () => {
    const mine = await createEndpoint(getDb(), { organizationId: t.sandbox.id, mode: "test" }, { url: "http://localhost:9/a", events: ["*"] });
    const theirs = await createEndpoint(getDb(), { organizationId: other.sandbox.id, mode: "test" }, { url: "http://localhost:9/b", events: ["*"] });
    const { deliveryIds: [theirDelivery] } = await emitEvent(getDb(), { organizationId: other.sandbox.id, type: "invoice.paid", data: { id: "x" } });
    const { deliveryIds } = await emitEvent(getDb(), { organizationId: t.sandbox.id, type: "invoice.paid", data: { id: "y" } });
    const myDelivery = deliveryIds[0]!;
    as("developer");
    const slug = t.sandbox.slug;
    expect((await actions.setEndpointStatusAction(slug, IDLE_FORM, formOf({ id: theirs.endpoint.id, status: "disabled" }))).message).toMatch(/not found/);
    expect((await actions.resendDeliveryAction(slug, IDLE_FORM, formOf({ id: theirDelivery! }))).message).toMatch(/not found/);
    expect((await actions.deleteEndpointAction(slug, IDLE_FORM, formOf({ id: theirs.endpoint.id, confirm: "delete" }))).message).toMatch(/not found/);
    expect((await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, theirs.endpoint.id)))[0]?.status).toBe("enabled");

    expect((await actions.setEndpointStatusAction(slug, IDLE_FORM, formOf({ id: mine.endpoint.id, status: "disabled" }))).status).toBe("success");
    expect((await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, mine.endpoint.id)))[0]?.status).toBe("disabled");
    expect((await actions.resendDeliveryAction(slug, IDLE_FORM, formOf({ id: myDelivery }))).status).toBe("success");
    expect((await actions.deleteEndpointAction(slug, IDLE_FORM, formOf({ id: mine.endpoint.id, confirm: "delete" }))).status).toBe("success");
    expect(await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, mine.endpoint.id))).toEqual([]);
  });
});

describe("request log search", () => {
  it("finds by exact Request-Id, status class and path prefix, newest first, over 30 days, paginated, own organization only", async () => {
    const now = new Date();
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    const row = (organizationId: string, path: string, status: number, createdAt: Date) => ({ organizationId, requestId: crypto.randomUUID(), method: "GET", path, status, durationMs: 3, createdAt });
    const rows = [
      row(t.live.id, "/api/v1/invoices", 200, at(1)), row(t.live.id, "/api/v1/invoices/x", 404, at(2)), row(t.live.id, "/api/v1/plans", 201, at(3)),
      row(t.live.id, "/api/v1/invoices_%", 500, at(4)), row(t.live.id, "/api/v1/invoices", 200, at(31 * 24 * 60)), row(other.live.id, "/api/v1/invoices", 200, at(1)),
    ];
    const inserted = await getDb().insert(requestLogs).values(rows).returning();
    const search = (q: Record<string, unknown>) => searchRequestLogs(getDb(), { organizationId: t.live.id }, requestLogQuery.parse(q), now);
    const paths = async (q: Record<string, unknown>) => (await search(q)).rows.map((r) => `${r.status} ${r.path}`);

    expect(await paths({})).toEqual(["200 /api/v1/invoices", "404 /api/v1/invoices/x", "201 /api/v1/plans", "500 /api/v1/invoices_%"]);
    expect(await paths({ status: "2xx" })).toEqual(["200 /api/v1/invoices", "201 /api/v1/plans"]);
    expect(await paths({ path: "/api/v1/invoices" })).toEqual(["200 /api/v1/invoices", "404 /api/v1/invoices/x", "500 /api/v1/invoices_%"]);
    expect(await paths({ path: "/api/v1/invoices_" })).toEqual(["500 /api/v1/invoices_%"]);
    expect(await paths({ request_id: rows[2]!.requestId })).toEqual(["201 /api/v1/plans"]);
    expect(await paths({ request_id: rows[5]!.requestId })).toEqual([]);
    expect(await paths({ request_id: rows[4]!.requestId })).toEqual([]);

    const first = await search({ limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    expect((await search({ limit: 3, cursor: first.nextCursor })).rows.map((r) => r.path)).toEqual(["/api/v1/invoices_%"]);
    expect(requestLogQuery.safeParse({ request_id: "abc" }).success).toBe(false);

    await expect(getRequestLogOrThrow(getDb(), { organizationId: t.live.id, id: inserted[5]!.id })).rejects.toMatchObject({ code: "resource_missing" });
    expect((await getRequestLogOrThrow(getDb(), { organizationId: other.live.id, id: inserted[5]!.id })).path).toBe("/api/v1/invoices");
  });
});

describe("email outbox listing", () => {
  it("lists the organization's emails newest first, by status, paginated; another organization's email is not found", async () => {
    const email = (organizationId: string | null, status: "queued" | "sent" | "failed", minutesAgo: number) => ({
      organizationId, template: "invoice_issued", toAddress: `${status}@x.example`, fromAddress: "Ciclo <no-reply@x.example>",
      subject: `${status} ${minutesAgo}`, html: "<p>hi</p>", text: "hi", status, createdAt: new Date(Date.now() - minutesAgo * 60_000),
    });
    const inserted = await getDb().insert(emailOutbox).values([
      email(t.live.id, "sent", 1), email(t.live.id, "failed", 2), email(t.live.id, "queued", 3), email(other.live.id, "sent", 1), email(null, "sent", 1),
    ]).returning();
    const list = (q: Record<string, unknown>) => listOutboxEmails(getDb(), { organizationId: t.live.id }, outboxQuery.parse(q));
    expect((await list({})).rows.map((r) => r.subject)).toEqual(["sent 1", "failed 2", "queued 3"]);
    expect((await list({ status: "failed" })).rows.map((r) => r.subject)).toEqual(["failed 2"]);
    const first = await list({ limit: 2 });
    expect((await list({ limit: 2, cursor: first.nextCursor })).rows.map((r) => r.subject)).toEqual(["queued 3"]);
    expect(outboxQuery.safeParse({ status: "bogus" }).success).toBe(false);
    await expect(getOutboxEmailOrThrow(getDb(), { organizationId: t.live.id, id: inserted[3]!.id })).rejects.toMatchObject({ code: "resource_missing" });
    await expect(getOutboxEmailOrThrow(getDb(), { organizationId: t.live.id, id: inserted[4]!.id })).rejects.toMatchObject({ code: "resource_missing" });
    expect((await getOutboxEmailOrThrow(getDb(), { organizationId: t.live.id, id: inserted[0]!.id })).html).toBe("<p>hi</p>");
  });
});

describe("a page link with a mangled cursor", () => {
  it("lists nothing and says so instead of failing; other errors still fail", async () => {
    const scope = { organizationId: t.live.id };
    for (const cursor of ["garbage", Buffer.from("null").toString("base64url"), Buffer.from('["not a date","x"]').toString("base64url")]) {
      expect(await unlessBadCursor(() => searchRequestLogs(getDb(), scope, requestLogQuery.parse({ cursor })))).toBeNull();
      expect(await unlessBadCursor(() => listOutboxEmails(getDb(), scope, outboxQuery.parse({ cursor })))).toBeNull();
    }
    expect(await unlessBadCursor(() => listOutboxEmails(getDb(), scope, outboxQuery.parse({})))).toMatchObject({ rows: expect.any(Array) });
    await expect(unlessBadCursor(() => getOutboxEmailOrThrow(getDb(), { ...scope, id: "nope" }))).rejects.toMatchObject({ code: "resource_missing" });
  });
});
