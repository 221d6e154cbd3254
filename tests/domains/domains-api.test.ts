import { domainToASCII } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { getDb } from "@/db";
import { customDomains } from "@/db/schema";
import { MAX_AUTOMATIC_CHECKS, recheckPendingDomains } from "@/lib/domains/verify";
import { resolveTenantByHost } from "@/lib/tenancy/resolve";
import { startAcmeTestbed, type AcmeTestbed } from "../helpers/acme-testbed";
import { api } from "../helpers/api";
import { uniqueHost } from "../helpers/domains";
import { createTenant } from "../helpers/factories";

// /api/v1/domains as a merchant's developer uses it; DNS answers come from challtestsrv.
let bed: AcmeTestbed;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  bed = await startAcmeTestbed({ extraEnv: { DOMAINS_PER_ORGANIZATION: "3" } });
  a = await createTenant();
  b = await createTenant();
});
afterAll(async () => {
  await stopBoss(); // verification queues issuance jobs (no workers run in this file)
  await bed?.stop();
});

const add = (key: string, hostname: string, headers?: Record<string, string>) => api.post("/api/v1/domains", { hostname }, { key, headers });
const verify = (key: string, id: string) => api.post(`/api/v1/domains/${id}/verify`, {}, { key });
const recordsOf = (body: { dns_records: Array<{ type: string; value: string; name: string }> }) => body.dns_records;

describe("adding a domain", () => {
  it("returns the DNS records to create and starts pending", async () => {
    const hostname = uniqueHost();
    const res = await add(a.liveKey, `  ${hostname.toUpperCase()}. `);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ object: "domain", livemode: true, hostname, status: "pending", certificate: null, failure_reason: null });
    const [txt, cname, aRecord] = recordsOf(res.body);
    expect(txt).toMatchObject({ type: "TXT", name: `_ciclo-challenge.${hostname}`, purpose: "verification" });
    expect(txt!.value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(cname).toEqual({ type: "CNAME", name: hostname, value: "localhost", purpose: "routing" });
    expect(aRecord).toEqual({ type: "A", name: hostname, value: "127.0.0.1", purpose: "routing" });
    expect(res.body.verification.next_check_at).not.toBeNull();
    expect((await api.get(`/api/v1/domains/${res.body.id}`, { key: a.liveKey })).body).toEqual(res.body);
    // Unicode names are stored as punycode.
    expect((await add(a.testKey, "lojação.example.test")).body.hostname).toBe(domainToASCII("lojação.example.test"));
  });

  it.each([
    ["", "must not be empty"],
    ["https://shop.example.com", "without a scheme"],
    ["203.0.113.5", "not an IP address"],
    ["[2001:db8::1]", "not an IP address"],
    ["shop.example.com:8443", "without a port"],
    ["shop.example.com/portal", "not a valid host name"],
    ["bad_label.example.com", "not a valid host name"],
    ["intranet", "fully qualified"],
    ["acme.localhost", "subdomains"],
    ["localhost", "fully qualified"],
    [`${"a".repeat(64)}.example.com`, "not a valid host name"],
    ["2001:db8::1", "not an IP address"],
    ["shop.example.com..", "not a valid host name"],
    [`${"ç".repeat(200)}.example.com`, "not a valid host name"],
    ["xn--zz.example.com", "not a valid host name"],
    ["x".repeat(300), "at most 253 characters"],
  ])("refuses %j with a 422 naming hostname", async (hostname, message) => {
    const res = await add(a.liveKey, hostname);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "validation_failed", param: "hostname" });
    expect(res.body.error.message).toContain(message);
  });

  it("names the field for a missing or unknown parameter", async () => {
    expect((await api.post("/api/v1/domains", {}, { key: a.liveKey })).body.error).toMatchObject({ param: "hostname", message: "Invalid hostname: This field is required" });
    expect((await api.post("/api/v1/domains", { hostname: uniqueHost(), tls: true }, { key: a.liveKey })).body.error.param).toBe("tls");
  });

  it("refuses a host added twice, and one another organization has verified; lets organizations race while pending", async () => {
    const hostname = uniqueHost("contested");
    const first = await add(b.liveKey, hostname);
    expect((await add(b.liveKey, hostname)).body.error).toMatchObject({ code: "resource_conflict", param: "hostname" });
    const rival = await add(b.testKey, hostname); // another organization may claim it while nobody has proven control
    expect(rival.status).toBe(201);

    await bed.pebble.setTxt(`_ciclo-challenge.${hostname}`, recordsOf(first.body)[0]!.value);
    expect((await verify(b.liveKey, first.body.id)).body.status).toBe("verified");
    // The rival's token shows up in DNS too, but the host is taken by then.
    await bed.pebble.setTxt(`_ciclo-challenge.${hostname}`, recordsOf(rival.body)[0]!.value);
    const late = await verify(b.testKey, rival.body.id);
    expect(late.body).toMatchObject({ status: "pending", verification: { error: `${hostname} is already in use by another organization` } });
    const taken = await add(a.liveKey, hostname);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ param: "hostname", message: `Invalid hostname: ${hostname} is already in use by another organization` });
  });

  it("limits the domains of an organization (DOMAINS_PER_ORGANIZATION)", async () => {
    const t = await createTenant();
    for (let i = 0; i < 3; i++) expect((await add(t.liveKey, uniqueHost())).status).toBe(201);
    const over = await add(t.liveKey, uniqueHost());
    expect(over.status).toBe(422);
    expect(over.body.error.param).toBe("hostname");
    expect(over.body.error.message).toContain("the most allowed (3)");
    expect((await add(t.testKey, uniqueHost())).status).toBe(201); // the sandbox has its own allowance
  });

  it("holds the limit when additions race", async () => {
    const t = await createTenant();
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => add(t.liveKey, uniqueHost())))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(3);
    expect(await getDb().$count(customDomains, eq(customDomains.organizationId, t.live.id))).toBe(3);
  });

  it("replays a create with the same Idempotency-Key and refuses the key with another body", async () => {
    const hostname = uniqueHost();
    const headers = { "Idempotency-Key": `domain-${hostname}` };
    const first = await add(a.testKey, hostname, headers);
    const again = await add(a.testKey, hostname, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect((await add(a.testKey, uniqueHost(), headers)).body.error.code).toBe("idempotency_key_reused");
  });
});

describe("verification", () => {
  it("explains what is missing in DNS until the TXT and routing records are right, then serves the portal there", async () => {
    const hostname = uniqueHost();
    const created = (await add(a.liveKey, hostname)).body;
    const token = recordsOf(created)[0]!.value;
    expect(await resolveTenantByHost(hostname)).toBeNull();

    expect((await verify(a.liveKey, created.id)).body.verification.error).toBe(`No TXT record found at _ciclo-challenge.${hostname}`);
    await bed.pebble.setTxt(`_ciclo-challenge.${hostname}`, "someone-else's-token");
    expect((await verify(a.liveKey, created.id)).body.verification.error).toContain("does not contain this domain's token");
    await bed.pebble.setTxt(`_ciclo-challenge.${hostname}`, token);
    await bed.pebble.addA(hostname, ["192.0.2.44"]);
    const misrouted = (await verify(a.liveKey, created.id)).body;
    expect(misrouted.status).toBe("pending");
    expect(misrouted.verification.error).toBe(`${hostname} resolves to 192.0.2.44, not to this platform: point it at CNAME localhost or A 127.0.0.1`);

    await bed.pebble.clearA(hostname);
    await bed.pebble.addA(hostname, ["127.0.0.1"]);
    const verified = (await verify(a.liveKey, created.id)).body;
    expect(verified).toMatchObject({ status: "verified", verification: { error: null, next_check_at: null } });
    expect(verified.verification.verified_at).not.toBeNull();
    expect(await resolveTenantByHost(hostname)).toMatchObject({ id: a.live.id, mode: "live" });
    expect((await verify(a.liveKey, created.id)).body.status).toBe("verified"); // a verified domain is left as it is

    expect((await api.delete(`/api/v1/domains/${created.id}`, { key: a.liveKey })).status).toBe(200);
    expect(await resolveTenantByHost(hostname)).toBeNull();
    expect((await api.get(`/api/v1/domains/${created.id}`, { key: a.liveKey })).status).toBe(404);
  });

  it("re-checks pending domains on a schedule: every minute at first, less often later, and stops after two weeks", async () => {
    const t = await createTenant();
    const [waiting, ready] = [(await add(t.liveKey, uniqueHost())).body, (await add(t.liveKey, uniqueHost())).body];
    await bed.pebble.setTxt(`_ciclo-challenge.${ready.hostname}`, recordsOf(ready)[0]!.value);
    const at = new Date(Date.now() + 60_000);
    await recheckPendingDomains(getDb(), at);
    const row = async (id: string) => (await getDb().select().from(customDomains).where(eq(customDomains.id, id)))[0]!;
    expect((await row(ready.id)).status).toBe("verified");
    expect(await row(waiting.id)).toMatchObject({ status: "pending", checkCount: 1, nextCheckAt: new Date(at.getTime() + 120_000) });

    // Not due yet: untouched.
    await recheckPendingDomains(getDb(), new Date(at.getTime() + 60_000));
    expect((await row(waiting.id)).checkCount).toBe(1);
    const later = new Date(at.getTime() + 120_000);
    await recheckPendingDomains(getDb(), later);
    expect(await row(waiting.id)).toMatchObject({ checkCount: 2, nextCheckAt: new Date(later.getTime() + 240_000) });

    await getDb().update(customDomains).set({ checkCount: MAX_AUTOMATIC_CHECKS - 1, nextCheckAt: later }).where(eq(customDomains.id, waiting.id));
    await recheckPendingDomains(getDb(), later);
    expect(await row(waiting.id)).toMatchObject({ checkCount: MAX_AUTOMATIC_CHECKS, nextCheckAt: null });
    // A manual check re-arms the schedule.
    const manual = await verify(t.liveKey, waiting.id);
    expect(manual.body.verification.next_check_at).not.toBeNull();
  });
});

describe("tenant isolation", () => {
  it("answers 404 to another tenant's key and never lists another tenant's domains", async () => {
    const mine = (await add(a.liveKey, uniqueHost())).body;
    for (const key of [b.liveKey, b.testKey, a.testKey]) {
      const got = await api.get(`/api/v1/domains/${mine.id}`, { key });
      expect(got.status).toBe(404);
      expect(got.body.error).toMatchObject({ code: "resource_missing", param: "id" });
      expect((await verify(key, mine.id)).status).toBe(404);
      expect((await api.delete(`/api/v1/domains/${mine.id}`, { key })).status).toBe(404);
      const listed = (await api.get("/api/v1/domains?limit=100", { key })).body;
      expect(listed.data.map((d: { id: string }) => d.id)).not.toContain(mine.id);
    }
    expect((await api.get(`/api/v1/domains/${mine.id}`, { key: a.liveKey })).status).toBe(200);
    expect((await api.get("/api/v1/domains/not-a-uuid", { key: a.liveKey })).status).toBe(404);
  });

  it("lists a tenant's domains newest first with cursor pagination", async () => {
    const t = await createTenant();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await add(t.liveKey, uniqueHost())).body.id);
    const first = (await api.get("/api/v1/domains?limit=2", { key: t.liveKey })).body;
    expect(first).toMatchObject({ object: "list", has_more: true });
    expect(first.data.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    const second = (await api.get(`/api/v1/domains?limit=2&cursor=${first.next_cursor}`, { key: t.liveKey })).body;
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.data.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
  });

  it("requires the domains scopes", async () => {
    const t = await createTenant({ scopes: ["domains:read"] });
    expect((await api.get("/api/v1/domains", { key: t.liveKey })).status).toBe(200);
    expect((await add(t.liveKey, uniqueHost())).body.error.code).toBe("insufficient_scope");
  });
});
