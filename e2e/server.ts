// Playwright's web server: a fresh database (ciclo_e2e on DATABASE_URL's server, else an
// embedded PostgreSQL under .data/pg-e2e) with the demo tenants, then the production build
// (server.ts, as `npm start` runs it) on E2E_PORT (3310). Needs `npm run build` first. E2E_DATABASE (ciclo_e2e) and
// E2E_PORT let two runs share a machine. Next trusts a throwaway CA made here (e2e/support/tls.ts),
// so specs can serve HTTPS test services it calls, such as an OpenID Connect provider. Its
// APP_SECRET is a throwaway of this run that specs read with e2eAppSecret().
// Custom domains go the whole way: Pebble (Let's Encrypt's test CA, the Debian `pebble` package)
// and its pebble-challtestsrv DNS start here (about a second). The server verifies domains against
// that DNS, and works the `acme.issue` job itself (CICLO_WORKER_QUEUES; no other job runs), so a
// verified domain is ordered from Pebble, which validates HTTP-01 on this very port, and becomes
// active. Specs set DNS records through e2eDns(). E2E_DNS=off, or the package missing, leaves the
// system's resolvers and no CA (only e2e/admin-domains.spec.ts needs them).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { freshDatabase } from "@/scripts/support/fresh-database";
import { distDir, hasBuild, productionEnv, startNext } from "@/scripts/support/next-server";
import { startPebble, type PebbleServer } from "@/tests/helpers/pebble";
import { e2eAppSecretFile } from "./support/app-secret";
import { e2eDnsFile } from "./support/dns";
import { e2eTlsDir, makeTestTls } from "./support/tls";

const say = (line: string) => console.log(`e2e: ${line}`);
const port = Number(process.env.E2E_PORT ?? 3310);

if (!hasBuild()) {
  console.error(`e2e: no production build (${distDir()}/BUILD_ID is missing). Run \`npm run build\` first, then \`npm run test:e2e\`.`);
  process.exit(1);
}

const database = await freshDatabase(process.env.E2E_DATABASE ?? "ciclo_e2e", { dataDir: path.join(process.cwd(), ".data", "pg-e2e"), say });
process.env.DATABASE_URL = database.url;
const seeded = await seedDemo(getDb(), { appUrl: `http://localhost:${port}` });
await closeDb();
say(`seeded ${seeded.tenants.map((t) => t.live.portal_url).join(", ")}`);

const tls = makeTestTls(e2eTlsDir(port));
// The server's APP_SECRET, readable by specs (e2e/support/app-secret.ts) in the folder just made.
const appSecret = randomBytes(32).toString("base64url");
fs.writeFileSync(e2eAppSecretFile(port), appSecret, { mode: 0o600 });
let pebble: PebbleServer | null = null;
if (process.env.E2E_DNS !== "off") {
  try {
    pebble = await startPebble({ httpPort: port });
    fs.writeFileSync(e2eDnsFile(port), JSON.stringify({ managementUrl: pebble.managementUrl }));
    say(`custom domains: DNS on ${pebble.dnsServer} (pebble-challtestsrv), certificates from Pebble at ${pebble.directoryUrl}`);
  } catch (error) {
    say(`no Pebble (${(error as Error).message}); domain verification uses the system's resolvers and no certificate is ordered`);
  }
}
const domainEnv: Record<string, string> = pebble
  ? {
      DOMAINS_DNS_RESOLVER: pebble.dnsServer,
      DOMAINS_INGRESS_IPV4: "127.0.0.1",
      ACME_DIRECTORY_URL: pebble.directoryUrl,
      ACME_CA_FILE: pebble.listenerCaFile,
      ACME_EMAIL: "certificates@ciclo.example.com",
      CICLO_WORKERS: "on",
      CICLO_WORKER_QUEUES: "acme.issue",
    }
  : {};
const next = startNext({
  port,
  env: productionEnv({ port, databaseUrl: database.url, extra: {
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    APP_SECRET: appSecret,
    NODE_EXTRA_CA_CERTS: tls.caCert,
    // Every spec signs in from 127.0.0.1, which server.ts takes from the socket: the per-IP
    // attempt limit (20 a portal) would trip on the suite itself. Its rule is tested in
    // tests/portal-auth/attempt-limits.test.ts; per-account lockout and per-address limits stay as they are.
    PORTAL_ATTEMPTS_PER_IP: "1000",
    // Likewise the admin's: every spec signs in as the same demo staff (tests/admin/staff-password-limit.test.ts tests the rule).
    STAFF_ATTEMPTS_PER_EMAIL: "1000",
    STAFF_ATTEMPTS_PER_IP: "1000",
    ...domainEnv,
  } }),
});
const forward = (signal: NodeJS.Signals) => () => next.kill(signal);
process.on("SIGINT", forward("SIGINT"));
process.on("SIGTERM", forward("SIGTERM"));
next.on("exit", async (code, signal) => {
  await pebble?.stop().catch(() => {});
  await database.stop().catch(() => {});
  process.exit(code ?? (signal ? 0 : 1));
});
