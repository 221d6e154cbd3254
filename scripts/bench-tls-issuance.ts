import { spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { freePort } from "@/db/embedded";
import { certificates } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { createCertificateAuthority } from "@/lib/server/x509";
import { startPebble } from "@/tests/helpers/pebble";
import { httpGet } from "@/tests/helpers/tls-client";
import { distDir, hasBuild, productionEnv, startNext, stopProcess } from "./support/next-server";

// The second part of npm run bench:tls: from "verify domain" to "certificate served", once, end
// to end, against Pebble, with the real production server (server.ts with Next.js in TLS mode:
// HTTPS_PORT and HTTP_PORT set, job workers on). A merchant adds a domain through the API,
// creates its DNS records (in challtestsrv), asks to verify; a worker orders the certificate,
// Pebble validates HTTP-01 on server.ts's plain-HTTP listener (the Next route answers), the
// certificate is stored and notified; timed until a TLS handshake for the host returns it,
// chaining to Pebble's root. Also checks the HTTP listener's 301 on the way.
export type IssuanceResult = {
  /** POST /domains/:id/verify answered (DNS checked, order queued). */
  verified_ms: number;
  /** The certificate row written (worker picked the job, ACME order, HTTP-01, finalize). */
  stored_ms: number;
  /** First handshake for the host that returned the new certificate. */
  served_ms: number;
  /** stored -> served: notification, cache load, handshake. */
  propagation_ms: number;
  problems: string[];
};

const HOST = "shop.bench-issuance.test";

/** Builds when the build folder has no BUILD_ID (as npm run bench does). */
export function ensureBuild(say: (line: string) => void): void {
  if (hasBuild()) return;
  say(`no production build (${distDir()}/BUILD_ID missing): running npm run build`);
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
}

type ApiBody = { id?: string; status?: string; dns_records?: Array<{ type: string; name: string; value: string }> } | null;

function request(port: number, ca: string, method: string, pathname: string, key: string, body?: unknown): Promise<{ status: number; body: ApiBody }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: "127.0.0.1", port, servername: "localhost", ca, method, path: pathname, headers: { host: "localhost", authorization: `Bearer ${key}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.once("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Whether a handshake naming `host` gets a certificate for it that chains to `rootPem`. */
function servesIssued(port: number, host: string, rootPem: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername: host, ca: rootPem, rejectUnauthorized: false }, () => {
      resolve(socket.authorized && socket.getPeerX509Certificate()?.subjectAltName === `DNS:${host}`);
      socket.destroy();
    });
    socket.once("error", () => resolve(false));
  });
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check().catch(() => false as const);
    if (result !== false) return result;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20)); // polling a server in a script, not a test
  }
}

export async function issuanceSection(input: { databaseUrl: string; appSecret: string; say: (line: string) => void }): Promise<IssuanceResult> {
  const { say } = input;
  ensureBuild(say);
  const problems: string[] = [];
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ciclo-bench-tls-"));
  const localCa = createCertificateAuthority("Ciclo bench default CA");
  const root = localCa.issue({ commonName: "localhost", dnsNames: ["localhost", "*.localhost"], ipAddresses: ["127.0.0.1"] });
  fs.writeFileSync(path.join(dir, "cert.pem"), root.certificatePem);
  fs.writeFileSync(path.join(dir, "key.pem"), root.privateKeyPem);

  const pebble = await startPebble({ httpPort });
  let server: ReturnType<typeof startNext> | undefined;
  try {
    const env = productionEnv({
      port: httpsPort,
      databaseUrl: input.databaseUrl,
      extra: {
        APP_SECRET: input.appSecret,
        APP_URL: `https://localhost:${httpsPort}`,
        HTTPS_PORT: String(httpsPort),
        HTTP_PORT: String(httpPort),
        TLS_CERT_FILE: path.join(dir, "cert.pem"),
        TLS_KEY_FILE: path.join(dir, "key.pem"),
        CICLO_WORKERS: "on",
        LOG_LEVEL: "warn",
        ACME_DIRECTORY_URL: pebble.directoryUrl,
        ACME_CA_FILE: pebble.listenerCaFile,
        ACME_EMAIL: "certificates@ciclo.example.com",
        DOMAINS_DNS_RESOLVER: pebble.dnsServer,
        DOMAINS_INGRESS_IPV4: "127.0.0.1",
      },
    });
    server = startNext({ port: httpsPort, env, stdio: ["ignore", "inherit", "inherit"] });
    const child = server;
    await until("server.ts answering over HTTPS", 90_000, async () => {
      if (child.exitCode !== null) throw new Error(`server.ts exited (${child.exitCode})`);
      return (await request(httpsPort, localCa.certificatePem, "GET", "/api/v1/health/live", "")).status === 200;
    }).catch((error: unknown) => {
      if (child.exitCode !== null) throw new Error(`server.ts exited (${child.exitCode}) before answering`);
      throw error;
    });
    say(`server.ts in TLS mode: HTTPS ${httpsPort}, HTTP ${httpPort}, workers on; Pebble ${pebble.directoryUrl}`);

    const { live } = await createOrganizationWithSandbox(getDb(), { name: "Bench Issuance", slug: "bench-issuance" });
    const key = (await createApiKey(getDb(), { organizationId: live.id, name: "Bench issuance" })).secret;
    const added = await request(httpsPort, localCa.certificatePem, "POST", "/api/v1/domains", key, { hostname: HOST });
    if (added.status !== 201) throw new Error(`POST /api/v1/domains answered ${added.status}: ${JSON.stringify(added.body)}`);
    const txt = added.body!.dns_records!.find((r) => r.type === "TXT")!;
    await pebble.setTxt(txt.name, txt.value);
    await pebble.addA(HOST, ["127.0.0.1"]);

    const redirect = await httpGet(httpPort, "/invoices?page=2", HOST);
    if (redirect.status !== 301 || redirect.headers.location !== `https://${HOST}:${httpsPort}/invoices?page=2`) {
      problems.push(`HTTP listener answered ${redirect.status} ${redirect.headers.location ?? ""} instead of a 301 to HTTPS`);
    }

    const rootPem = await pebble.rootPem();
    const started = Date.now();
    const verified = await request(httpsPort, localCa.certificatePem, "POST", `/api/v1/domains/${added.body!.id}/verify`, key, {});
    const verifiedMs = Date.now() - started;
    if (verified.body?.status !== "verified") throw new Error(`verify answered ${verified.status}: ${JSON.stringify(verified.body)}`);
    await until("the new certificate served", 60_000, async () => (await servesIssued(httpsPort, HOST, rootPem)) || false);
    const servedMs = Date.now() - started;
    const [stored] = await getDb().select({ createdAt: certificates.createdAt }).from(certificates).where(eq(certificates.hostname, HOST));
    const storedMs = stored ? stored.createdAt.getTime() - started : Number.NaN;
    const domain = await request(httpsPort, localCa.certificatePem, "GET", `/api/v1/domains/${added.body!.id}`, key);
    if (domain.body?.status !== "active") problems.push(`the domain is ${domain.body?.status}, not active, after its certificate was served`);
    return { verified_ms: verifiedMs, stored_ms: storedMs, served_ms: servedMs, propagation_ms: servedMs - storedMs, problems };
  } finally {
    if (server) await stopProcess(server).catch(() => {});
    await pebble.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
