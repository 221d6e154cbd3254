import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { revokeApiKey } from "@/lib/api-keys/create";
import { api, call } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// Every error status of the platform, each in the one envelope.
let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

function expectEnvelope(res: { status: number; body: any; headers: Headers }, status: number, code: string, param: string | null = null) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(Object.keys(res.body.error).sort()).toEqual(["code", "message", "param", "request_id", "type"]);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.param).toBe(param);
  expect(res.body.error.request_id).toBe(res.headers.get("request-id"));
  expect(res.body.error.message.length).toBeGreaterThan(10);
}

describe("API errors", () => {
  it("400 for a body that is not JSON, or not declared as JSON", async () => {
    const malformed = await call("POST", "/api/v1/billing_accounts", {
      key: t.liveKey,
      rawBody: '{"name": "x",',
      headers: { "content-type": "application/json" },
    });
    expectEnvelope(malformed, 400, "invalid_json");
    const form = await call("POST", "/api/v1/billing_accounts", {
      key: t.liveKey,
      rawBody: "name=x&email=y",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectEnvelope(form, 400, "unsupported_content_type");
    const undeclared = await call("POST", "/api/v1/billing_accounts", { key: t.liveKey, rawBody: '{"name":"x"}' });
    expectEnvelope(undeclared, 400, "unsupported_content_type");
    const huge = await call("POST", "/api/v1/billing_accounts", {
      key: t.liveKey,
      rawBody: JSON.stringify({ name: "x".repeat(1_100_000) }),
      headers: { "content-type": "application/json" },
    });
    expectEnvelope(huge, 400, "body_too_large");
  });

  it("401 without a key, with a malformed or unknown key, and with a revoked key", async () => {
    expectEnvelope(await api.get("/api/v1/billing_accounts"), 401, "missing_api_key");
    expectEnvelope(await api.get("/api/v1/billing_accounts", { headers: { authorization: "Basic abc" } }), 401, "invalid_api_key");
    expectEnvelope(await api.get("/api/v1/billing_accounts", { key: "sk_live_short" }), 401, "invalid_api_key");
    expectEnvelope(await api.get("/api/v1/billing_accounts", { key: `sk_live_${"a".repeat(32)}` }), 401, "invalid_api_key");
    const other = await createTenant();
    expect((await api.get("/api/v1/billing_accounts", { key: other.liveKey })).status).toBe(200);
    await revokeApiKey(getDb(), { organizationId: other.live.id, id: other.liveKeyId });
    expectEnvelope(await api.get("/api/v1/billing_accounts", { key: other.liveKey }), 401, "api_key_revoked");
  });

  it("403 when the key lacks the scope; write implies read", async () => {
    const readOnly = await createTenant({ scopes: ["billing_accounts:read"] });
    expect((await api.get("/api/v1/billing_accounts", { key: readOnly.liveKey })).status).toBe(200);
    expectEnvelope(await api.post("/api/v1/billing_accounts", validAccount(), { key: readOnly.liveKey }), 403, "insufficient_scope");
    const writer = await createTenant({ scopes: ["billing_accounts:write"] });
    expect((await api.get("/api/v1/billing_accounts", { key: writer.liveKey })).status).toBe(200);
    const unrelated = await createTenant({ scopes: ["invoices:read"] });
    expectEnvelope(await api.get("/api/v1/billing_accounts", { key: unrelated.liveKey }), 403, "insufficient_scope");
  });

  it("404 for an unknown id, a malformed id and an unknown route", async () => {
    expectEnvelope(await api.get("/api/v1/billing_accounts/7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11", { key: t.liveKey }), 404, "resource_missing", "id");
    expectEnvelope(await api.get("/api/v1/billing_accounts/not-a-uuid", { key: t.liveKey }), 404, "resource_missing", "id");
    expectEnvelope(await api.get("/api/v1/invoicez", { key: t.liveKey }), 404, "route_not_found");
  });

  it("409 on a unique conflict", async () => {
    await api.post("/api/v1/billing_accounts", validAccount({ external_id: "same" }), { key: t.liveKey });
    expectEnvelope(await api.post("/api/v1/billing_accounts", validAccount({ external_id: "same" }), { key: t.liveKey }), 409, "resource_conflict", "external_id");
  });

  it("422 names the parameter; limit out of range too", async () => {
    expectEnvelope(await api.post("/api/v1/billing_accounts", validAccount({ name: "" }), { key: t.liveKey }), 422, "validation_failed", "name");
    expectEnvelope(await api.post("/api/v1/billing_accounts", [1, 2], { key: t.liveKey }), 422, "validation_failed", null);
    expectEnvelope(await api.get("/api/v1/billing_accounts?limit=101", { key: t.liveKey }), 422, "validation_failed", "limit");
    expectEnvelope(await api.get("/api/v1/billing_accounts?limit=0", { key: t.liveKey }), 422, "validation_failed", "limit");
  });

  it("500 when something unexpected breaks: the envelope, the request id, nothing internal", async () => {
    const broken = await createTenant();
    await getDb().execute(sql`alter table billing_accounts rename to billing_accounts_moved`);
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    process.env.LOG_LEVEL = "error";
    try {
      const res = await api.get("/api/v1/billing_accounts", { key: broken.liveKey });
      // The operator's log has the cause, tagged with the same request id the client was given.
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled error in API handler");
      expect(logged.request_id).toBe(res.headers.get("request-id"));
      expect(JSON.stringify(logged.error)).toContain("billing_accounts");
      expectEnvelope(res, 500, "internal_error");
      expect(res.body.error.type).toBe("api_error");
      expect(res.text).not.toMatch(/billing_accounts|relation|postgres|at .*\.ts/i);
      expect(res.body.error.message).toContain(res.headers.get("request-id"));
    } finally {
      stderr.mockRestore();
      process.env.LOG_LEVEL = "silent";
      await getDb().execute(sql`alter table billing_accounts_moved rename to billing_accounts`);
    }
  });
});

describe("a body the client stops sending", () => {
  it("is a 400, not an unexpected error", async () => {
    const t = await createTenant();
    const { POST } = await import("@/app/api/v1/billing_accounts/route");
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"half'));
        controller.error(new Error("aborted"));
      },
    });
    const req = new Request("http://localhost:3000/api/v1/billing_accounts", {
      method: "POST",
      headers: { authorization: `Bearer ${t.liveKey}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("body_incomplete");
  });
});
