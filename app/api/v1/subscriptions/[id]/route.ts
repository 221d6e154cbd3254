// GET /api/v1/subscriptions/:id — a subscription with its items
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";

export const GET = withApi(subscriptionOps.retrieve, async ({ db, tenant, params }) => {
  const sub = await getSubscriptionOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeSubscription(sub, tenant.mode), sub.updatedAt);
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
