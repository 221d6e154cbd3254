// Usage ingestion for `npm run bench`: POST /api/v1/usage_records/batch (100 records a request)
// against the database's own ceiling, the same multi-row INSERT of 100 rows sent straight to
// PostgreSQL, with the same concurrency, in the same run. Targets (reported): the endpoint at
// >= 50% of that ceiling and >= 5 000 records/s.
import autocannon from "autocannon";
import postgres from "postgres";

export type UsageBench = { http_records_per_s: number; batch_p99_ms: number; raw_records_per_s: number; ratio: number; non2xx: number; errors: number };

const BATCH = 100;

export async function benchUsage(input: {
  base: string;
  key: string;
  databaseUrl: string;
  organizationId: string;
  subscriptionItemId: string;
  seconds: number;
  connections: number;
}): Promise<UsageBench> {
  let seq = 0;
  const batchBody = () => {
    const n = seq++;
    return JSON.stringify({
      records: Array.from({ length: BATCH }, (_, i) => ({ subscription_item_id: input.subscriptionItemId, quantity: 1, idempotency_key: `bench-http-${process.pid}-${n}-${i}` })),
    });
  };
  const http = await autocannon({
    url: input.base,
    connections: input.connections,
    duration: input.seconds,
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
  let rawBatches = 0;
  let rawSeq = 0;
  const deadline = Date.now() + input.seconds * 1000;
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
      rawBatches++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: input.connections }, worker));
  const rawSeconds = (Date.now() - started) / 1000;
  await sql.end({ timeout: 5 });

  const httpRecords = http.requests.average * BATCH;
  const rawRecords = (rawBatches * BATCH) / rawSeconds;
  return {
    http_records_per_s: httpRecords,
    batch_p99_ms: http.latency.p99,
    raw_records_per_s: rawRecords,
    ratio: httpRecords / rawRecords,
    non2xx: http.non2xx,
    errors: http.errors,
  };
}
