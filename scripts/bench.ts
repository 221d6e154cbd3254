// npm run bench — throughput and latency of an authenticated API read against the no-op
// baseline, on the production build. Fresh database (ciclo_bench on DATABASE_URL's server,
// else an embedded PostgreSQL under .data/pg-bench), a tenant whose rate limit is exercised
// but never refuses, autocannon with 50 connections, alternating baseline/endpoint passes.
// Targets (reported, not asserted): endpoint >= 60% of baseline req/s, p99 <= 2x baseline p99.
// Exits non-zero only on errors: non-2xx answers, connection errors, a server that dies.
// Also measured against the same baseline: POST /api/v1/products with two prices (reported, no
// target), usage ingestion in batches of 100 against a raw multi-row INSERT (the database's
// ceiling, same run), and the pricing engine's quote throughput per billing scheme, in-process.
// Then, in processes of their own, the renewal run, the customer portal and TLS serving (see the end).
// Env: BENCH_DURATION (s per measured pass, 10), BENCH_WARMUP (s, 3), BENCH_ROUNDS (2), BENCH_CONNECTIONS (50), BENCH_PRICING_MS (1000),
// BENCH_USAGE_CONNECTIONS (10), BENCH_ONLY=usage (just the usage-ingestion part).
import { spawnSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { closeDb, getDb } from "@/db";
import { freePort } from "@/db/embedded";
import { createApiKey } from "@/lib/api-keys/create";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { freshDatabase, type FreshDatabase } from "./support/fresh-database";
import { benchPricing } from "./bench-pricing";
import { usageSection } from "./bench-usage";
import { autocannonPass, fmt, positive, round, summarizePasses, table, type Pass as KitPass } from "./support/bench-kit";
import { distDir, hasBuild, productionEnv, startNext, stopProcess, waitForHttp } from "./support/next-server";

const DURATION = positive("BENCH_DURATION", 10);
const WARMUP = positive("BENCH_WARMUP", 3);
const ROUNDS = positive("BENCH_ROUNDS", 2);
const CONNECTIONS = positive("BENCH_CONNECTIONS", 50);
const PRICING_MS = positive("BENCH_PRICING_MS", 1000);
const USAGE_CONNECTIONS = positive("BENCH_USAGE_CONNECTIONS", 10);
/** BENCH_ONLY=usage: only the usage-ingestion bench (no read, product or pricing passes). */
const USAGE_ONLY = process.env.BENCH_ONLY === "usage";
const RATE_LIMIT = 1_000_000;
const TARGET_THROUGHPUT_RATIO = 0.6;
const TARGET_P99_RATIO = 2;

type Scenario = "baseline" | "endpoint" | "create_product";
type Pass = KitPass<Scenario>;

const say = (line: string) => console.log(`bench: ${line}`);

let database: FreshDatabase | undefined;
let server: ChildProcess | undefined;
let stopping = false;
let serverDied: string | null = null;

async function cleanup(): Promise<void> {
  stopping = true;
  if (server) await stopProcess(server).catch(() => {});
  await closeDb().catch(() => {});
  await database?.stop().catch(() => {});
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

async function main(): Promise<number> {
  if (!hasBuild()) {
    say(`no production build (${distDir()}/BUILD_ID missing): running npm run build`);
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }

  database = await freshDatabase("ciclo_bench", { dataDir: path.join(process.cwd(), ".data", "pg-bench"), say });
  process.env.DATABASE_URL = database.url;
  const { live } = await createOrganizationWithSandbox(getDb(), {
    name: "Bench",
    slug: "bench",
    rateLimitPerSecond: RATE_LIMIT,
    rateLimitBurst: RATE_LIMIT,
  });
  const key = await createApiKey(getDb(), { organizationId: live.id, name: "Bench key" });
  await closeDb();

  const port = await freePort();
  const base = `http://localhost:${port}`;
  server = startNext({ port, env: productionEnv({ port, databaseUrl: database.url, extra: { LOG_LEVEL: "warn" } }) });
  server.once("exit", (code, signal) => {
    if (!stopping) serverDied = `the server exited (code ${code}, signal ${signal})`;
  });
  await waitForHttp(`${base}/api/v1/health/live`, server);
  say(`production server (server.ts) on port ${port} (NODE_ENV=production, CICLO_WORKERS=off, LOG_LEVEL=warn)`);

  // The account to read is created through the real API, then read once to check the path.
  const auth = { authorization: `Bearer ${key.secret}` };
  const created = await fetch(`${base}/api/v1/billing_accounts`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench Ltda", email: "bench@example.com", document: "11.222.333/0001-81", external_id: "bench-1" }),
  });
  if (created.status !== 201) throw new Error(`creating the billing account answered ${created.status}: ${await created.text()}`);
  const account = (await created.json()) as { id: string };
  const endpointPath = `/api/v1/billing_accounts/${account.id}`;
  const check = await fetch(`${base}${endpointPath}`, { headers: auth });
  if (check.status !== 200) throw new Error(`GET ${endpointPath} answered ${check.status}: ${await check.text()}`);
  say(`endpoint GET ${endpointPath} ok (RateLimit-Limit ${check.headers.get("ratelimit-limit")})`);
  if (USAGE_ONLY) {
    const usage = await usageSection({ base, key: key.secret, databaseUrl: database.url, organizationId: live.id, billingAccountId: account.id, seconds: DURATION, warmupSeconds: WARMUP, rounds: ROUNDS, connections: USAGE_CONNECTIONS, serverPid: server.pid });
    console.log(JSON.stringify({ bench: "ciclo-usage-ingestion", cpus: os.cpus().length, database: database.embedded ? "embedded" : "DATABASE_URL", ...usage }));
    return usage.non2xx + usage.errors > 0 ? 1 : 0;
  }

  // POST /api/v1/products with two prices; every request a new slug (slugs are unique).
  let productSeq = 0;
  const productBody = () =>
    JSON.stringify({
      name: "Bench Pro",
      slug: `bench-pro-${process.pid}-${productSeq++}`,
      product_type: "base",
      prices: [
        { name: "Pro Monthly", unit_amount_subcents: 799000, recurring_interval: "month", interval_count: 1 },
        { name: "Pro Annual", unit_amount_subcents: 7990000, recurring_interval: "year", interval_count: 1 },
      ],
    });
  const probe = await fetch(`${base}/api/v1/products`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: productBody() });
  if (probe.status !== 201) throw new Error(`POST /api/v1/products answered ${probe.status}: ${await probe.text()}`);

  const targets: Record<Scenario, Partial<autocannon.Options>> = {
    baseline: { url: `${base}/api/v1/health/live` },
    endpoint: { url: `${base}${endpointPath}`, headers: auth },
    create_product: {
      url: base,
      requests: [
        {
          method: "POST",
          path: "/api/v1/products",
          headers: { ...auth, "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: productBody() }),
        },
      ],
    },
  };
  const passes: Pass[] = [];
  const run = async (name: Pass["name"], seconds: number, warmup: boolean) => {
    const pass = await autocannonPass(name, { ...targets[name], url: targets[name].url! }, { seconds, connections: CONNECTIONS, warmup, say });
    if (serverDied) throw new Error(serverDied);
    passes.push(pass);
  };

  const scenarios: Scenario[] = ["baseline", "endpoint", "create_product"];
  say(`load: ${CONNECTIONS} connections, warm-up ${WARMUP} s each, then ${ROUNDS} x (${scenarios.map((n) => `${n} ${DURATION} s`).join(", ")}); ${os.cpus().length} CPUs shared by load generator, server and PostgreSQL`);
  for (const name of scenarios) await run(name, WARMUP, true);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of scenarios) await run(name, DURATION, false);
  }

  const summary = (name: Pass["name"]) => summarizePasses(passes, name);
  const baseline = summary("baseline");
  const endpoint = summary("endpoint");
  const createProduct = summary("create_product");
  const throughputRatio = endpoint.rps / baseline.rps;
  const p99Ratio = endpoint.p99_ms / baseline.p99_ms;
  const targetsHold = { throughput: throughputRatio >= TARGET_THROUGHPUT_RATIO, p99: p99Ratio <= TARGET_P99_RATIO };
  let errors = passes.reduce((s, p) => s + p.non2xx + p.errors, 0);

  console.log("");
  console.log(`Measured: mean of ${ROUNDS} alternating passes of ${DURATION} s, ${CONNECTIONS} connections`);
  console.log(table([
    ["", "req/s", "p50 ms", "p99 ms", "non-2xx", "requests"],
    ["baseline GET /api/v1/health/live", fmt(baseline.rps, 0), fmt(baseline.p50_ms), fmt(baseline.p99_ms), String(baseline.non2xx), String(baseline.requests)],
    ["endpoint GET /api/v1/billing_accounts/:id", fmt(endpoint.rps, 0), fmt(endpoint.p50_ms), fmt(endpoint.p99_ms), String(endpoint.non2xx), String(endpoint.requests)],
    ["POST /api/v1/products (2 prices)", fmt(createProduct.rps, 0), fmt(createProduct.p50_ms), fmt(createProduct.p99_ms), String(createProduct.non2xx), String(createProduct.requests)],
  ]));
  console.log(`throughput endpoint/baseline: ${fmt(throughputRatio * 100, 1)}%  (target >= ${TARGET_THROUGHPUT_RATIO * 100}%: ${targetsHold.throughput ? "holds" : "MISSED"})`);
  console.log(`p99 endpoint/baseline:        ${fmt(p99Ratio, 2)}x  (target <= ${TARGET_P99_RATIO}x: ${targetsHold.p99 ? "holds" : "MISSED"})`);
  console.log(`POST /products vs baseline:   ${fmt((createProduct.rps / baseline.rps) * 100, 1)}% throughput, ${fmt(createProduct.p99_ms / baseline.p99_ms, 2)}x p99 (reported, no target)`);
  const usage = await usageSection({ base, key: key.secret, databaseUrl: database.url, organizationId: live.id, billingAccountId: account.id, seconds: DURATION, warmupSeconds: WARMUP, rounds: ROUNDS, connections: USAGE_CONNECTIONS, serverPid: server.pid });
  errors += usage.non2xx + usage.errors;
  const pricing = benchPricing(PRICING_MS);
  console.log("");
  console.log(`Pricing engine in-process (priceAmount, ${PRICING_MS} ms per scheme):`);
  console.log(table([["scheme", "ops/s"], ...pricing.map((p) => [p.scheme, fmt(p.ops_per_s, 0)])]));
  if (errors > 0) console.error(`bench: ${errors} non-2xx responses or connection errors (see the passes above)`);
  console.log(
    JSON.stringify({
      bench: "ciclo-api-read",
      connections: CONNECTIONS,
      duration_s: DURATION,
      rounds: ROUNDS,
      cpus: os.cpus().length,
      database: database.embedded ? "embedded" : "DATABASE_URL",
      baseline: round(baseline),
      endpoint: round(endpoint),
      create_product: { ...round(createProduct), throughput_ratio: Number((createProduct.rps / baseline.rps).toFixed(3)), p99_ratio: Number((createProduct.p99_ms / baseline.p99_ms).toFixed(3)) },
      usage_ingestion: { ...usage, http_records_per_s: Math.round(usage.http_records_per_s), raw_records_per_s: Math.round(usage.raw_records_per_s), ratio: Number(usage.ratio.toFixed(3)) },
      pricing_ops_per_s: Object.fromEntries(pricing.map((p) => [p.scheme, Math.round(p.ops_per_s)])),
      throughput_ratio: Number(throughputRatio.toFixed(3)),
      p99_ratio: Number(p99Ratio.toFixed(3)),
      targets: { throughput_ratio_min: TARGET_THROUGHPUT_RATIO, p99_ratio_max: TARGET_P99_RATIO, throughput_holds: targetsHold.throughput, p99_holds: targetsHold.p99 },
      errors,
      passes: passes.map((p) => ({ ...p, rps: Math.round(p.rps) })),
    }),
  );
  return errors > 0 ? 1 : 0;
}

const serverUrl = process.env.DATABASE_URL; // main() points DATABASE_URL at the fresh database
let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
}
// Then the renewal run (scripts/bench-renewals.ts, alone: npm run bench:renewals), the
// customer portal (scripts/bench-portal.ts, alone: npm run bench:portal) and TLS serving
// (scripts/bench-tls.ts, alone: npm run bench:tls), each in processes of its own so that its
// figures are its own; not with BENCH_ONLY=usage.
if (!USAGE_ONLY) {
  const env = { ...process.env, DATABASE_URL: serverUrl };
  if (!serverUrl) delete env.DATABASE_URL;
  for (const script of ["bench-renewals.ts", "bench-portal.ts", "bench-tls.ts"]) {
    const child = spawnSync(process.execPath, [...process.execArgv, path.join("scripts", script)], { stdio: "inherit", env });
    code = Math.max(code, child.status ?? 1);
  }
}
process.exit(code);
