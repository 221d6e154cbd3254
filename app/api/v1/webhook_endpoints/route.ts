// POST /api/v1/webhook_endpoints — create an endpoint (returns its secret once); GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeEndpoint, webhookOps } from "@/lib/api/resources/webhooks";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";

export const POST = withApi(webhookOps.createEndpoint, async ({ db, tenant, body }) => {
  const { endpoint, secret } = await createEndpoint(db, tenant, body);
  return created(serializeEndpoint(endpoint, tenant.mode, secret));
});

export const GET = withApi(webhookOps.listEndpoints, async ({ db, tenant, query }) =>
  ok(page(await listEndpoints(db, tenant, query), query.limit, (row) => serializeEndpoint(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
