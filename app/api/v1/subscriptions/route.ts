// POST /api/v1/subscriptions — subscribe a billing account to a plan (or items); GET — list
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createSubscription } from "@/lib/subscriptions/create";
import { listSubscriptions } from "@/lib/subscriptions/list";

export const POST = withApi(subscriptionOps.create, async ({ db, tenant, body }) =>
  created(serializeSubscription(await createSubscription(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}` }, body), tenant.mode)),
);

export const GET = withApi(subscriptionOps.list, async ({ db, tenant, query }) =>
  ok(page(await listSubscriptions(db, tenant, query), query.limit, (row) => serializeSubscription(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
