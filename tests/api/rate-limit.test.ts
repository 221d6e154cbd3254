import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

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
});
