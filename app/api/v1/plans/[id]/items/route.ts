// PUT /api/v1/plans/:id/items — replace a plan's items atomically
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { planOps, serializePlan } from "@/lib/api/resources/plans";
import { ok } from "@/lib/api/response";
import { replacePlanItems } from "@/lib/plans/plans";

export const PUT = withApi(planOps.replaceItems, async ({ db, tenant, params, body }) => {
  const plan = await replacePlanItems(db, { organizationId: tenant.organizationId, id: params.id }, body.items);
  return ok(serializePlan(plan, tenant.mode));
});

export const { GET, POST, PATCH, DELETE } = methodsNotAllowed("PUT");
