// GET /api/v1/subscriptions/:id/versions — every change of the subscription, newest first
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeVersion, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getSubscriptionOrThrow, listVersions } from "@/lib/subscriptions/versions";

export const GET = withApi(subscriptionOps.versions, async ({ db, tenant, params, query }) => {
  const sub = await getSubscriptionOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(page(await listVersions(db, { organizationId: tenant.organizationId, subscriptionId: sub.id }, query), query.limit, serializeVersion));
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
