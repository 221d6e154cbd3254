// POST /api/v1/subscriptions/:id/change/preview — what a plan/cycle/items/quantity change would cost (writes nothing)
import { withApi } from "@/lib/api/handler";
import { subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { computeChange } from "@/lib/subscriptions/change";
import { serializeChangePreview } from "@/lib/subscriptions/change-input";

export const POST = withApi(subscriptionOps.previewChange, async ({ db, tenant, params, body }) =>
  ok(serializeChangePreview((await computeChange(db, { organizationId: tenant.organizationId, id: params.id }, body)).preview)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
