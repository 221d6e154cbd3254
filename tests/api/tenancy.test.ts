import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// Tenant B's keys must never see or touch tenant A's data; a sandbox key is a different tenant.
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
let accountA: { id: string };
beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  accountA = (await api.post("/api/v1/billing_accounts", validAccount({ external_id: "a-only", email: "only-a@example.com" }), { key: a.liveKey })).body;
  await api.post("/api/v1/billing_accounts", validAccount({ external_id: "b-own" }), { key: b.liveKey });
});

describe("tenant isolation for billing accounts", () => {
  it("another tenant's key gets 404 on retrieve, update and delete, and changes nothing", async () => {
    for (const key of [b.liveKey, b.testKey]) {
      const got = await api.get(`/api/v1/billing_accounts/${accountA.id}`, { key });
      expect(got.status).toBe(404);
      expect(got.body.error.code).toBe("resource_missing");
      expect((await api.patch(`/api/v1/billing_accounts/${accountA.id}`, { name: "hijacked" }, { key })).status).toBe(404);
      expect((await api.delete(`/api/v1/billing_accounts/${accountA.id}`, { key })).status).toBe(404);
    }
    const mine = await api.get(`/api/v1/billing_accounts/${accountA.id}`, { key: a.liveKey });
    expect(mine.status).toBe(200);
    expect(mine.body.name).not.toBe("hijacked");
  });

  it("another tenant's lists never include it, whatever the filter", async () => {
    for (const query of ["", "?external_id=a-only", "?email=only-a@example.com", "?status=archived", "?limit=100"]) {
      const res = await api.get(`/api/v1/billing_accounts${query}`, { key: b.liveKey });
      expect(res.status).toBe(200);
      expect(res.body.data.map((x: { id: string }) => x.id)).not.toContain(accountA.id);
    }
    const own = await api.get("/api/v1/billing_accounts", { key: b.liveKey });
    expect(own.body.data.map((x: { external_id: string }) => x.external_id)).toEqual(["b-own"]);
  });

  it("the sandbox key of the same tenant cannot see live data, and live cannot see sandbox data", async () => {
    expect((await api.get(`/api/v1/billing_accounts/${accountA.id}`, { key: a.testKey })).status).toBe(404);
    expect((await api.get("/api/v1/billing_accounts", { key: a.testKey })).body.data).toEqual([]);
    const sandboxAccount = await api.post("/api/v1/billing_accounts", validAccount({ external_id: "a-only" }), { key: a.testKey });
    expect(sandboxAccount.status).toBe(201);
    expect(sandboxAccount.body.livemode).toBe(false);
    expect((await api.get(`/api/v1/billing_accounts/${sandboxAccount.body.id}`, { key: a.liveKey })).status).toBe(404);
    const live = await api.get("/api/v1/billing_accounts?external_id=a-only", { key: a.liveKey });
    expect(live.body.data.map((x: { id: string; livemode: boolean }) => [x.id, x.livemode])).toEqual([[accountA.id, true]]);
  });

  it("a cursor minted in one tenant reveals nothing in another", async () => {
    const page = await api.get("/api/v1/billing_accounts?limit=1", { key: a.liveKey });
    const cursor = Buffer.from(JSON.stringify([new Date(Date.now() + 60_000).toISOString(), accountA.id])).toString("base64url");
    const res = await api.get(`/api/v1/billing_accounts?cursor=${cursor}`, { key: b.liveKey });
    expect(res.body.data.map((x: { id: string }) => x.id)).not.toContain(accountA.id);
    expect(page.status).toBe(200);
  });
});
