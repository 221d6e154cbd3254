// GET /api/v1/subscriptions/:id/usage/history — daily or monthly usage snapshots, newest first
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeUsageSnapshot, usageOps } from "@/lib/api/resources/usage";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { listUsageHistory } from "@/lib/usage/history";

export const GET = withApi(usageOps.history, async ({ db, tenant, params, query }) => {
  const rows = await listUsageHistory(db, { organizationId: tenant.organizationId, subscriptionId: params.id }, query);
  return ok(page(rows, query.limit, serializeUsageSnapshot));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
