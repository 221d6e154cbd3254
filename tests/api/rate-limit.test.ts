import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

afterEach(() => {
  vi.useRealTimers();
});

async function bucket(apiKeyId: string) {
  const rows = await getDb().execute<{ tokens: number; last_granted: number; refilled_at: string }>(
    sql`select tokens, last_granted, refilled_at::text from rate_limit_buckets where api_key_id = ${apiKeyId}`,
  );
  return rows[0]!;
}

describe("rate limit (token bucket per key, in PostgreSQL)", () => {
  it("lets the burst through, then answers 429 with Retry-After and RateLimit-* headers", async () => {
    const t = await createTenant({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
      statuses.push(res.status);
      remaining.push(res.headers.get("ratelimit-remaining")!);
      expect(res.headers.get("ratelimit-limit")).toBe("3");
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(remaining).toEqual(["2", "1", "0"]);

    const limited = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limited" });
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
  });

  it("refills with time: a bucket last touched 2 s ago has 2 tokens again", async () => {
    const t = await createTenant({ rateLimitPerSecond: 1, rateLimitBurst: 3 });
    for (let i = 0; i < 3; i++) await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status).toBe(429);
    // Move the bucket's clock back instead of sleeping.
    await getDb().execute(sql`update rate_limit_buckets set refilled_at = refilled_at - interval '2 seconds' where api_key_id = ${t.liveKeyId}`);
    expect((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status).toBe(200);
    expect((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status).toBe(200);
    expect((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status).toBe(429);
  });

  it("is per key: another tenant's key is unaffected; a refused request does not drain the bucket further", async () => {
    const a = await createTenant({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    const b = await createTenant({ rateLimitPerSecond: 1, rateLimitBurst: 1 });
    expect((await api.get("/api/v1/billing_accounts", { key: a.liveKey })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await api.get("/api/v1/billing_accounts", { key: a.liveKey })).status).toBe(429);
    expect((await api.get("/api/v1/billing_accounts", { key: b.liveKey })).status).toBe(200);
    await getDb().execute(sql`update rate_limit_buckets set refilled_at = refilled_at - interval '1 second' where api_key_id = ${a.liveKeyId}`);
    expect((await api.get("/api/v1/billing_accounts", { key: a.liveKey })).status).toBe(200);
  });

  it("uses the deployment default (100/s, burst 200) when the organization sets none", async () => {
    const t = await createTenant();
    await getDb().execute(sql`update organizations set rate_limit_per_second = null, rate_limit_burst = null where id = ${t.live.id}`);
    const res = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect(res.headers.get("ratelimit-limit")).toBe("200");
    expect(res.headers.get("ratelimit-remaining")).toBe("199");
  });

  it("leases a node a few tokens at a time: one database take serves the next requests, headers stay exact", async () => {
    const t = await createTenant({ rateLimitPerSecond: 100, rateLimitBurst: 200 });
    const first = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect(first.headers.get("ratelimit-remaining")).toBe("199");
    const afterFirst = await bucket(t.liveKeyId);
    expect(afterFirst.last_granted).toBe(10); // min(10% of the burst, 0.1 s of the rate)
    expect(Math.round(afterFirst.tokens)).toBe(190);
    const remaining: string[] = [];
    for (let i = 0; i < 9; i++) remaining.push((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).headers.get("ratelimit-remaining")!);
    expect(remaining).toEqual(["198", "197", "196", "195", "194", "193", "192", "191", "190"]);
    expect((await bucket(t.liveKeyId)).refilled_at).toBe(afterFirst.refilled_at); // no database take for those nine
    await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect((await bucket(t.liveKeyId)).refilled_at).not.toBe(afterFirst.refilled_at); // the eleventh takes a new lease
  });

  it("never lets more through than the burst plus what the rate refilled meanwhile", async () => {
    const t = await createTenant({ rateLimitPerSecond: 100, rateLimitBurst: 100 });
    const started = Date.now();
    let allowed = 0;
    for (let i = 0; i < 160; i++) if ((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status === 200) allowed++;
    const elapsed = (Date.now() - started) / 1000;
    expect(allowed).toBeGreaterThanOrEqual(100);
    expect(allowed).toBeLessThanOrEqual(100 + Math.ceil(elapsed * 100));
  });

  it("a key revoked on another node stops working here within a second; on this node at once", async () => {
    const t = await createTenant();
    expect((await api.get("/api/v1/billing_accounts", { key: t.liveKey })).status).toBe(200);
    // Another node revokes it: straight in the database, this process's cache is not told.
    await getDb().execute(sql`update api_keys set revoked_at = now() where id = ${t.liveKeyId}`);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 1000);
    const res = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("api_key_revoked");
  });
});

describe("rate limit under concurrency", () => {
  it("concurrent requests share one lease fetch: a burst of parallel requests within the limit all pass", async () => {
    const t = await createTenant({ rateLimitPerSecond: 1000, rateLimitBurst: 1000 });
    const results = await Promise.all(Array.from({ length: 60 }, () => api.get("/api/v1/billing_accounts", { key: t.liveKey })));
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const [row] = await getDb().execute<{ tokens: number }>(sql`select tokens from rate_limit_buckets where api_key_id = ${t.liveKeyId}`);
    // 60 requests needed at most one lease of 100 (plus whatever refill) — not 60 separate leases.
    expect(row!.tokens).toBeGreaterThanOrEqual(800);
  });
});
