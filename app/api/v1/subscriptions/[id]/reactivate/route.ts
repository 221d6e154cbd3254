// POST /api/v1/subscriptions/:id/reactivate — undo a cancellation scheduled for the period end
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { reactivateSubscription } from "@/lib/subscriptions/lifecycle";

export const POST = withApi(subscriptionOps.reactivate, async ({ db, tenant, params }) =>
  ok(serializeSubscription(await reactivateSubscription(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
