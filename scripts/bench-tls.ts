// npm run bench:tls (also the last part of npm run bench) — TLS serving:
// 1. Handshakes/s with SNI across BENCH_TLS_TENANTS (100) tenant certificates against a
//    single-certificate server, in the same run, same client concurrency, alternating passes.
//    The certificates come from a throwaway CA (root -> intermediate -> leaf, ECDSA P-256 like
//    the ACME ones) and are stored through lib/acme's saveCertificate, so the SNI server (the
//    production TLS layer, lib/server/tls-serving.ts, in a process of its own) loads them the
//    real way: index from the database, key decrypted on the first handshake per host. Every
//    handshake is a full one (no session resumption) verified by the client against the CA and
//    the host name. Also: the cold first handshake per host (load, decrypt, context).
// 2. Time from "verify domain" to "certificate served", once, end to end against Pebble with
//    server.ts and Next.js in TLS mode (scripts/bench-tls-issuance.ts; needs the production build).
// Targets (reported, never asserted): SNI >= 90% of the single-certificate handshakes/s;
// verify -> served <= 10 s. Exits non-zero only when a check fails (a refused or wrong handshake).
// Env: BENCH_TLS_DURATION (s per measured pass, 5), BENCH_TLS_WARMUP (s, 2), BENCH_TLS_ROUNDS (2),
// BENCH_TLS_CONNECTIONS (16 handshakes in flight), BENCH_TLS_TENANTS (100), BENCH_TLS_ISSUANCE=off to skip part 2.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { closeDb, getDb } from "@/db";
import { customDomains } from "@/db/schema";
import { saveCertificate } from "@/lib/acme/store";
import { createOrganizationWithSandbox } from "@/lib/organizations/create";
import { createCertificateAuthority } from "@/lib/server/x509";
import { issuanceSection, type IssuanceResult } from "./bench-tls-issuance";
import { fmt, measuredPasses, positive, round, table } from "./support/bench-kit";
import { processCpuMs } from "./support/cpu";
import { freshDatabase, type FreshDatabase } from "./support/fresh-database";

const DURATION = positive("BENCH_TLS_DURATION", 5);
const WARMUP = positive("BENCH_TLS_WARMUP", 2);
const ROUNDS = positive("BENCH_TLS_ROUNDS", 2);
const CONNECTIONS = positive("BENCH_TLS_CONNECTIONS", 16);
const TENANTS = positive("BENCH_TLS_TENANTS", 100);
const ISSUANCE = process.env.BENCH_TLS_ISSUANCE !== "off";
const TARGET_RATIO = 0.9;
const TARGET_SERVED_MS = 10_000;

const say = (line: string) => console.log(`bench-tls: ${line}`);
type Scenario = "single" | "sni";
type Pass = { name: Scenario; warmup: boolean; rate: number; handshakes: number; errors: number; p50: number; p99: number; server_cpu_us: number | null };

const children: ChildProcess[] = [];
let database: FreshDatabase | undefined;
let tmp: string | undefined;

async function cleanup(): Promise<void> {
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => (c.once("exit", r), c.kill("SIGTERM"))) : null)));
  await closeDb().catch(() => {});
  await database?.stop().catch(() => {});
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}

/** scripts/support/tls-bench-server.ts in its own process; resolves with its port. */
function startServer(mode: Scenario, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/support/tls-bench-server.ts", mode], { env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\d+)/.exec(out);
      if (ready) resolve({ child, port: Number(ready[1]) });
    });
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited (${code}) before it was ready`)));
  });
}

/** One full handshake naming `servername`, verified against `ca`; its duration in ms, or an error. */
function oneHandshake(port: number, servername: string, ca: string): Promise<number | Error> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername, ca }, () => {
      resolve(socket.authorized ? Number(process.hrtime.bigint() - started) / 1e6 : new Error(String(socket.authorizationError)));
      socket.destroy();
    });
    socket.once("error", (error) => resolve(error));
  });
}

async function handshakePass(name: Scenario, server: { child: ChildProcess; port: number }, names: string[], ca: string, seconds: number, warmup: boolean): Promise<Pass> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const cpuBefore = processCpuMs(server.child.pid!);
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const result = await oneHandshake(server.port, names[next++ % names.length]!, ca);
        if (result instanceof Error) errors++;
        else latencies.push(result);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const cpuAfter = processCpuMs(server.child.pid!);
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  const pass: Pass = {
    name,
    warmup,
    rate: latencies.length / elapsed,
    handshakes: latencies.length,
    errors,
    p50: pct(0.5),
    p99: pct(0.99),
    server_cpu_us: cpuBefore !== null && cpuAfter !== null && latencies.length > 0 ? ((cpuAfter - cpuBefore) * 1000) / latencies.length : null,
  };
  say(`${warmup ? "warm-up " : ""}${name.padEnd(6)} ${fmt(pass.rate, 0).padStart(6)} handshakes/s  p50 ${fmt(pass.p50)} ms  p99 ${fmt(pass.p99)} ms  server CPU ${pass.server_cpu_us === null ? "n/a" : `${fmt(pass.server_cpu_us, 0)} µs`}/handshake  errors ${errors}`);
  return pass;
}

/** 100 organizations, each with a verified domain and a certificate stored as lib/acme stores them. */
async function seedTenants(intermediate: ReturnType<ReturnType<typeof createCertificateAuthority>["intermediate"]>): Promise<string[]> {
  const hosts: string[] = [];
  for (let i = 0; i < TENANTS; i++) {
    const { live } = await createOrganizationWithSandbox(getDb(), { name: `Bench TLS ${i}`, slug: `bench-tls-${i}` });
    const hostname = `portal-${i}.bench-tenant.test`;
    const [domain] = await getDb()
      .insert(customDomains)
      .values({ organizationId: live.id, hostname, status: "verified", verificationToken: randomBytes(24).toString("base64url"), verifiedAt: new Date() })
      .returning();
    const leaf = intermediate.issue({ commonName: hostname, dnsNames: [hostname] });
    await saveCertificate(getDb(), domain!, { chainPem: leaf.certificatePem + intermediate.certificatePem, keyPem: leaf.privateKeyPem }, new Date());
    hosts.push(hostname);
  }
  return hosts;
}

function summary(passes: Pass[], name: Scenario) {
  const { list, mean, sum } = measuredPasses(passes, name);
  const cpu = list.every((p) => p.server_cpu_us !== null) ? mean((p) => p.server_cpu_us!) : null;
  return { handshakes_per_s: mean((p) => p.rate), p50_ms: mean((p) => p.p50), p99_ms: mean((p) => p.p99), server_cpu_us_per_handshake: cpu, handshakes: sum((p) => p.handshakes), errors: sum((p) => p.errors) };
}

async function main(): Promise<number> {
  database = await freshDatabase("ciclo_bench_tls", { dataDir: path.join(process.cwd(), ".data", "pg-bench-tls"), say });
  process.env.DATABASE_URL = database.url;
  const appSecret = (process.env.APP_SECRET ??= randomBytes(32).toString("base64url")); // seals the tenants' keys; the servers get the same
  const rootCa = createCertificateAuthority("Ciclo bench root CA");
  const intermediate = rootCa.intermediate("Ciclo bench intermediate CA");
  const seeding = Date.now();
  const hosts = await seedTenants(intermediate);
  say(`${hosts.length} tenants with a custom domain and a stored certificate (${Date.now() - seeding} ms)`);

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ciclo-bench-tls-"));
  const single = intermediate.issue({ commonName: "single.bench-tenant.test", dnsNames: ["single.bench-tenant.test"] });
  fs.writeFileSync(path.join(tmp, "single.pem"), single.certificatePem + intermediate.certificatePem);
  fs.writeFileSync(path.join(tmp, "single.key"), single.privateKeyPem);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", BENCH_TLS_CERT_FILE: path.join(tmp, "single.pem"), BENCH_TLS_KEY_FILE: path.join(tmp, "single.key") };
  const servers = { single: await startServer("single", env), sni: await startServer("sni", env) };
  const names: Record<Scenario, string[]> = { single: ["single.bench-tenant.test"], sni: hosts };

  // Cold: the first handshake for each host on the fresh SNI server (index hit, load, decrypt, context).
  const cold: number[] = [];
  let problems = 0;
  for (const host of hosts) {
    const result = await oneHandshake(servers.sni.port, host, rootCa.certificatePem);
    if (result instanceof Error) problems++;
    else cold.push(result);
  }
  const warm = await oneHandshake(servers.sni.port, hosts[0]!, rootCa.certificatePem);
  cold.sort((x, y) => x - y);
  say(`cold first handshake per host: mean ${fmt(cold.reduce((s, v) => s + v, 0) / cold.length)} ms, max ${fmt(cold[cold.length - 1] ?? 0)} ms (a warm one: ${warm instanceof Error ? warm.message : `${fmt(warm)} ms`}); ${problems} failed`);

  const passes: Pass[] = [];
  say(`load: ${CONNECTIONS} handshakes in flight, warm-up ${WARMUP} s each, then ${ROUNDS} x (single ${DURATION} s, sni ${DURATION} s); ${os.cpus().length} CPUs shared by client, server and PostgreSQL`);
  for (const name of ["single", "sni"] as const) passes.push(await handshakePass(name, servers[name], names[name], rootCa.certificatePem, WARMUP, true));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ["single", "sni"] as const) passes.push(await handshakePass(name, servers[name], names[name], rootCa.certificatePem, DURATION, false));
  }
  await cleanupServers();

  const [s, n] = [summary(passes, "single"), summary(passes, "sni")];
  const ratio = n.handshakes_per_s / s.handshakes_per_s;
  let issuance: IssuanceResult | null = null;
  if (ISSUANCE) issuance = await issuanceSection({ databaseUrl: database.url, appSecret, say });

  const us = (v: number | null) => (v === null ? "n/a" : fmt(v, 0));
  console.log("");
  console.log(`TLS handshakes: mean of ${ROUNDS} alternating passes of ${DURATION} s, ${CONNECTIONS} in flight, full handshakes (TLS 1.3, ECDSA P-256, chain verified)`);
  console.log(table([
    ["", "handshakes/s", "p50 ms", "p99 ms", "server CPU µs/handshake", "errors"],
    ["single certificate", fmt(s.handshakes_per_s, 0), fmt(s.p50_ms), fmt(s.p99_ms), us(s.server_cpu_us_per_handshake), String(s.errors)],
    [`SNI, ${hosts.length} tenant certificates`, fmt(n.handshakes_per_s, 0), fmt(n.p50_ms), fmt(n.p99_ms), us(n.server_cpu_us_per_handshake), String(n.errors)],
  ]));
  const cpuRatio = n.server_cpu_us_per_handshake !== null && s.server_cpu_us_per_handshake !== null ? n.server_cpu_us_per_handshake / s.server_cpu_us_per_handshake : null;
  console.log(`SNI / single: ${fmt(ratio * 100, 1)}% handshakes/s  (target >= ${TARGET_RATIO * 100}%: ${ratio >= TARGET_RATIO ? "holds" : "MISSED"})`);
  // Wall-clock rates move with whatever else runs on the machine; server CPU per handshake barely does.
  if (cpuRatio !== null) console.log(`server CPU per handshake SNI / single: ${fmt(cpuRatio, 3)}x`);
  if (issuance) {
    console.log(`verify -> served against Pebble: ${fmt(issuance.served_ms / 1000, 2)} s (verify answered ${issuance.verified_ms} ms, certificate stored ${issuance.stored_ms} ms, served ${issuance.propagation_ms} ms after storing; target <= ${TARGET_SERVED_MS / 1000} s: ${issuance.served_ms <= TARGET_SERVED_MS ? "holds" : "MISSED"})`);
    for (const problem of issuance.problems) console.error(`bench-tls: ${problem}`);
  }
  const errors = problems + s.errors + n.errors + (issuance?.problems.length ?? 0);
  console.log(
    JSON.stringify({
      bench: "ciclo-tls",
      cpus: os.cpus().length,
      database: database.embedded ? "embedded" : "DATABASE_URL",
      connections: CONNECTIONS,
      duration_s: DURATION,
      rounds: ROUNDS,
      tenants: hosts.length,
      single: round(s),
      sni: round(n),
      sni_ratio: Number(ratio.toFixed(3)),
      sni_cpu_ratio: cpuRatio === null ? null : Number(cpuRatio.toFixed(3)),
      cold_first_handshake_ms: { mean: Number((cold.reduce((sum, v) => sum + v, 0) / cold.length).toFixed(2)), max: Number((cold[cold.length - 1] ?? 0).toFixed(2)) },
      issuance,
      targets: { sni_ratio_min: TARGET_RATIO, served_ms_max: TARGET_SERVED_MS, sni_ratio_holds: ratio >= TARGET_RATIO, served_holds: issuance ? issuance.served_ms <= TARGET_SERVED_MS : null },
      errors,
      passes: passes.map((p) => ({ ...p, rate: Math.round(p.rate) })),
    }),
  );
  return errors > 0 ? 1 : 0;
}

async function cleanupServers(): Promise<void> {
  await Promise.all(children.splice(0).map((c) => (c.exitCode === null ? new Promise((r) => (c.once("exit", r), c.kill("SIGTERM"))) : null)));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`bench-tls: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await cleanup();
}
process.exit(code);
