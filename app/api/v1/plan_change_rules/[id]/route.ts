// GET/PATCH/DELETE /api/v1/plan_change_rules/:id — retrieve, update, delete one plan change rule
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { planChangeRuleOps, serializePlanChangeRule } from "@/lib/api/resources/plan-change-rules";
import { ok } from "@/lib/api/response";
import { deletePlanChangeRule, getPlanChangeRuleOrThrow, updatePlanChangeRule } from "@/lib/plans/change-rules";

export const GET = withApi(planChangeRuleOps.retrieve, async ({ db, tenant, params }) => {
  const rule = await getPlanChangeRuleOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePlanChangeRule(rule, tenant.mode), rule.updatedAt);
});

export const PATCH = withApi(planChangeRuleOps.update, async ({ db, tenant, params, body }) => {
  const rule = await updatePlanChangeRule(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializePlanChangeRule(rule, tenant.mode));
});

export const DELETE = withApi(planChangeRuleOps.delete, async ({ db, tenant, params }) => {
  const { id } = await deletePlanChangeRule(db, { organizationId: tenant.organizationId, id: params.id });
  return ok({ id, object: "plan_change_rule", deleted: true });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
