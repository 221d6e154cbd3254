// Usage ingestion for `npm run bench`: POST /api/v1/usage_records/batch (100 records a request)
// against the database's own ceiling, the same multi-row INSERT of 100 rows sent straight to
// PostgreSQL, with the same concurrency, in the same run. Targets (reported): the endpoint at
// >= 50% of that ceiling and >= 5 000 records/s. Each side gets a warm-up pass first (JIT,
// plan caches, connection pools), not counted; then `rounds` alternating pairs of passes, so
// that load from elsewhere on the machine weighs on both sides alike. Figures are the means.
import autocannon from "autocannon";
import postgres from "postgres";

export type UsageBench = {
  http_records_per_s: number;
  batch_p99_ms: number;
  raw_records_per_s: number;
  ratio: number;
  /** Endpoint/ceiling of each round, in order. */
  round_ratios: number[];
  non2xx: number;
  errors: number;
};

const BATCH = 100;

type Input = { base: string; key: string; databaseUrl: string; organizationId: string; seconds: number; warmupSeconds: number; rounds: number; connections: number };

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
  console.log(`  POST /api/v1/usage_records/batch  ${f(usage.http_records_per_s).padStart(7)} records/s  p99 ${usage.batch_p99_ms} ms/batch`);
  console.log(`  raw multi-row INSERT (ceiling)    ${f(usage.raw_records_per_s).padStart(7)} records/s`);
  console.log(
    `endpoint/ceiling: ${(usage.ratio * 100).toFixed(1)}% (rounds: ${usage.round_ratios.map((r) => `${(r * 100).toFixed(1)}%`).join(", ")}; target >= 50%: ${usage.ratio >= 0.5 ? "holds" : "MISSED"}); ` +
      `${f(usage.http_records_per_s)} records/s (target >= 5000: ${usage.http_records_per_s >= 5000 ? "holds" : "MISSED"})`,
  );
  return usage;
}

export async function benchUsage(input: Input & { subscriptionItemId: string }): Promise<UsageBench> {
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
  const sql = postgres(input.databaseUrl, { max: input.connections, onnotice: () => {} });
  let rawSeq = 0;
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
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: input.connections }, worker));
    return (batches * BATCH) / ((Date.now() - started) / 1000);
  };

  let non2xx = 0;
  let errors = 0;
  const warm = await httpPass(input.warmupSeconds);
  non2xx += warm.non2xx;
  errors += warm.errors;
  await rawPass(input.warmupSeconds);
  const rounds: Array<{ http: number; raw: number; p99: number }> = [];
  try {
    for (let round = 0; round < input.rounds; round++) {
      const http = await httpPass(input.seconds);
      non2xx += http.non2xx;
      errors += http.errors;
      const raw = await rawPass(input.seconds);
      rounds.push({ http: http.requests.average * BATCH, raw, p99: http.latency.p99 });
    }
  } finally {
    await sql.end({ timeout: 5 });
  }

  const mean = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((s, r) => s + f(r), 0) / rounds.length;
  const httpRecords = mean((r) => r.http);
  const rawRecords = mean((r) => r.raw);
  return {
    http_records_per_s: httpRecords,
    batch_p99_ms: mean((r) => r.p99),
    raw_records_per_s: rawRecords,
    ratio: httpRecords / rawRecords,
    round_ratios: rounds.map((r) => Number((r.http / r.raw).toFixed(3))),
    non2xx,
    errors,
  };
}
