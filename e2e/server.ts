// Playwright's web server: a fresh database (ciclo_e2e on DATABASE_URL's server, else an
// embedded PostgreSQL under .data/pg-e2e) with the demo tenants, then the production build
// (server.ts, as `npm start` runs it) on E2E_PORT (3310). Needs `npm run build` first. E2E_DATABASE (ciclo_e2e) and
// E2E_PORT let two runs share a machine. Next trusts a throwaway CA made here (e2e/support/tls.ts),
// so specs can serve HTTPS test services it calls, such as an OpenID Connect provider.
import path from "node:path";
import { closeDb, getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { freshDatabase } from "@/scripts/support/fresh-database";
import { distDir, hasBuild, productionEnv, startNext } from "@/scripts/support/next-server";
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
const next = startNext({
  port,
  env: productionEnv({ port, databaseUrl: database.url, extra: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", NODE_EXTRA_CA_CERTS: tls.caCert } }),
});
const forward = (signal: NodeJS.Signals) => () => next.kill(signal);
process.on("SIGINT", forward("SIGINT"));
process.on("SIGTERM", forward("SIGTERM"));
next.on("exit", async (code, signal) => {
  await database.stop().catch(() => {});
  process.exit(code ?? (signal ? 0 : 1));
});
