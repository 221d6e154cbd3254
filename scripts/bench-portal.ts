// npm run bench:portal (also part of npm run bench) — the customer portal on the production
// build. Fresh database (ciclo_bench_portal on DATABASE_URL's server, else an embedded PostgreSQL
// under .data/pg-bench-portal) with the demo tenants; the demo customer signs in through Acme's
// sign-in page in Chromium (acme.localhost). Then:
// 1. First-load JavaScript of the 12 portal sections: each opened signed in, in a fresh browser
//    context (empty cache), summing the compressed (transferred) bytes of every JavaScript
//    response (scripts/support/portal-first-load.ts). 1 kB = 1 000 bytes. Target: Overview <= 130 kB.
// 2. autocannon, alternating passes after a warm-up: the server-rendered Overview (`/` on the
//    portal host, the signed-in cookie) next to the landing page, which Next prerenders as static
//    (`○ /` in the build output), on the same server in the same run. Both without
//    Accept-Encoding, so neither is compressed; every answer's body is checked (verifyBody).
// Targets are reported, never asserted. Exits non-zero only on errors: a section that does not
// answer 200 signed in, non-2xx or unverified answers, connection errors, a server that dies.
// Between passes the bench waits for the server to drain the requests autocannon left in flight.
// Env: BENCH_DURATION (s per measured pass, 10), BENCH_WARMUP (s, 3), BENCH_ROUNDS (2),
// BENCH_CONNECTIONS (50), BENCH_PORTAL_FILES=1 (list every JavaScript file of every page),
// BENCH_PORTAL_ONLY=js (only the first-load JavaScript, no autocannon).
import { spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import { closeDb, getDb } from "@/db";
import { freePort } from "@/db/embedded";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { DEMO_PORTAL_EMAIL } from "@/db/seed-portal";
import { SESSION_COOKIE } from "@/lib/portal-auth/cookies";
import { SECTION_ORDER, SECTION_PATHS } from "@/lib/portal/sections";
import { autocannonPass, fmt, positive, round, summarizePasses, table, type Pass } from "./support/bench-kit";
import { freshDatabase, type FreshDatabase } from "./support/fresh-database";
import { distDir, hasBuild, productionEnv, startNext, stopProcess, waitForHttp } from "./support/next-server";
import { launchChromium, measureFirstLoad, signInThroughBrowser, type FirstLoad } from "./support/portal-first-load";

const DURATION = positive("BENCH_DURATION", 10);
const WARMUP = positive("BENCH_WARMUP", 3);
const ROUNDS = positive("BENCH_ROUNDS", 2);
const CONNECTIONS = positive("BENCH_CONNECTIONS", 50);
const LIST_FILES = process.env.BENCH_PORTAL_FILES === "1";
const JS_ONLY = process.env.BENCH_PORTAL_ONLY === "js";
const TARGET_OVERVIEW_JS_BYTES = 130_000; // 130 kB, 1 kB = 1 000 bytes (as Next's build output used to print)
const PORTAL_SLUG = "acme";
/** Only the signed-in portal renders its shell (the layout leaves it out without a viewer). */
const SIGNED_IN_MARK = 'data-testid="portal-shell"';
/** A string of the landing page's HTML, to check the static pass answers what it should. */
const STATIC_MARK = "open-source subscription billing";

type Scenario = "static" | "overview";

const say = (line: string) => console.log(`bench-portal: ${line}`);
const kB = (bytes: number) => fmt(bytes / 1000, 1);

let database: FreshDatabase | undefined;
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let stopping = false;
let serverDied: string | null = null;

async function cleanup(): Promise<void> {
  stopping = true;
  await browser?.close().catch(() => {});
  if (server) await stopProcess(server).catch(() => {});
  await closeDb().catch(() => {});
  await database?.stop().catch(() => {});
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** GET through node:http (fetch cannot set Host): the portal is chosen by the Host header. */
function get(port: number, pathname: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Math.round(performance.now() - started) }));
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${pathname} timed out`)));
  });
}

async function main(): Promise<number> {
  if (!hasBuild()) {
    say(`no production build (${distDir()}/BUILD_ID missing): running npm run build`);
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }

  database = await freshDatabase("ciclo_bench_portal", { dataDir: path.join(process.cwd(), ".data", "pg-bench-portal"), say });
  process.env.DATABASE_URL = database.url;
  const port = await freePort(); // after an embedded PostgreSQL has taken its own
  await seedDemo(getDb(), { appUrl: `http://localhost:${port}` });
  await closeDb();

  const base = `http://localhost:${port}`;
  const portalHost = `${PORTAL_SLUG}.localhost:${port}`;
  const portal = `http://${portalHost}`;
  server = startNext({ port, env: productionEnv({ port, databaseUrl: database.url, extra: { LOG_LEVEL: "warn" } }) });
  server.once("exit", (code, signal) => {
    if (!stopping) serverDied = `the server exited (code ${code}, signal ${signal})`;
  });
  await waitForHttp(`${base}/api/v1/health/live`, server);
  say(`production server (server.ts) on port ${port} (${distDir()}, NODE_ENV=production, CICLO_WORKERS=off, LOG_LEVEL=warn); demo tenants seeded`);

  browser = await launchChromium();
  const storageState = await signInThroughBrowser(browser, { origin: portal, email: DEMO_PORTAL_EMAIL, password: DEMO_PASSWORD });
  const cookies = storageState.cookies.filter((c) => c.domain === `${PORTAL_SLUG}.localhost`);
  if (!cookies.some((c) => c.name === SESSION_COOKIE)) throw new Error(`signing in left no ${SESSION_COOKIE} cookie`);
  say(`${DEMO_PORTAL_EMAIL} signed in on ${portal}/sign-in (password form, Chromium)`);

  // 1. First-load JavaScript per section, and of the landing page (no client components of its
  // own: what the framework alone costs).
  const loads: FirstLoad[] = [];
  const measure = async (input: Parameters<typeof measureFirstLoad>[1]) => {
    if (serverDied) throw new Error(serverDied);
    const load = await measureFirstLoad(browser!, input);
    if (LIST_FILES) for (const f of load.files) say(`  ${load.section} ${kB(f.bytes)} kB ${f.encoding}${f.afterLoad ? " (after load)" : ""} ${f.url}`);
    return load;
  };
  for (const section of SECTION_ORDER) {
    loads.push(await measure({ origin: portal, section, path: SECTION_PATHS[section], mark: `[${SIGNED_IN_MARK}]`, storageState }));
  }
  const landing = await measure({ origin: base, section: "landing (reference)", path: "/", mark: "main#main" });
  await browser.close();
  browser = undefined;
  const sectionErrors = loads.filter((l) => l.status !== 200);
  const overviewLoad = loads.find((l) => l.section === "overview")!;
  const jsHolds = overviewLoad.js_bytes <= TARGET_OVERVIEW_JS_BYTES;
  const encodings: Record<string, number> = {};
  for (const l of loads) for (const [e, n] of Object.entries(l.encodings)) encodings[e] = (encodings[e] ?? 0) + n;

  console.log("");
  console.log("First-load JavaScript per portal section (fresh Chromium context, signed in; compressed bytes as transferred, 1 kB = 1000 bytes)");
  console.log(table([
    ["section", "path", "status", "JS kB", "files", "after load kB", "uncompressed kB"],
    ...[...loads, landing].map((l) => [l.section, l.path, String(l.status), kB(l.js_bytes), String(l.js_files), kB(l.after_load_bytes), kB(l.decoded_bytes)]),
  ]));
  console.log(`content-encoding of the JavaScript responses: ${Object.entries(encodings).map(([e, n]) => `${e} ${n}`).join(", ")}`);
  console.log(`Overview first-load JS: ${kB(overviewLoad.js_bytes)} kB  (target <= ${TARGET_OVERVIEW_JS_BYTES / 1000} kB: ${jsHolds ? "holds" : "MISSED"})`);
  console.log("");

  // 2. Throughput: the server-rendered Overview against the static landing page.
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const load = JS_ONLY ? null : await throughput({ port, portalHost, cookie });
  const errors = (load?.errors ?? 0) + sectionErrors.length;
  if (errors > 0) console.error(`bench-portal: ${errors} errors (sections not answering 200, non-2xx, unverified bodies or connection errors; see above)`);
  const jsRow = (l: FirstLoad) => ({ path: l.path, status: l.status, bytes: l.js_bytes, files: l.js_files, after_load_bytes: l.after_load_bytes, uncompressed_bytes: l.decoded_bytes });
  console.log(
    JSON.stringify({
      bench: "ciclo-portal",
      cpus: os.cpus().length,
      load_average: os.loadavg().map((l) => Number(l.toFixed(2))),
      database: database.embedded ? "embedded" : "DATABASE_URL",
      first_load_js: Object.fromEntries(loads.map((l) => [l.section, jsRow(l)])),
      landing_js: jsRow(landing),
      js_content_encoding: encodings,
      ...(load ? { connections: CONNECTIONS, duration_s: DURATION, rounds: ROUNDS, ...load.json } : {}),
      targets: { overview_js_max_bytes: TARGET_OVERVIEW_JS_BYTES, overview_js_holds: jsHolds },
      errors,
    }),
  );
  return errors > 0 ? 1 : 0;
}

/** Alternating autocannon passes, static landing page vs signed-in Overview, after checking both answer what they should. */
async function throughput(input: { port: number; portalHost: string; cookie: string }) {
  const { port } = input;
  const overviewHeaders = { host: input.portalHost, cookie: input.cookie, "accept-language": "en" };
  const staticHeaders = { host: `localhost:${port}`, "accept-language": "en" };
  const overviewCheck = await get(port, "/", overviewHeaders);
  if (overviewCheck.status !== 200 || !overviewCheck.body.includes(SIGNED_IN_MARK)) {
    const location = overviewCheck.headers.location ? ` -> ${overviewCheck.headers.location}` : "";
    throw new Error(`GET / on ${input.portalHost} with the session cookie answered ${overviewCheck.status}${location}, not the signed-in Overview`);
  }
  const staticCheck = await get(port, "/", staticHeaders);
  if (staticCheck.status !== 200 || !staticCheck.body.includes(STATIC_MARK)) throw new Error(`GET / on localhost answered ${staticCheck.status}, not the landing page`);
  // Next may send the header twice (node joins them: "1, 1").
  if (!String(staticCheck.headers["x-nextjs-prerender"] ?? "").split(",").some((v) => v.trim() === "1")) throw new Error("the landing page is no longer prerendered (no x-nextjs-prerender: 1): pick another static page");
  say(`checked: Overview 200 signed in (${overviewCheck.ms} ms, ${overviewCheck.body.length} bytes); landing 200, prerendered (${staticCheck.ms} ms, ${staticCheck.body.length} bytes)`);

  const targets: Record<Scenario, Parameters<typeof autocannonPass>[1]> = {
    static: { url: `http://127.0.0.1:${port}/`, headers: staticHeaders, verifyBody: (body) => !!body && body.includes(STATIC_MARK) },
    overview: { url: `http://127.0.0.1:${port}/`, headers: overviewHeaders, verifyBody: (body) => !!body && body.includes(SIGNED_IN_MARK) },
  };
  const passes: Pass<Scenario>[] = [];
  const run = async (name: Scenario, seconds: number, warmup: boolean) => {
    const pass = await autocannonPass(name, targets[name], { seconds, connections: CONNECTIONS, warmup, say, width: 9 });
    if (serverDied) throw new Error(serverDied);
    passes.push(pass);
    await drained(port);
  };
  const scenarios: Scenario[] = ["static", "overview"];
  say(`load: ${CONNECTIONS} connections, warm-up ${WARMUP} s each, then ${ROUNDS} x (${scenarios.map((n) => `${n} ${DURATION} s`).join(", ")}); ${os.cpus().length} CPUs shared by load generator, server and PostgreSQL`);
  for (const name of scenarios) await run(name, WARMUP, true);
  for (let r = 0; r < ROUNDS; r++) for (const name of scenarios) await run(name, DURATION, false);

  const empty = passes.filter((p) => !p.warmup && p.requests === 0).map((p) => p.name);
  if (empty.length) say(`warning: no ${[...new Set(empty)].join("/")} request completed within a ${DURATION} s pass: raise BENCH_DURATION`);
  const staticPage = summarizePasses(passes, "static");
  const overview = summarizePasses(passes, "overview");
  const throughputRatio = overview.rps / staticPage.rps;
  const p99Ratio = overview.p99_ms / staticPage.p99_ms;
  console.log("");
  console.log(`Measured: mean of ${ROUNDS} alternating passes of ${DURATION} s, ${CONNECTIONS} connections (no Accept-Encoding: bodies uncompressed)`);
  console.log(table([
    ["", "req/s", "p50 ms", "p99 ms", "non-2xx", "requests"],
    ["static GET / (landing, prerendered)", fmt(staticPage.rps, 0), fmt(staticPage.p50_ms), fmt(staticPage.p99_ms), String(staticPage.non2xx), String(staticPage.requests)],
    [`Overview GET / on ${PORTAL_SLUG}.localhost, signed in`, fmt(overview.rps, 0), fmt(overview.p50_ms), fmt(overview.p99_ms), String(overview.non2xx), String(overview.requests)],
  ]));
  console.log(`throughput Overview/static: ${fmt(throughputRatio * 100, 1)}%   p99 Overview/static: ${fmt(p99Ratio, 2)}x  (reported, no target)`);
  return {
    errors: passes.reduce((s, p) => s + p.non2xx + p.errors + p.mismatches, 0),
    json: {
      static: round(staticPage),
      overview: round(overview),
      throughput_ratio: Number(throughputRatio.toFixed(3)),
      p99_ratio: Number(p99Ratio.toFixed(3)),
      passes: passes.map((p) => ({ ...p, rps: Math.round(p.rps) })),
    },
  };
}

/**
 * Waits until the server has finished what the last pass left in flight (autocannon stops
 * sending, but Next still renders the requests it accepted): the health check must answer
 * within 50 ms twice in a row (at most 30 s).
 */
async function drained(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const { ms } = await get(port, "/api/v1/health/live", { host: `localhost:${port}` });
    quick = ms < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 100));
  }
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`bench-portal: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanup();
}
process.exit(code);
