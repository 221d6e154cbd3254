// POST /api/v1/subscriptions/:id/resume — restart billing with a fresh period from now
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { resumeSubscription } from "@/lib/subscriptions/lifecycle";

export const POST = withApi(subscriptionOps.resume, async ({ db, tenant, params }) =>
  ok(serializeSubscription(await resumeSubscription(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }), tenant.mode)),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
