// GET /api/v1/events/:id — one event, as webhooks deliver it
import { withApi } from "@/lib/api/handler";
import { serializeEvent, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getEventOrThrow } from "@/lib/webhooks/history";

export const GET = withApi(webhookOps.retrieveEvent, async ({ db, tenant, params }) =>
  ok(serializeEvent(await getEventOrThrow(db, { organizationId: tenant.organizationId, id: params.id }), tenant.mode)),
);

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
