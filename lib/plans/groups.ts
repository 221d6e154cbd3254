import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { planGroups, plans, type PlanGroup } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";
import { rethrowConflict } from "@/lib/api/references";
import type { CreatePlanGroupInput, UpdatePlanGroupInput } from "./group-input";

type Scope = { organizationId: string };

const byId = (organizationId: string, id: string) => and(eq(planGroups.id, id), eq(planGroups.organizationId, organizationId));

const conflicts = (slug: string | undefined) => ({
  plan_groups_org_slug_key: { param: "slug", message: `A plan group with slug '${slug}' already exists` },
});

export async function createPlanGroup(db: DbOrTx, scope: Scope, input: CreatePlanGroupInput): Promise<PlanGroup> {
  try {
    const [row] = await db
      .insert(planGroups)
      .values({ organizationId: scope.organizationId, name: input.name, slug: input.slug, position: input.position })
      .returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, conflicts(input.slug));
  }
}

export async function getPlanGroupOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(planGroups).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("plan group", scope.id);
  return row;
}

export type PlanGroupFilters = { limit: number; cursor?: string };

export async function listPlanGroups(db: DbOrTx, scope: Scope, filters: PlanGroupFilters): Promise<PlanGroup[]> {
  return listPage(db, planGroups, scope, [], filters);
}

export async function updatePlanGroup(db: DbOrTx, scope: Scope & { id: string }, input: UpdatePlanGroupInput): Promise<PlanGroup> {
  return db.transaction(async (tx) => {
    await getPlanGroupOrThrow(tx, scope, { forUpdate: true });
    const changes: Partial<typeof planGroups.$inferInsert> = { updatedAt: dbNow() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.slug !== undefined) changes.slug = input.slug;
    if (input.position !== undefined) changes.position = input.position;
    try {
      const [row] = await tx.update(planGroups).set(changes).where(byId(scope.organizationId, scope.id)).returning();
      return row!;
    } catch (error) {
      rethrowConflict(error, conflicts(input.slug));
    }
  });
}

/**
 * Deletes a plan group no plan belongs to. Groups have no archived state, so a group that
 * still holds plans (archived ones included: they keep their group) is refused with a 409.
 */
export async function deletePlanGroup(db: DbOrTx, scope: Scope & { id: string }): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await getPlanGroupOrThrow(tx, scope, { forUpdate: true });
    if (await deleteUnlessReferenced(tx, (sp) => sp.delete(planGroups).where(byId(scope.organizationId, scope.id)))) return { id: scope.id };
    const [held] = await tx
      .select({ n: count() })
      .from(plans)
      .where(and(eq(plans.organizationId, scope.organizationId), eq(plans.planGroupId, scope.id)));
    const message = held?.n
      ? `This plan group still holds ${held.n} plan(s), archived ones included; move them to another group (PATCH plan_group_id) before deleting it`
      : "This plan group is still referenced by other records and cannot be deleted";
    throw new ApiError("resource_conflict", message, { param: "id" });
  });
}
