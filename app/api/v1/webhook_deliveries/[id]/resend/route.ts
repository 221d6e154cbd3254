// POST /api/v1/webhook_deliveries/:id/resend — one more delivery attempt, now
import { withApi } from "@/lib/api/handler";
import { serializeDelivery, webhookOps } from "@/lib/api/resources/webhooks";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { resendDelivery } from "@/lib/webhooks/history";

export const POST = withApi(webhookOps.resend, async ({ db, tenant, params }) =>
  ok(serializeDelivery(await resendDelivery(db, { organizationId: tenant.organizationId, id: params.id }))),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
