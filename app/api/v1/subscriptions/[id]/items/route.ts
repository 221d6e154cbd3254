// PUT /api/v1/subscriptions/:id/items — replace the item set atomically (effective next period)
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { replaceSubscriptionItems } from "@/lib/subscriptions/items";

export const PUT = withApi(subscriptionOps.replaceItems, async ({ db, tenant, params, body }) =>
  ok(serializeSubscription(await replaceSubscriptionItems(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body), tenant.mode)),
);

export const { GET, POST, PATCH, DELETE } = methodsNotAllowed("PUT");
