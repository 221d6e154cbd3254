// GET/PATCH/DELETE /api/v1/webhook_endpoints/:id — retrieve, update (url, events, status), delete
import { withApi } from "@/lib/api/handler";
import { serializeEndpoint, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteEndpoint, getEndpointOrThrow, updateEndpoint } from "@/lib/webhooks/endpoints";

export const GET = withApi(webhookOps.retrieveEndpoint, async ({ db, tenant, params }) => {
  const endpoint = await getEndpointOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeEndpoint(endpoint, tenant.mode), endpoint.updatedAt);
});

export const PATCH = withApi(webhookOps.updateEndpoint, async ({ db, tenant, params, body }) =>
  ok(serializeEndpoint(await updateEndpoint(db, { ...tenant, id: params.id }, body), tenant.mode)),
);

export const DELETE = withApi(webhookOps.deleteEndpoint, async ({ db, tenant, params }) => {
  const { id } = await deleteEndpoint(db, { organizationId: tenant.organizationId, id: params.id });
  return ok({ id, object: "webhook_endpoint", deleted: true });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
