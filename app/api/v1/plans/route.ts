// POST /api/v1/plans — create a plan with its items; GET — list plans
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { page } from "@/lib/api/pagination";
import { planOps, serializePlan } from "@/lib/api/resources/plans";
import { created, ok } from "@/lib/api/response";
import { createPlan, listPlans } from "@/lib/plans/plans";

export const POST = withApi(planOps.create, async ({ db, tenant, body }) => {
  const plan = await createPlan(db, tenant, body);
  return created(serializePlan(plan, tenant.mode));
});

export const GET = withApi(planOps.list, async ({ db, tenant, query }) => {
  const rows = await listPlans(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializePlan(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
