// POST /api/v1/webhook_endpoints/:id/roll_secret — replace the signing secret (returned once)
import { withApi } from "@/lib/api/handler";
import { serializeEndpoint, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { rollEndpointSecret } from "@/lib/webhooks/endpoints";

export const POST = withApi(webhookOps.rollSecret, async ({ db, tenant, params }) => {
  const { endpoint, secret } = await rollEndpointSecret(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeEndpoint(endpoint, tenant.mode, secret));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
