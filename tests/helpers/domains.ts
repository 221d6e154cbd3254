import { X509Certificate } from "node:crypto";
import { randomBytes } from "node:crypto";
import tls from "node:tls";
import { expect } from "vitest";
import { getDb } from "@/db";
import { acmeClient } from "@/lib/acme/client";
import { api } from "./api";
import type { PebbleServer } from "./pebble";

// Custom-domain test steps as a merchant does them, and checks of what the CA issued.
export const uniqueHost = (label = "shop") => `${label}-${randomBytes(4).toString("hex")}.example.test`;

/** Polls (never a fixed sleep) until `check` holds; fails after 15 s. */
export async function waitFor(check: () => Promise<boolean>, what = "condition"): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** POST /domains, then the DNS records it lists, created in challtestsrv. */
export async function addDomainWithDns(pebble: PebbleServer, key: string, hostname = uniqueHost()) {
  const res = await api.post("/api/v1/domains", { hostname }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const txt = res.body.dns_records.find((r: { type: string }) => r.type === "TXT");
  await pebble.setTxt(txt.name, txt.value);
  await pebble.addA(hostname, ["127.0.0.1"]);
  return res.body as { id: string; hostname: string; status: string };
}

export async function waitForDomainStatus(key: string, id: string, status: string) {
  let last: Record<string, unknown> = {};
  await waitFor(async () => {
    last = (await api.get(`/api/v1/domains/${id}`, { key })).body;
    return last.status === status;
  }, `domain ${id} ${status} (last: ${JSON.stringify(last)})`);
  return last as Record<string, any>;
}

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Leaf -> intermediates -> Pebble's root, each signature checked; the leaf names `hostname`. */
export function expectChainsToRoot(chainPem: string, rootPem: string, hostname: string): X509Certificate {
  const chain = (chainPem.match(PEM) ?? []).map((pem) => new X509Certificate(pem));
  expect(chain.length).toBeGreaterThanOrEqual(2);
  const [leaf] = chain as [X509Certificate];
  expect(leaf.checkHost(hostname)).toBe(hostname);
  expect(leaf.subjectAltName).toBe(`DNS:${hostname}`);
  const root = new X509Certificate(rootPem);
  for (const [i, cert] of chain.entries()) {
    const issuer = chain[i + 1] ?? root;
    expect(cert.checkIssued(issuer)).toBe(true);
    expect(cert.verify(issuer.publicKey)).toBe(true);
  }
  return leaf;
}

/** A real TLS handshake with the stored chain and key, checked against Pebble's root for `hostname`. */
export async function tlsHandshake(served: { certificatePem: string; privateKeyPem: string }, rootPem: string, hostname: string) {
  const server = tls.createServer({ cert: served.certificatePem, key: served.privateKeyPem }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<{ authorized: boolean; subjectAltName: string | undefined }>((resolve, reject) => {
      const socket = tls.connect({ host: "127.0.0.1", port, servername: hostname, ca: rootPem }, () => {
        resolve({ authorized: socket.authorized, subjectAltName: socket.getPeerCertificate().subjectaltname });
        socket.destroy();
      });
      socket.on("error", reject);
    });
  } finally {
    server.close();
  }
}

type AcmeApi = { apiRequest(url: string, payload: null, codes: number[]): Promise<{ data: any }> };

/** Every order Pebble holds for the deployment's account, with its identifiers (RFC 8555 §7.1.2.1). */
export async function pebbleOrders(): Promise<Array<{ status: string; identifiers: Array<{ value: string }> }>> {
  const client = await acmeClient(getDb());
  const account = (await client.updateAccount()) as { orders?: string };
  const acmeApi = (client as unknown as { api: AcmeApi }).api; // acme-client has no public call for the orders list
  const list = await acmeApi.apiRequest(account.orders!, null, [200]);
  return Promise.all((list.data.orders as string[]).map(async (url) => (await acmeApi.apiRequest(url, null, [200])).data));
}

export const ordersFor = async (hostname: string) => (await pebbleOrders()).filter((o) => o.identifiers.some((i) => i.value === hostname));
