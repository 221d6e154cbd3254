// POST /api/v1/usage_records/batch — up to 1 000 usage records in one request, all or nothing
import { withApi } from "@/lib/api/handler";
import { usageOps } from "@/lib/api/resources/usage";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { ingestUsage } from "@/lib/usage/ingest";

export const POST = withApi(usageOps.batch, async ({ db, tenant, body }) => {
  const results = await ingestUsage(db, tenant, body.records, "records");
  const duplicates = results.filter((r) => r.duplicate).length;
  return ok({
    object: "usage_record_batch",
    received: results.length,
    recorded: results.length - duplicates,
    duplicates,
    data: results.map((r) => ({ id: r.record.id, idempotency_key: r.record.idempotencyKey, duplicate: r.duplicate })),
  });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
