// Usage ingestion for `npm run bench`: POST /api/v1/usage_records/batch (100 records a request)
// against the database's own ceiling, the same multi-row INSERT of 100 rows sent straight to
// PostgreSQL, with the same concurrency, in the same run. Targets (reported): the endpoint at
// >= 50% of that ceiling and >= 5 000 records/s. Each side gets a warm-up pass first (JIT,
// plan caches, connection pools), not counted; then `rounds` alternating pairs of passes, so
// that load from elsewhere on the machine weighs on both sides alike. Figures are the means.
// CPU per 1 000 records is also read from /proc for each side (the Next server, its PostgreSQL
// backends and the load generator; the raw client and its backends): it barely moves with other
// load, so its ratio says what the throughput ratio would be on an otherwise idle machine.
import autocannon from "autocannon";
import postgres from "postgres";
import { backendCpu, backendCpuUsed, processCpuMs } from "./support/cpu";

export type UsageBench = {
  http_records_per_s: number;
  batch_p99_ms: number;
  raw_records_per_s: number;
  ratio: number;
  /** Endpoint/ceiling of each round, in order. */
  round_ratios: number[];
  /** CPU ms per 1 000 records on each side, by process; null where /proc could not be read. */
  cpu_ms_per_1k: { http: CpuSplit | null; raw: CpuSplit | null };
  /** Raw CPU per record over endpoint CPU per record: the throughput ratio of a machine doing nothing else. */
  cpu_ratio: number | null;
  non2xx: number;
  errors: number;
};

type CpuSplit = { server?: number; postgres: number; client: number; total: number };

const BATCH = 100;
const SERVER_APPLICATION = "ciclo"; // db/index.ts: the application_name of the server's pool
const RAW_APPLICATION = "ciclo-bench-raw";

type Input = { base: string; key: string; databaseUrl: string; organizationId: string; seconds: number; warmupSeconds: number; rounds: number; connections: number; serverPid?: number };

/** A metered product and a subscription to it through the API, the bench, and its printed summary. */
export async function usageSection(input: Input & { billingAccountId: string }): Promise<UsageBench> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${input.base}${path}`, { method: "POST", headers: { authorization: `Bearer ${input.key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string; prices: { id: string }[]; items: { id: string }[] };
  };
  const product = await post("/api/v1/products", {
    name: "Bench API calls", slug: "bench-calls", product_type: "metered",
    prices: [{ name: "Calls", usage_type: "metered", recurring_interval: "month", unit_amount_subcents: 500 }],
  });
  const sub = await post("/api/v1/subscriptions", { billing_account_id: input.billingAccountId, items: [{ price_id: product.prices[0]!.id }] });
  const usage = await benchUsage({ ...input, subscriptionItemId: sub.items[0]!.id });
  const f = (n: number) => n.toFixed(0);
  console.log("");
  console.log(`Usage ingestion (${input.connections} connections, batches of ${BATCH}, warm-up ${input.warmupSeconds} s, ${input.rounds} x ${input.seconds} s alternating):`);
  console.log(`  POST /api/v1/usage_records/batch  ${f(usage.http_records_per_s).padStart(7)} records/s  p99 ${usage.batch_p99_ms.toFixed(1)} ms/batch`);
  console.log(`  raw multi-row INSERT (ceiling)    ${f(usage.raw_records_per_s).padStart(7)} records/s`);
  console.log(
    `endpoint/ceiling: ${(usage.ratio * 100).toFixed(1)}% (rounds: ${usage.round_ratios.map((r) => `${(r * 100).toFixed(1)}%`).join(", ")}; target >= 50%: ${usage.ratio >= 0.5 ? "holds" : "MISSED"}); ` +
      `${f(usage.http_records_per_s)} records/s (target >= 5000: ${usage.http_records_per_s >= 5000 ? "holds" : "MISSED"})`,
  );
  const { http, raw } = usage.cpu_ms_per_1k;
  if (http && raw && usage.cpu_ratio !== null) {
    const ms = (n: number | undefined) => (n ?? 0).toFixed(1);
    console.log(`  CPU ms per 1 000 records: endpoint ${ms(http.total)} (Next ${ms(http.server)}, PostgreSQL ${ms(http.postgres)}, autocannon ${ms(http.client)}); raw ${ms(raw.total)} (PostgreSQL ${ms(raw.postgres)}, client ${ms(raw.client)})`);
    console.log(`  CPU ratio raw/endpoint: ${(usage.cpu_ratio * 100).toFixed(1)}% (the throughput ratio on a machine doing nothing else)`);
  }
  return usage;
}

async function benchUsage(input: Input & { subscriptionItemId: string }): Promise<UsageBench> {
  let seq = 0;
  const batchBody = () => {
    const n = seq++;
    return JSON.stringify({
      records: Array.from({ length: BATCH }, (_, i) => ({ subscription_item_id: input.subscriptionItemId, quantity: 1, idempotency_key: `bench-http-${process.pid}-${n}-${i}` })),
    });
  };
  const httpPass = (duration: number) =>
    autocannon({
      url: input.base,
      connections: input.connections,
      duration,
      requests: [
        {
          method: "POST",
          path: "/api/v1/usage_records/batch",
          headers: { authorization: `Bearer ${input.key}`, "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: batchBody() }),
        },
      ],
    });

  // The ceiling: the same rows, the same statement shape, no HTTP, no validation.
  const sql = postgres(input.databaseUrl, { max: input.connections, onnotice: () => {}, connection: { application_name: RAW_APPLICATION } });
  // Reads pg_stat_activity for the backends' pids; its own CPU is not counted on either side.
  const monitor = postgres(input.databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: "ciclo-bench-monitor" } });
  const database = new URL(input.databaseUrl).pathname.slice(1);
  let rawSeq = 0;
  let rawBatches = 0;
  const rawPass = async (seconds: number): Promise<number> => {
    let batches = 0;
    const deadline = Date.now() + seconds * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const n = rawSeq++;
        const rows = Array.from({ length: BATCH }, (_, i) => ({
          organization_id: input.organizationId,
          subscription_item_id: input.subscriptionItemId,
          quantity: 1,
          action: "increment",
          timestamp: new Date(),
          idempotency_key: `bench-raw-${process.pid}-${n}-${i}`,
        }));
        await sql`insert into usage_records ${sql(rows)} on conflict do nothing`;
        batches++;
        rawBatches++;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: input.connections }, worker));
    return (batches * BATCH) / ((Date.now() - started) / 1000);
  };

  /** Runs `pass` and reads the CPU each process spent on it. */
  const metered = async <T>(application: string, pass: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit | null }> => {
    const server0 = input.serverPid ? processCpuMs(input.serverPid) : null;
    const pg0 = await backendCpu(monitor, application, database);
    const self0 = process.cpuUsage();
    const result = await pass();
    const self = process.cpuUsage(self0);
    const postgresMs = backendCpuUsed(pg0, await backendCpu(monitor, application, database));
    const server1 = input.serverPid ? processCpuMs(input.serverPid) : null;
    if (postgresMs === null || (input.serverPid && (server0 === null || server1 === null))) return { result, cpu: null };
    const client = (self.user + self.system) / 1000;
    const server = server0 !== null && server1 !== null ? server1 - server0 : undefined;
    return { result, cpu: { ...(server !== undefined && { server }), postgres: postgresMs, client, total: (server ?? 0) + postgresMs + client } };
  };

  let non2xx = 0;
  let errors = 0;
  const warm = await httpPass(input.warmupSeconds);
  non2xx += warm.non2xx;
  errors += warm.errors;
  await rawPass(input.warmupSeconds);
  const rounds: Array<{ http: number; raw: number; p99: number; httpRecords: number; rawRecords: number; httpCpu: CpuSplit | null; rawCpu: CpuSplit | null }> = [];
  try {
    for (let round = 0; round < input.rounds; round++) {
      const { result: http, cpu: httpCpu } = await metered(SERVER_APPLICATION, () => httpPass(input.seconds));
      non2xx += http.non2xx;
      errors += http.errors;
      const batchesBefore = rawBatches;
      const { result: raw, cpu: rawCpu } = await metered(RAW_APPLICATION, () => rawPass(input.seconds));
      rounds.push({ http: http.requests.average * BATCH, raw, p99: http.latency.p99, httpRecords: http["2xx"] * BATCH, rawRecords: (rawBatches - batchesBefore) * BATCH, httpCpu, rawCpu });
    }
  } finally {
    await sql.end({ timeout: 5 });
    await monitor.end({ timeout: 5 });
  }
  const cpuPer1k = (side: "http" | "raw"): CpuSplit | null => {
    const cpus = rounds.map((r) => (side === "http" ? r.httpCpu : r.rawCpu));
    if (cpus.some((c) => c === null)) return null;
    const records = rounds.reduce((s, r) => s + (side === "http" ? r.httpRecords : r.rawRecords), 0);
    const sum = (f: (c: CpuSplit) => number | undefined) => (cpus.reduce((s, c) => s + (f(c!) ?? 0), 0) / records) * 1000;
    const split: CpuSplit = { postgres: sum((c) => c.postgres), client: sum((c) => c.client), total: sum((c) => c.total) };
    return side === "http" ? { server: sum((c) => c.server), ...split } : split;
  };
  const httpCpu = cpuPer1k("http");
  const rawCpu = cpuPer1k("raw");

  const mean = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((s, r) => s + f(r), 0) / rounds.length;
  const httpRecords = mean((r) => r.http);
  const rawRecords = mean((r) => r.raw);
  return {
    http_records_per_s: httpRecords,
    batch_p99_ms: mean((r) => r.p99),
    raw_records_per_s: rawRecords,
    ratio: httpRecords / rawRecords,
    round_ratios: rounds.map((r) => Number((r.http / r.raw).toFixed(3))),
    cpu_ms_per_1k: { http: httpCpu, raw: rawCpu },
    cpu_ratio: httpCpu && rawCpu ? rawCpu.total / httpCpu.total : null,
    non2xx,
    errors,
  };
}
