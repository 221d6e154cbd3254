// GET /api/v1/webhook_endpoints/:id/deliveries — the endpoint's delivery log, newest first
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeDelivery, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getEndpointOrThrow } from "@/lib/webhooks/endpoints";
import { listDeliveries } from "@/lib/webhooks/history";

export const GET = withApi(webhookOps.listDeliveries, async ({ db, tenant, params, query }) => {
  const endpoint = await getEndpointOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(page(await listDeliveries(db, { organizationId: tenant.organizationId, endpointId: endpoint.id }, query), query.limit, serializeDelivery));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
