import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseUrl, getDb } from "@/db";
import { requestLogs } from "@/db/schema";
import { flushRequestLogs, pruneRequestLogs } from "@/lib/api/request-log";
import { jobs } from "@/lib/jobs/definitions";
import { startWorkers, stopWorkers } from "@/lib/jobs/worker";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

describe("request log", () => {
  it("records each API request with its request id, status, key and duration", async () => {
    const t = await createTenant();
    const ok = await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey, headers: { "idempotency-key": "log-1", "x-forwarded-for": "203.0.113.9, 10.0.0.1" } });
    const bad = await api.get("/api/v1/billing_accounts/00000000-0000-4000-8000-000000000000", { key: t.liveKey });
    await flushRequestLogs();
    const rows = await getDb().select().from(requestLogs).where(eq(requestLogs.organizationId, t.live.id));
    const byId = new Map(rows.map((r) => [r.requestId, r]));
    expect(byId.get(ok.headers.get("request-id")!)).toMatchObject({
      method: "POST",
      path: "/api/v1/billing_accounts",
      status: 201,
      apiKeyId: t.liveKeyId,
      ip: "203.0.113.9",
      idempotencyKey: "log-1",
      errorCode: null,
    });
    expect(byId.get(bad.headers.get("request-id")!)).toMatchObject({ status: 404, errorCode: "resource_missing" });
    expect(rows.every((r) => r.durationMs >= 0)).toBe(true);
  });

  it("logs unauthenticated failures without a tenant", async () => {
    const res = await api.get("/api/v1/billing_accounts");
    await flushRequestLogs();
    const [row] = await getDb().select().from(requestLogs).where(eq(requestLogs.requestId, res.headers.get("request-id")!));
    expect(row).toMatchObject({ status: 401, organizationId: null, errorCode: "missing_api_key" });
  });

  it("the retention job deletes rows older than 30 days and keeps the rest; running it twice is harmless", async () => {
    const t = await createTenant();
    const now = new Date("2026-11-21T12:00:00Z");
    const day = 24 * 60 * 60 * 1000;
    const base = { organizationId: t.live.id, method: "GET", path: "/x", status: 200, durationMs: 1 };
    await getDb().insert(requestLogs).values([
      { ...base, requestId: crypto.randomUUID(), createdAt: new Date(now.getTime() - 31 * day) },
      { ...base, requestId: crypto.randomUUID(), createdAt: new Date(now.getTime() - 30 * day - 1000) },
      { ...base, requestId: crypto.randomUUID(), createdAt: new Date(now.getTime() - 29 * day) },
      { ...base, requestId: crypto.randomUUID(), createdAt: now },
    ]);
    expect(await pruneRequestLogs(getDb(), now)).toBe(2);
    expect(await pruneRequestLogs(getDb(), now)).toBe(0);
    const left = await getDb().select().from(requestLogs).where(and(eq(requestLogs.organizationId, t.live.id), eq(requestLogs.path, "/x")));
    expect(left).toHaveLength(2);
  });

  it("the workers schedule the daily retention job in pg-boss", async () => {
    await startWorkers(databaseUrl());
    try {
      const schedules = await getDb().execute<{ name: string; cron: string }>(sql`select name, cron from pgboss.schedule order by name`);
      expect(schedules.map((s) => s.name)).toEqual(jobs.filter((j) => j.cron).map((j) => j.name).sort());
      expect(schedules.find((s) => s.name === "request-logs.prune")!.cron).toBe("15 3 * * *");
    } finally {
      await stopWorkers();
    }
  });
});
