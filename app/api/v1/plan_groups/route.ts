// POST /api/v1/plan_groups — create a plan group; GET — list them
import { withApi } from "@/lib/api/handler";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { page } from "@/lib/api/pagination";
import { planGroupOps, serializePlanGroup } from "@/lib/api/resources/plan-groups";
import { created, ok } from "@/lib/api/response";
import { createPlanGroup, listPlanGroups } from "@/lib/plans/groups";

export const POST = withApi(planGroupOps.create, async ({ db, tenant, body }) => {
  const group = await createPlanGroup(db, tenant, body);
  return created(serializePlanGroup(group, tenant.mode));
});

export const GET = withApi(planGroupOps.list, async ({ db, tenant, query }) => {
  const rows = await listPlanGroups(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializePlanGroup(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
