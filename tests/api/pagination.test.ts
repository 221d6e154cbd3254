import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
const TOTAL = 47;
beforeAll(async () => {
  t = await createTenant();
  for (let i = 0; i < TOTAL; i++) {
    const res = await api.post("/api/v1/billing_accounts", validAccount({ name: `Cliente ${i}`, external_id: `page-${i}` }), { key: t.liveKey });
    expect(res.status).toBe(201);
  }
  // Several rows sharing one created_at: the id breaks the tie, so nothing is skipped or repeated.
  await getDb().execute(sql`update billing_accounts set created_at = '2026-01-01T00:00:00.000Z' where external_id in ('page-10','page-11','page-12','page-13','page-14')`);
});

async function walk(limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await api.get(`/api/v1/billing_accounts?${qs}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.data.map((a: { external_id: string }) => a.external_id));
    cursor = res.body.next_cursor;
    expect(res.body.has_more).toBe(cursor !== null);
    pages++;
  } while (cursor);
  return { seen, pages };
}

describe("list pagination", () => {
  it.each([1, 7, 10, 20, 47, 100])("walks every account exactly once with limit=%i", async (limit) => {
    const { seen, pages } = await walk(limit);
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    expect(pages).toBe(Math.max(1, Math.ceil(TOTAL / limit)));
  });

  it("orders newest first, ties broken by id, and defaults to 20 per page", async () => {
    const res = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    expect(res.body.data).toHaveLength(20);
    expect(res.body.data[0].external_id).toBe(`page-${TOTAL - 1}`);
    const { seen } = await walk(100);
    expect(seen.slice(-5).sort()).toEqual(["page-10", "page-11", "page-12", "page-13", "page-14"]);
  });

  it("a page is unaffected by accounts created after its cursor was issued", async () => {
    const first = await api.get("/api/v1/billing_accounts?limit=5", { key: t.liveKey });
    await api.post("/api/v1/billing_accounts", validAccount({ external_id: "late" }), { key: t.liveKey });
    const second = await api.get(`/api/v1/billing_accounts?limit=5&cursor=${first.body.next_cursor}`, { key: t.liveKey });
    const ids = [...first.body.data, ...second.body.data].map((a: { external_id: string }) => a.external_id);
    expect(ids).not.toContain("late");
    expect(new Set(ids).size).toBe(10);
    await api.delete(`/api/v1/billing_accounts/${(await api.get("/api/v1/billing_accounts?external_id=late", { key: t.liveKey })).body.data[0].id}`, { key: t.liveKey });
  });

  it("rejects a forged cursor with 422 naming it", async () => {
    const forged = (createdAt: string) => Buffer.from(JSON.stringify([createdAt, "7d3c1d7e-1111-4b1e-9e7e-3f3b7b0c0a11"])).toString("base64url");
    // A date JavaScript reads but PostgreSQL cannot hold (year 0 and before, after 9999) is forged too, not a 500.
    const outOfRange = [forged("+275760-09-13T00:00:00.000Z"), forged("-000001-01-01T00:00:00.000Z"), forged("10000-01-01")];
    for (const cursor of ["garbage", Buffer.from('["x","y"]').toString("base64url"), Buffer.from("{}").toString("base64url"), ...outOfRange]) {
      const res = await api.get(`/api/v1/billing_accounts?cursor=${cursor}`, { key: t.liveKey });
      expect(res.status).toBe(422);
      expect(res.body.error.param).toBe("cursor");
    }
  });
});
