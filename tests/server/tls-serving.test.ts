import { X509Certificate } from "node:crypto";
import type http from "node:http";
import https from "node:https";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { certificates, organizations } from "@/db/schema";
import { answerHttp01Challenge, storeChallenge } from "@/lib/acme/challenges";
import { issueCertificate } from "@/lib/acme/issue";
import { resetClock, setClock } from "@/lib/clock";
import { startWorkers, stopWorkers } from "@/lib/jobs/worker";
import { ACME_CHALLENGE_PREFIX } from "@/lib/server/http-redirect";
import { TLS_CIPHERS } from "@/lib/server/tls-policy";
import { startTlsServing, type TlsServing } from "@/lib/server/tls-serving";
import { startAcmeTestbed, type AcmeTestbed } from "../helpers/acme-testbed";
import { api } from "../helpers/api";
import { addDomainWithDns, uniqueHost, waitFor, waitForDomainStatus } from "../helpers/domains";
import { createTenant } from "../helpers/factories";
import { handshake, httpGet, rawHttp, refusedHandshake } from "../helpers/tls-client";

// The TLS layer of server.ts (lib/server/tls-serving.ts) with certificates Pebble really issued
// through HTTP-01. Two "nodes" share the database, as two app servers behind a TCP load
// balancer do. The app behind them is a small handler (Next.js cannot start inside Vitest):
// it answers ACME challenges through answerHttp01Challenge, the function the app's route calls,
// and names the host otherwise. scripts/bench-tls.ts runs the same against server.ts with Next.
let bed: AcmeTestbed;
let a: Awaited<ReturnType<typeof createTenant>>;
let b: Awaited<ReturnType<typeof createTenant>>;
let rootPem: string;
let nodeA: TlsServing;
let nodeB: TlsServing;
const serverErrors: string[] = [];
let hostA: { id: string; hostname: string };
let hostB: { id: string; hostname: string };

const app: http.RequestListener = (req, res) => {
  if (req.url?.startsWith(ACME_CHALLENGE_PREFIX)) {
    void answerHttp01Challenge({ host: req.headers.host ?? null, token: req.url.slice(ACME_CHALLENGE_PREFIX.length) }).then((answer) => {
      res.writeHead(answer ? 200 : 404, { "content-type": "text/plain" });
      res.end(answer ?? "Not found\n");
    });
    return;
  }
  res.writeHead(200, { "content-type": "text/plain" });
  res.end(`app ${req.headers.host} ${"encrypted" in req.socket ? "https" : "http"}`);
};

// Full refreshes are an hour apart here: whatever changes within a test arrives by notification.
const startNode = () =>
  startTlsServing({
    handler: app,
    settings: { httpsPort: 0, httpPort: 0, rootDomain: "localhost", refreshIntervalMs: 3_600_000 },
    databaseUrl: process.env.DATABASE_URL!,
    hostname: "127.0.0.1",
  });
const httpsPort = (node: TlsServing) => (node.https.address() as { port: number }).port;
const httpPort = (node: TlsServing) => (node.http!.address() as { port: number }).port;
const storedSerial = async (domainId: string) => (await getDb().select().from(certificates).where(eq(certificates.domainId, domainId)))[0]!.serialNumber;
const defaultFingerprint = (node: TlsServing) => new X509Certificate(node.defaultCertificate().certificatePem).fingerprint256;

async function activeDomain(key: string) {
  const domain = await addDomainWithDns(bed.pebble, key, uniqueHost("tls"));
  expect((await api.post(`/api/v1/domains/${domain.id}/verify`, {}, { key })).body.status).toBe("verified");
  await waitForDomainStatus(key, domain.id, "active");
  return domain;
}

beforeAll(async () => {
  bed = await startAcmeTestbed({ validitySeconds: 3600 });
  a = await createTenant();
  b = await createTenant();
  await startWorkers();
  rootPem = await bed.pebble.rootPem();
  hostA = await activeDomain(a.liveKey);
  hostB = await activeDomain(b.testKey); // the second tenant's sandbox
  nodeA = await startNode();
  nodeB = await startNode();
  nodeA.https.on("tlsClientError", (error) => serverErrors.push((error as { code?: string }).code ?? error.message));
});
afterAll(async () => {
  resetClock();
  await nodeA?.close();
  await nodeB?.close();
  await stopWorkers();
  await bed?.stop();
});

describe("HTTPS with a certificate per host (SNI)", () => {
  it("serves each tenant's domain its own Pebble certificate on the same port", async () => {
    const first = await handshake(httpsPort(nodeA), hostA.hostname, { ca: rootPem });
    expect(first).toMatchObject({ authorized: true, authorizationError: null, protocol: "TLSv1.3", alpn: "http/1.1" });
    expect(first.certificate.subjectAltName).toBe(`DNS:${hostA.hostname}`);
    expect(first.certificate.serialNumber.toUpperCase()).toBe(await storedSerial(hostA.id));

    const second = await handshake(httpsPort(nodeA), hostB.hostname, { ca: rootPem });
    expect(second).toMatchObject({ authorized: true });
    expect(second.certificate.subjectAltName).toBe(`DNS:${hostB.hostname}`);
    expect(second.certificate.serialNumber.toUpperCase()).toBe(await storedSerial(hostB.id));
    expect(second.certificate.fingerprint256).not.toBe(first.certificate.fingerprint256);

    // A request over it reaches the app with the host.
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get({ host: "127.0.0.1", port: httpsPort(nodeA), servername: hostB.hostname, headers: { host: hostB.hostname }, ca: rootPem, path: "/" }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    expect(body).toBe(`app ${hostB.hostname} https`);
  });

  it("gives the default certificate to the root domain, unknown names, pending domains and clients without SNI, without asking the database", async () => {
    const pending = (await api.post("/api/v1/domains", { hostname: uniqueHost("pending") }, { key: a.liveKey })).body.hostname as string;
    const loadsBefore = nodeA.stats().loads;
    for (const name of ["localhost", "acme.localhost", pending, uniqueHost("unknown"), null]) {
      const served = await handshake(httpsPort(nodeA), name);
      expect(served.certificate.fingerprint256, String(name)).toBe(defaultFingerprint(nodeA));
    }
    // A flood of random names costs no database lookups.
    await Promise.all(Array.from({ length: 50 }, () => handshake(httpsPort(nodeA), uniqueHost("flood"))));
    expect(nodeA.stats().loads).toBe(loadsBefore);
    expect(nodeA.defaultCertificate().origin).toBe("self-signed");
    expect(new X509Certificate(nodeA.defaultCertificate().certificatePem).subjectAltName).toContain("DNS:*.localhost");
  });

  it("refuses TLS 1.0 and 1.1 and ciphers outside the list; TLS 1.2 with a listed cipher works", async () => {
    // SECLEVEL=0 lets the client really offer the old versions: the server is the one refusing.
    for (const version of ["TLSv1", "TLSv1.1"] as const) {
      const before = serverErrors.length;
      const code = await refusedHandshake(httpsPort(nodeA), hostA.hostname, { minVersion: version, maxVersion: version, ciphers: "DEFAULT@SECLEVEL=0" });
      expect(code).toBe("ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION");
      await waitFor(async () => serverErrors.length > before, "the server's refusal");
      expect(serverErrors.slice(before)).toContain("ERR_SSL_UNSUPPORTED_PROTOCOL");
    }
    const before = serverErrors.length;
    expect(await refusedHandshake(httpsPort(nodeA), hostA.hostname, { maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-SHA" })).toBe("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE");
    await waitFor(async () => serverErrors.slice(before).includes("ERR_SSL_NO_SHARED_CIPHER"), "no shared cipher");

    const tls12 = await handshake(httpsPort(nodeA), hostA.hostname, { ca: rootPem, maxVersion: "TLSv1.2" });
    expect(tls12).toMatchObject({ authorized: true, protocol: "TLSv1.2", cipher: "ECDHE-ECDSA-AES128-GCM-SHA256" }); // the server's first choice
    const cbc = await handshake(httpsPort(nodeA), hostA.hostname, { ca: rootPem, maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES256-SHA384" });
    expect(cbc.cipher).toBe("ECDHE-ECDSA-AES256-SHA384");
    const tls13 = await handshake(httpsPort(nodeA), hostA.hostname, { ca: rootPem });
    expect(TLS_CIPHERS).toContain(tls13.cipher);
  });
});

describe("certificate changes reach every node without a restart", () => {
  it("serves a renewed certificate on both nodes once it is stored", async () => {
    const before = await storedSerial(hostA.id);
    for (const node of [nodeA, nodeB]) expect((await handshake(httpsPort(node), hostA.hostname)).certificate.serialNumber.toUpperCase()).toBe(before);

    // The renewal window of the 1-hour certificate: a real order against Pebble, stored by lib/acme.
    const [row] = await getDb().select().from(certificates).where(eq(certificates.domainId, hostA.id));
    setClock(new Date(row!.renewAt.getTime() + 1_000));
    expect((await issueCertificate(getDb(), { organizationId: a.live.id, domainId: hostA.id })).outcome).toBe("issued");
    resetClock();
    const renewed = await storedSerial(hostA.id);
    expect(renewed).not.toBe(before);

    for (const node of [nodeA, nodeB]) {
      await waitFor(async () => (await handshake(httpsPort(node), hostA.hostname)).certificate.serialNumber.toUpperCase() === renewed, "the renewed certificate");
      expect((await handshake(httpsPort(node), hostA.hostname, { ca: rootPem })).authorized).toBe(true);
    }
  });

  it("stops serving a removed domain's certificate at once", async () => {
    const removed = await activeDomain(a.liveKey);
    await waitFor(async () => (await handshake(httpsPort(nodeB), removed.hostname)).certificate.subjectAltName === `DNS:${removed.hostname}`, "the new domain served");
    expect((await api.delete(`/api/v1/domains/${removed.id}`, { key: a.liveKey })).status).toBe(200);
    await waitFor(async () => (await handshake(httpsPort(nodeB), removed.hostname)).certificate.fingerprint256 === defaultFingerprint(nodeB), "the default certificate");
  });

  it("drops a suspended organization's domain at the next full refresh (the safety net for what is not notified)", async () => {
    expect((await handshake(httpsPort(nodeB), hostB.hostname)).certificate.subjectAltName).toBe(`DNS:${hostB.hostname}`);
    await getDb().update(organizations).set({ status: "suspended" }).where(eq(organizations.id, b.live.id)); // the sandbox follows its live organization
    await nodeB.cache.refresh();
    expect((await handshake(httpsPort(nodeB), hostB.hostname)).certificate.fingerprint256).toBe(defaultFingerprint(nodeB));
    await getDb().update(organizations).set({ status: "active" }).where(eq(organizations.id, b.live.id));
    await nodeB.cache.refresh();
    expect((await handshake(httpsPort(nodeB), hostB.hostname, { ca: rootPem })).authorized).toBe(true);
  });
});

describe("plain HTTP", () => {
  it("redirects to HTTPS with 301, keeping host, path and query", async () => {
    const res = await httpGet(httpPort(nodeA), "/invoices/abc?page=2&q=a%20b", hostA.hostname);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://${hostA.hostname}:${httpsPort(nodeA)}/invoices/abc?page=2&q=a%20b`);
    expect((await httpGet(httpPort(nodeA), "/", `${hostA.hostname.toUpperCase()}:8080`)).headers.location).toBe(`https://${hostA.hostname}:${httpsPort(nodeA)}/`);
    expect((await httpGet(httpPort(nodeA), "/admin", "localhost", "HEAD")).status).toBe(301);
  });

  it("answers ACME challenges for their host instead of redirecting", async () => {
    const token = "tls-serving-test-token-0123456789";
    await storeChallenge(getDb(), { token, organizationId: a.live.id, domainId: hostA.id, hostname: hostA.hostname, keyAuthorization: `${token}.thumbprint` });
    const answered = await httpGet(httpPort(nodeA), `${ACME_CHALLENGE_PREFIX}${token}`, hostA.hostname);
    expect(answered).toMatchObject({ status: 200, body: `${token}.thumbprint` });
    expect((await httpGet(httpPort(nodeA), `${ACME_CHALLENGE_PREFIX}${token}`, hostB.hostname)).status).toBe(404);
  });

  it("lets only a challenge path itself through to the app, never another path behind its prefix", async () => {
    for (const path of [`${ACME_CHALLENGE_PREFIX}../../admin`, `${ACME_CHALLENGE_PREFIX}x/../../admin`, `${ACME_CHALLENGE_PREFIX}token?next=/admin`]) {
      const res = await httpGet(httpPort(nodeA), path, hostA.hostname);
      expect(res.status, path).toBe(301);
      expect(res.headers.location, path).toBe(`https://${hostA.hostname}:${httpsPort(nodeA)}${path}`);
    }
  });

  it("refuses hosts that are not valid names with 400, never echoing them", async () => {
    for (const host of ["evil.example/x", "user@example.com", "a..b", "-bad.example"]) {
      const res = await httpGet(httpPort(nodeA), "/", host);
      expect(res.status, host).toBe(400);
      expect(res.headers.location).toBeUndefined();
    }
    expect(await rawHttp(httpPort(nodeA), "GET / HTTP/1.0\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request");
  });
});
