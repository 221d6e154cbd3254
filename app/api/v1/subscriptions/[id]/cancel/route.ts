// POST /api/v1/subscriptions/:id/cancel — end now, or at the end of the current period
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { cancelSubscription } from "@/lib/subscriptions/lifecycle";

export const POST = withApi(subscriptionOps.cancel, async ({ db, tenant, params, body }) =>
  ok(serializeSubscription(await cancelSubscription(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
