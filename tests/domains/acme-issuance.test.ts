import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { acmeChallenges, certificates, customDomains, organizations } from "@/db/schema";
import { issueCertificate } from "@/lib/acme/issue";
import { domainsDueForOrder } from "@/lib/acme/renew";
import { servingCertificateFor } from "@/lib/acme/store";
import { now, resetClock, setClock } from "@/lib/clock";
import { domainJobs } from "@/lib/domains/jobs";
import { mayIssueFor } from "@/lib/domains/guard";
import { verifyDomainNow } from "@/lib/domains/verify";
import { startWorkers, stopWorkers } from "@/lib/jobs/worker";
import { resolveTenantByHost } from "@/lib/tenancy/resolve";
import { startAcmeTestbed, type AcmeTestbed } from "../helpers/acme-testbed";
import { api } from "../helpers/api";
import { addDomainWithDns, expectChainsToRoot, ordersFor, pebbleOrders, tlsHandshake, uniqueHost, waitFor, waitForDomainStatus } from "../helpers/domains";
import { createTenant } from "../helpers/factories";

// Real ACME: Pebble validates HTTP-01 against our challenge answer, challtestsrv is its DNS
// and ours, the pg-boss workers run the orders.
const REFUSED_HOST = "refused.example.test"; // on Pebble's blocklist: every order for it fails
let bed: AcmeTestbed;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  bed = await startAcmeTestbed({ validitySeconds: 3600, blockedDomains: [REFUSED_HOST] });
  a = await createTenant();
  b = await createTenant();
  await startWorkers();
});
afterAll(async () => {
  resetClock();
  await stopWorkers();
  await bed?.stop();
});

const certificateOf = async (domainId: string) => (await getDb().select().from(certificates).where(eq(certificates.domainId, domainId)))[0];
const ref = (organizationId: string, domainId: string) => ({ organizationId, domainId });
const dueIds = async () => (await domainsDueForOrder(getDb(), now())).map((d) => d.domainId);
const domainRow = async (domainId: string) => (await getDb().select().from(customDomains).where(eq(customDomains.id, domainId)))[0]!;

/** Adds a domain with its DNS, verifies it through the API, and waits for the worker's certificate. */
async function activeDomain(key: string, hostname = uniqueHost()) {
  const domain = await addDomainWithDns(bed.pebble, key, hostname);
  const verified = await api.post(`/api/v1/domains/${domain.id}/verify`, {}, { key });
  expect(verified.body.status).toBe("verified");
  return waitForDomainStatus(key, domain.id, "active");
}

describe("issuance against Pebble", () => {
  it("verifies a merchant's domain, answers HTTP-01 from the database, and stores a certificate chaining to Pebble's root", async () => {
    const hostname = uniqueHost();
    const domain = await activeDomain(a.liveKey, hostname);

    // Pebble's validator fetched the token from our challenge answer on that host.
    expect(bed.validations.some((v) => v.startsWith(`${hostname}:`) && v.includes(" /.well-known/acme-challenge/"))).toBe(true);
    expect(await getDb().select().from(acmeChallenges).where(eq(acmeChallenges.domainId, domain.id))).toEqual([]);

    const rootPem = await bed.pebble.rootPem();
    const stored = (await certificateOf(domain.id))!;
    const leaf = expectChainsToRoot(stored.certificatePem, rootPem, hostname);
    expect(stored.notAfter.getTime()).toBe(new Date(leaf.validTo).getTime());
    expect(stored.notAfter.getTime() - stored.notBefore.getTime()).toBeGreaterThan(3_500_000); // Pebble's 1 h certificates
    expect(stored.privateKeySealed).not.toContain("PRIVATE KEY");
    expect(domain.certificate).toMatchObject({ not_after: stored.notAfter.toISOString(), renews_at: stored.renewAt.toISOString() });
    expect(domain.certificate.issuer).toMatch(/Pebble/);
    expect(domain.failure_reason).toBeNull();

    // The stored key opens, matches the chain, and a TLS client trusting Pebble's root accepts it for the host.
    const served = (await servingCertificateFor(hostname, getDb(), now()))!;
    expect(await tlsHandshake(served, rootPem, hostname)).toEqual({ authorized: true, subjectAltName: `DNS:${hostname}` });
    // The portal now answers on the host.
    expect(await resolveTenantByHost(hostname)).toMatchObject({ id: a.live.id });
  });

  it("gives a second tenant's domain its own certificate and key", async () => {
    const first = await activeDomain(a.liveKey);
    const second = await activeDomain(b.testKey);
    const [certA, certB] = [(await certificateOf(first.id))!, (await certificateOf(second.id))!];
    expect(certB.organizationId).toBe(b.sandbox.id);
    expect(certB.serialNumber).not.toBe(certA.serialNumber);
    const rootPem = await bed.pebble.rootPem();
    expectChainsToRoot(certB.certificatePem, rootPem, second.hostname);
    const [servedA, servedB] = [await servingCertificateFor(first.hostname, getDb(), now()), await servingCertificateFor(second.hostname, getDb(), now())];
    expect(servedA!.privateKeyPem).not.toBe(servedB!.privateKeyPem);
    expect((await tlsHandshake(servedB!, rootPem, second.hostname)).authorized).toBe(true);
    expect(await resolveTenantByHost(second.hostname)).toMatchObject({ id: b.sandbox.id, mode: "test" });
  });

  it("never lets an unverified domain, or one of a suspended organization, reach Pebble", async () => {
    const hostname = uniqueHost("unverified");
    const added = await api.post("/api/v1/domains", { hostname }, { key: a.liveKey }); // no DNS records created
    const ordersBefore = (await pebbleOrders()).length;
    const validationsBefore = bed.validations.length;

    expect(await mayIssueFor(hostname)).toBe(false);
    expect(await issueCertificate(getDb(), ref(a.live.id, added.body.id))).toEqual({ outcome: "refused", reason: "not a verified domain of an active organization" });
    expect(await dueIds()).not.toContain(added.body.id);
    const checked = await api.post(`/api/v1/domains/${added.body.id}/verify`, {}, { key: a.liveKey });
    expect(checked.body).toMatchObject({ status: "pending", certificate: null });
    expect(checked.body.verification.error).toContain(`_ciclo-challenge.${hostname}`);

    // A verified domain whose organization is suspended is refused too.
    const c = await createTenant();
    const other = await addDomainWithDns(bed.pebble, c.liveKey);
    await getDb().update(organizations).set({ status: "suspended" }).where(eq(organizations.id, c.live.id));
    await getDb().update(customDomains).set({ status: "verified" }).where(eq(customDomains.id, other.id));
    expect(await mayIssueFor(other.hostname)).toBe(false);
    expect((await issueCertificate(getDb(), ref(c.live.id, other.id))).outcome).toBe("refused");
    // A job naming the wrong organization finds nothing.
    expect((await issueCertificate(getDb(), ref(a.live.id, other.id))).outcome).toBe("refused");
    expect(await resolveTenantByHost(other.hostname)).toBeNull();

    expect((await pebbleOrders()).length).toBe(ordersBefore);
    expect(await ordersFor(hostname)).toEqual([]);
    expect(bed.validations.length).toBe(validationsBefore);
  });

  it("orders once when several nodes race for the same domain", async () => {
    const domain = await addDomainWithDns(bed.pebble, a.liveKey);
    await verifyDomainNow(getDb(), { organizationId: a.live.id, id: domain.id }, now()); // also queues the worker's job
    const race = () => issueCertificate(getDb(), ref(a.live.id, domain.id));
    const outcomes = await Promise.all([race(), race(), race()]);
    expect(outcomes.filter((o) => o.outcome === "issued").length).toBeLessThanOrEqual(1);
    await waitForDomainStatus(a.liveKey, domain.id, "active");
    expect(await ordersFor(domain.hostname)).toHaveLength(1);
  });
});

describe("renewal", () => {
  it("never re-orders a valid certificate outside its window; renews once a third of the lifetime remains", async () => {
    const domain = await activeDomain(b.liveKey);
    const first = (await certificateOf(domain.id))!;
    expect(first.renewAt.getTime() - first.notBefore.getTime()).toBe(Math.floor(((first.notAfter.getTime() - first.notBefore.getTime()) * 2) / 3));

    expect(await issueCertificate(getDb(), ref(b.live.id, domain.id))).toEqual({ outcome: "not_due" });
    expect(await dueIds()).not.toContain(domain.id);
    expect(await ordersFor(domain.hostname)).toHaveLength(1);

    // The business clock reaches the renewal window: the scheduled sweep queues the order, a worker renews.
    setClock(new Date(first.renewAt.getTime() + 1_000));
    expect(await dueIds()).toContain(domain.id);
    await domainJobs.find((j) => j.name === "acme.renew")!.run({});
    await waitFor(async () => (await certificateOf(domain.id))?.serialNumber !== first.serialNumber, "renewed certificate");
    resetClock();

    const renewed = (await certificateOf(domain.id))!;
    expect(renewed.id).toBe(first.id); // replaced in place: one certificate per domain
    expect(renewed.notAfter.getTime()).toBeGreaterThanOrEqual(first.notAfter.getTime());
    expectChainsToRoot(renewed.certificatePem, await bed.pebble.rootPem(), domain.hostname);
    expect(await ordersFor(domain.hostname)).toHaveLength(2);
    expect((await api.get(`/api/v1/domains/${domain.id}`, { key: b.liveKey })).body).toMatchObject({ status: "active", failure_reason: null });
  });

  it("shows a failed order's reason and retries after 1 min, 10 min, 100 min, then daily", async () => {
    const start = new Date(Date.now() + 60_000);
    setClock(start);
    const domain = await addDomainWithDns(bed.pebble, a.liveKey, REFUSED_HOST);
    await api.post(`/api/v1/domains/${domain.id}/verify`, {}, { key: a.liveKey });
    const failed = await waitForDomainStatus(a.liveKey, domain.id, "failed");
    expect(failed.failure_reason).toMatch(/refused\.example\.test|blocked|policy/i);
    expect(failed.next_attempt_at).toBe(new Date(start.getTime() + 60_000).toISOString());
    expect(failed.certificate).toBeNull();

    // Not before its time, even when a job for it arrives.
    expect(await issueCertificate(getDb(), ref(a.live.id, domain.id))).toEqual({ outcome: "not_due" });
    expect(await dueIds()).not.toContain(domain.id);

    let at = start;
    for (const [failures, delayMs] of [[2, 10 * 60_000], [3, 100 * 60_000], [4, 24 * 3_600_000], [5, 24 * 3_600_000]] as const) {
      at = (await domainRow(domain.id)).nextAttemptAt!;
      setClock(at);
      expect(await dueIds()).toContain(domain.id);
      // The cron sweep's job may get there first: either way exactly one attempt happens at this time.
      await issueCertificate(getDb(), ref(a.live.id, domain.id));
      await waitFor(async () => (await domainRow(domain.id)).attemptCount === failures, `attempt ${failures}`);
      const row = await domainRow(domain.id);
      expect(row).toMatchObject({ status: "failed", attemptCount: failures, nextAttemptAt: new Date(at.getTime() + delayMs), leaseExpiresAt: null });
    }
    resetClock();
  });
});

describe("removal", () => {
  it("stops serving a removed domain and deletes its certificate", async () => {
    const domain = await activeDomain(a.testKey);
    const removed = await api.delete(`/api/v1/domains/${domain.id}`, { key: a.testKey });
    expect(removed.body).toEqual({ id: domain.id, object: "domain", deleted: true });
    expect(await getDb().select().from(certificates).where(and(eq(certificates.domainId, domain.id)))).toEqual([]);
    expect(await servingCertificateFor(domain.hostname, getDb(), now())).toBeNull();
    expect(await resolveTenantByHost(domain.hostname)).toBeNull();
    expect(await mayIssueFor(domain.hostname)).toBe(false);
    expect(await getDb().execute(sql`select 1 from custom_domains where id = ${domain.id}`)).toHaveLength(0);
  });
});
