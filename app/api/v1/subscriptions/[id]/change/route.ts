// POST /api/v1/subscriptions/:id/change — apply a plan/cycle/items/quantity change, now or at the end of the cycle
// An immediate change is billed at once, as its preview says: unused time becomes account credit
// and the charges an invoice (invoice_id), finalized and collected.
import { withApi } from "@/lib/api/handler";
import { serializeSubscription, subscriptionOps } from "@/lib/api/resources/subscriptions";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { applySubscriptionChange } from "@/lib/subscriptions/change";
import { serializeChangePreview } from "@/lib/subscriptions/change-input";

export const POST = withApi(subscriptionOps.change, async ({ db, tenant, params, body }) => {
  const result = await applySubscriptionChange(db, { ...tenant, actor: `api_key:${tenant.apiKeyId}`, id: params.id }, body);
  return ok({ subscription: serializeSubscription(result.subscription, tenant.mode), preview: serializeChangePreview(result.preview), invoice_id: result.invoice?.id ?? null });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
