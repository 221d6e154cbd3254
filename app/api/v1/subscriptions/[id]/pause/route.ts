// POST /api/v1/subscriptions/:id/pause — stop billing until resumed (or until resume_at)
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { pauseSubscription } from "@/lib/subscriptions/lifecycle";

export const POST = withApi(subscriptionOps.pause, async ({ db, tenant, params, body }) =>
  ok(serializeSubscription(await pauseSubscription(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
