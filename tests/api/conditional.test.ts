import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
let id: string;
beforeAll(async () => {
  t = await createTenant();
  id = (await api.post("/api/v1/billing_accounts", validAccount(), { key: t.liveKey })).body.id;
});

describe("conditional GETs", () => {
  it("answers 304 with no body to a matching If-None-Match, 200 once the account changes", async () => {
    const first = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const cached = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-none-match": etag } });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");
    expect(cached.headers.get("etag")).toBe(etag);
    expect(cached.headers.get("request-id")).toBeTruthy();
    const listed = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-none-match": `"other", ${etag}` } });
    expect(listed.status).toBe(304);

    await api.patch(`/api/v1/billing_accounts/${id}`, { name: "Renamed" }, { key: t.liveKey });
    const fresh = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-none-match": etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.body.name).toBe("Renamed");
    expect(fresh.headers.get("etag")).not.toBe(etag);
  });

  it("answers 304 to If-Modified-Since at or after Last-Modified, 200 before it", async () => {
    const first = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey });
    const lastModified = first.headers.get("last-modified")!;
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    const same = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-modified-since": lastModified } });
    expect(same.status).toBe(304);
    expect(same.text).toBe("");
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    const older = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-modified-since": earlier } });
    expect(older.status).toBe(200);
    const garbage = await api.get(`/api/v1/billing_accounts/${id}`, { key: t.liveKey, headers: { "if-modified-since": "yesterday-ish" } });
    expect(garbage.status).toBe(200);
  });

  it("lists carry an ETag too", async () => {
    const list = await api.get("/api/v1/billing_accounts", { key: t.liveKey });
    const again = await api.get("/api/v1/billing_accounts", { key: t.liveKey, headers: { "if-none-match": list.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });
});
