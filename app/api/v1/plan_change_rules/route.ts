// POST /api/v1/plan_change_rules — create a plan change rule; GET — list them
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { page } from "@/lib/api/pagination";
import { planChangeRuleOps, serializePlanChangeRule } from "@/lib/api/resources/plan-change-rules";
import { created, ok } from "@/lib/api/response";
import { createPlanChangeRule, listPlanChangeRules } from "@/lib/plans/change-rules";

export const POST = withApi(planChangeRuleOps.create, async ({ db, tenant, body }) => {
  const rule = await createPlanChangeRule(db, tenant, body);
  return created(serializePlanChangeRule(rule, tenant.mode));
});

export const GET = withApi(planChangeRuleOps.list, async ({ db, tenant, query }) => {
  const rows = await listPlanChangeRules(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializePlanChangeRule(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
