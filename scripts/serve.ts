// npm run dev / npm start: database (embedded when DATABASE_URL is unset) -> migrations ->
// demo data on the first dev start -> Next.js (`next dev`, or server.ts in this process for
// `npm start`). One command, nothing else to install.
import { spawn } from "node:child_process";
import { getDb, closeDb } from "@/db";
import { isSeeded, seedDemo } from "@/db/seed";
import { appUrl, validateEnvOrExit } from "@/lib/env";
import { ensureDevSecrets, loadDotEnv, prepareDatabase } from "./lib/database";

const mode = process.argv[2] === "start" ? "start" : "dev";
if (mode === "start") (process.env as Record<string, string>).NODE_ENV ??= "production";
loadDotEnv();
if (mode === "dev" && process.env.HTTPS_PORT) {
  // `npm run dev` is Next's dev server on PORT, plain HTTP: TLS serving is `npm start`'s (docs/tls.md).
  console.log(`ciclo: HTTPS_PORT is ignored by npm run dev (plain HTTP on PORT); npm start serves TLS`);
  delete process.env.HTTPS_PORT;
}
ensureDevSecrets();
const env = validateEnvOrExit();
const say = (line: string) => console.log(`ciclo: ${line}`);

const database = await prepareDatabase(say);
say(`database ready (${database.embedded ? "embedded" : "DATABASE_URL"}), migrations applied`);
if (mode === "dev" && !(await isSeeded(getDb()))) {
  const seeded = await seedDemo(getDb(), { appUrl: appUrl() });
  say("demo data created (npm run -s seed -- --json prints it again)");
  for (const t of seeded.tenants) say(`  ${t.name}: ${t.live.portal_url} key ${t.live.api_key} | sandbox key ${t.sandbox.api_key}`);
  say(`  admin sign-in: ${seeded.tenants.map((t) => t.owner_email).join(" or ")} / ${seeded.admin_password}`);
}
await closeDb();

say(`${mode === "dev" ? "development" : "production"} server on ${appUrl()} (admin: ${appUrl()}/admin, API: ${appUrl()}/api/v1)`);
process.env.DATABASE_URL = database.url;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
if (mode === "start") {
  // server.ts in this process: Next.js behind node:http (or HTTPS with SNI when HTTPS_PORT is
  // set), precompressed static assets first.
  const { exitOnSignals, startServer } = await import("../server");
  const { tlsSettingsFromEnv } = await import("@/lib/server/tls-serving");
  const running = await startServer({ port: env.PORT, tls: tlsSettingsFromEnv(env) });
  say(`listening: ${running.describe}`);
  exitOnSignals(running, () => database.stop());
} else {
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(env.PORT)], {
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });
  const forward = (signal: NodeJS.Signals) => () => next.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  next.on("exit", async (code, signal) => {
    await database.stop().catch(() => {});
    process.exit(code ?? (signal ? 1 : 0));
  });
}
