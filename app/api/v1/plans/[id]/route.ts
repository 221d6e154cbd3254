// GET/PATCH/DELETE /api/v1/plans/:id — retrieve, update, delete (or archive) one plan
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { planOps, serializePlan } from "@/lib/api/resources/plans";
import { ok } from "@/lib/api/response";
import { deletePlan, getPlanWithItemsOrThrow, updatePlan } from "@/lib/plans/plans";

export const GET = withApi(planOps.retrieve, async ({ db, tenant, params }) => {
  const plan = await getPlanWithItemsOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePlan(plan, tenant.mode), plan.updatedAt);
});

export const PATCH = withApi(planOps.update, async ({ db, tenant, params, body }) => {
  const plan = await updatePlan(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializePlan(plan, tenant.mode));
});

export const DELETE = withApi(planOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deletePlan(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "plan", deleted: true } : serializePlan(outcome.plan, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
