// GET/PATCH/DELETE /api/v1/plan_groups/:id — retrieve, update, delete one plan group
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { planGroupOps, serializePlanGroup } from "@/lib/api/resources/plan-groups";
import { ok } from "@/lib/api/response";
import { deletePlanGroup, getPlanGroupOrThrow, updatePlanGroup } from "@/lib/plans/groups";

export const GET = withApi(planGroupOps.retrieve, async ({ db, tenant, params }) => {
  const group = await getPlanGroupOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePlanGroup(group, tenant.mode), group.updatedAt);
});

export const PATCH = withApi(planGroupOps.update, async ({ db, tenant, params, body }) => {
  const group = await updatePlanGroup(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializePlanGroup(group, tenant.mode));
});

export const DELETE = withApi(planGroupOps.delete, async ({ db, tenant, params }) => {
  const { id } = await deletePlanGroup(db, { organizationId: tenant.organizationId, id: params.id });
  return ok({ id, object: "plan_group", deleted: true });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
