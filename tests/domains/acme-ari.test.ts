import { spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { getDb } from "@/db";
import { certificates } from "@/db/schema";
import { issueCertificate } from "@/lib/acme/issue";
import { domainsDueForOrder, refreshRenewalWindows } from "@/lib/acme/renew";
import { verifyDomainNow } from "@/lib/domains/verify";
import { startAcmeTestbed, type AcmeTestbed } from "../helpers/acme-testbed";
import { addDomainWithDns, expectChainsToRoot, ordersFor } from "../helpers/domains";
import { createTenant } from "../helpers/factories";
import type { PebbleServer } from "../helpers/pebble";

// ARI (RFC 9773). The Debian Pebble (2.4) predates ARI, so the CA's directory is served here
// with a `renewalInfo` URL added: every other ACME request still goes to the real Pebble.
type Window = { start: Date; end: Date };
let window: Window = { start: new Date(0), end: new Date(1) };
const asked: string[] = [];
let ariServer: https.Server | undefined;

async function startAriDirectory(pebble: PebbleServer): Promise<string> {
  const directory = JSON.parse(await pebble.get(pebble.directoryUrl)) as Record<string, unknown>;
  const server = https.createServer({ cert: fs.readFileSync(pebble.listenerTls.certFile), key: fs.readFileSync(pebble.listenerTls.keyFile) }, (req, res) => {
    const base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url === "/dir") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...directory, renewalInfo: `${base}/renewal-info` }));
    } else if (req.url?.startsWith("/renewal-info/")) {
      asked.push(req.url.slice("/renewal-info/".length));
      res.writeHead(200, { "content-type": "application/json", "retry-after": "21600" });
      res.end(JSON.stringify({ suggestedWindow: { start: window.start.toISOString(), end: window.end.toISOString() } }));
    } else {
      res.writeHead(404).end();
    }
  });
  ariServer = server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `https://127.0.0.1:${(server.address() as { port: number }).port}/dir`;
}

let bed: AcmeTestbed;
beforeAll(async () => {
  bed = await startAcmeTestbed({ validitySeconds: 24 * 3600, extraEnv: async (pebble) => ({ ACME_DIRECTORY_URL: await startAriDirectory(pebble) }) });
});
afterAll(async () => {
  await stopBoss(); // verification queues issuance jobs (no workers run in this file)
  ariServer?.close();
  await bed?.stop();
});

/** RFC 9773 §4.1, computed with openssl: base64url(AKI keyIdentifier) "." base64url(DER serial). */
function expectedCertId(leafPem: string): string {
  const out = spawnSync("openssl", ["x509", "-noout", "-serial", "-ext", "authorityKeyIdentifier"], { input: leafPem, encoding: "utf8" }).stdout;
  const serialHex = /serial=([0-9A-F]+)/.exec(out)![1]!;
  const keyIdHex = /((?:[0-9A-F]{2}:)+[0-9A-F]{2})/.exec(out.split("Authority Key Identifier")[1]!)![1]!.replaceAll(":", "");
  let serial = Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, "hex");
  if (serial[0]! >= 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  return `${Buffer.from(keyIdHex, "hex").toString("base64url")}.${serial.toString("base64url")}`;
}

const certificateOf = async (domainId: string) => (await getDb().select().from(certificates).where(eq(certificates.domainId, domainId)))[0]!;

describe("ACME Renewal Information", () => {
  it("asks the CA for its window with the certificate's identifier, renews inside it, and at once when it has passed", async () => {
    const t = await createTenant();
    const domain = await addDomainWithDns(bed.pebble, t.liveKey);
    const issuedAt = new Date();
    await verifyDomainNow(getDb(), { organizationId: t.live.id, id: domain.id }, issuedAt);
    expect((await issueCertificate(getDb(), { organizationId: t.live.id, domainId: domain.id }, issuedAt)).outcome).toBe("issued");
    const first = await certificateOf(domain.id);
    const leafPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(first.certificatePem)![0];
    expect(first.ariCertId).toBe(expectedCertId(leafPem));

    // The CA suggests the last two hours of a 24 h certificate (later than the default 16 h mark).
    window = { start: new Date(first.notAfter.getTime() - 2 * 3_600_000), end: new Date(first.notAfter.getTime() - 3_600_000) };
    expect(await refreshRenewalWindows(getDb(), issuedAt)).toBe(1);
    expect(asked).toEqual([first.ariCertId]);
    const planned = await certificateOf(domain.id);
    expect(planned.renewAt >= window.start && planned.renewAt <= window.end).toBe(true);
    expect(planned.ariNextCheckAt).toEqual(new Date(issuedAt.getTime() + 21_600_000)); // Retry-After
    // At the default mark nothing is due any more: the CA's window rules.
    const defaultMark = new Date(first.notBefore.getTime() + ((first.notAfter.getTime() - first.notBefore.getTime()) * 2) / 3 + 1_000);
    expect((await domainsDueForOrder(getDb(), defaultMark)).map((d) => d.domainId)).not.toContain(domain.id);
    expect(await refreshRenewalWindows(getDb(), new Date(issuedAt.getTime() + 3_600_000))).toBe(0); // not asked again before Retry-After
    expect(asked).toHaveLength(1);

    // Six hours later the CA has moved the window into the past (say, a revocation is coming): renew now.
    const later = new Date(issuedAt.getTime() + 21_600_000);
    window = { start: new Date(later.getTime() - 7_200_000), end: new Date(later.getTime() - 3_600_000) };
    expect(await refreshRenewalWindows(getDb(), later)).toBe(1);
    expect((await certificateOf(domain.id)).renewAt).toEqual(later);
    expect(await domainsDueForOrder(getDb(), later)).toContainEqual({ organizationId: t.live.id, domainId: domain.id });
    expect((await issueCertificate(getDb(), { organizationId: t.live.id, domainId: domain.id }, later)).outcome).toBe("issued");

    const renewed = await certificateOf(domain.id);
    expect(renewed.serialNumber).not.toBe(first.serialNumber);
    expect(renewed.ariCertId).not.toBe(first.ariCertId);
    expectChainsToRoot(renewed.certificatePem, await bed.pebble.rootPem(), domain.hostname);
    expect(await ordersFor(domain.hostname)).toHaveLength(2);
  });
});
