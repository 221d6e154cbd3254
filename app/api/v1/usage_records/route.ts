// POST /api/v1/usage_records — report metered usage (idempotent per idempotency_key)
import { withApi } from "@/lib/api/handler";
import { serializeUsageRecord, usageOps } from "@/lib/api/resources/usage";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { ingestUsage } from "@/lib/usage/ingest";

export const POST = withApi(usageOps.record, async ({ db, tenant, body }) => {
  const [result] = await ingestUsage(db, tenant, [body]);
  return { status: result!.duplicate ? 200 : 201, body: serializeUsageRecord(result!.record, result!.duplicate) };
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
