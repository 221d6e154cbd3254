import { and, eq, ilike, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { assertReferences, rethrowConflict } from "@/lib/api/references";
import { dbNow } from "@/db/schema/columns";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { planGroups, plans, type Plan, type PlanItem } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import { assertCyclesCoverItems, loadPlanItems, resolvePlanItems, writePlanItems } from "./items";
import type { CreatePlanInput, PlanItemInput, UpdatePlanInput } from "./plan-input";

type Scope = { organizationId: string };
export type PlanWithItems = Plan & { items: PlanItem[] };

const byId = (organizationId: string, id: string) => and(eq(plans.id, id), eq(plans.organizationId, organizationId));

const conflicts = (slug: string | undefined) => ({
  plans_org_slug_key: { param: "slug", message: `A plan with slug '${slug}' already exists` },
});

/** The group must be this organization's; key-share locked so it cannot be deleted meanwhile. */
/** The plan's group must be the organization's own (the foreign key then holds it while we write). */
const assertPlanGroup = (tx: DbOrTx, organizationId: string, planGroupId: string | null | undefined) =>
  assertReferences(tx, planGroups, organizationId, [{ id: planGroupId, param: "plan_group_id" }], "plan group");

function assertNotArchived(plan: Plan) {
  if (plan.status === "archived") throw new ApiError("resource_archived", "This plan is archived and can no longer be changed");
}

async function withItems(db: DbOrTx, organizationId: string, plan: Plan): Promise<PlanWithItems> {
  const items = await loadPlanItems(db, organizationId, [plan.id]);
  return { ...plan, items: items.get(plan.id) ?? [] };
}

export async function createPlan(db: DbOrTx, scope: Scope, input: CreatePlanInput): Promise<PlanWithItems> {
  return db.transaction(async (tx) => {
    await assertPlanGroup(tx, scope.organizationId, input.plan_group_id);
    const items = await resolvePlanItems(tx, scope.organizationId, input.items, input.billing_cycles);
    let plan: Plan;
    try {
      [plan] = (await tx
        .insert(plans)
        .values({
          organizationId: scope.organizationId,
          name: input.name,
          slug: input.slug,
          description: input.description ?? null,
          trialDays: input.trial_days,
          billingCycles: input.billing_cycles,
          visibility: input.visibility,
          planGroupId: input.plan_group_id ?? null,
        })
        .returning()) as [Plan];
    } catch (error) {
      rethrowConflict(error, conflicts(input.slug));
    }
    await writePlanItems(tx, { organizationId: scope.organizationId, planId: plan.id }, items);
    return withItems(tx, scope.organizationId, plan);
  });
}

export async function getPlanOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Plan> {
  const query = db.select().from(plans).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("plan", scope.id);
  return row;
}

export async function getPlanWithItemsOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<PlanWithItems> {
  return withItems(db, scope.organizationId, await getPlanOrThrow(db, scope));
}

export type PlanFilters = {
  limit: number;
  cursor?: string;
  status: "active" | "archived" | "all";
  visibility?: "public" | "private";
  plan_group_id?: string;
  /** Part of the name or slug, case-insensitive (the admin's search; `%` and `_` taken literally). */
  search?: string;
};

/** LIKE's wildcards taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listPlans(db: DbOrTx, scope: Scope, filters: PlanFilters): Promise<PlanWithItems[]> {
  const search = filters.search ? or(ilike(plans.name, `%${escapeLike(filters.search)}%`), ilike(plans.slug, `%${escapeLike(filters.search)}%`)) : undefined;
  const rows = await listPage(db, plans, scope, [filters.status !== "all" ? eq(plans.status, filters.status) : undefined, filterEq(plans.visibility, filters.visibility), filterEq(plans.planGroupId, filters.plan_group_id), search], filters);
  const items = await loadPlanItems(db, scope.organizationId, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, items: items.get(row.id) ?? [] }));
}

export async function updatePlan(db: DbOrTx, scope: Scope & { id: string }, input: UpdatePlanInput): Promise<PlanWithItems> {
  return db.transaction(async (tx) => {
    assertNotArchived(await getPlanOrThrow(tx, scope, { forUpdate: true }));
    await assertPlanGroup(tx, scope.organizationId, input.plan_group_id);
    if (input.billing_cycles !== undefined) await assertCyclesCoverItems(tx, { organizationId: scope.organizationId, planId: scope.id }, input.billing_cycles);
    const changes: Partial<typeof plans.$inferInsert> = { updatedAt: dbNow() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.slug !== undefined) changes.slug = input.slug;
    if (input.description !== undefined) changes.description = input.description;
    if (input.trial_days !== undefined) changes.trialDays = input.trial_days;
    if (input.billing_cycles !== undefined) changes.billingCycles = input.billing_cycles;
    if (input.visibility !== undefined) changes.visibility = input.visibility;
    if (input.plan_group_id !== undefined) changes.planGroupId = input.plan_group_id;
    try {
      const [row] = await tx.update(plans).set(changes).where(byId(scope.organizationId, scope.id)).returning();
      return withItems(tx, scope.organizationId, row!);
    } catch (error) {
      rethrowConflict(error, conflicts(input.slug));
    }
  });
}

/** Replaces the plan's whole item set in one transaction: all of it applies, or none. */
export async function replacePlanItems(db: DbOrTx, scope: Scope & { id: string }, input: PlanItemInput[]): Promise<PlanWithItems> {
  return db.transaction(async (tx) => {
    const plan = await getPlanOrThrow(tx, scope, { forUpdate: true });
    assertNotArchived(plan);
    const items = await resolvePlanItems(tx, scope.organizationId, input, plan.billingCycles);
    await writePlanItems(tx, { organizationId: scope.organizationId, planId: plan.id }, items);
    const [row] = await tx.update(plans).set({ updatedAt: dbNow() }).where(byId(scope.organizationId, scope.id)).returning();
    return withItems(tx, scope.organizationId, row!);
  });
}

export type DeletePlanOutcome = { deleted: true; id: string } | { deleted: false; plan: PlanWithItems };

/**
 * Deletes a plan without history. A plan that change rules mention (they would cascade away
 * silently) or that other rows reference (subscriptions, with ON DELETE RESTRICT) is archived
 * instead: it stays readable, leaves the default lists and can no longer be changed.
 */
export async function deletePlan(db: DbOrTx, scope: Scope & { id: string }): Promise<DeletePlanOutcome> {
  return db.transaction(async (tx) => {
    const current = await getPlanOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") return { deleted: false, plan: await withItems(tx, scope.organizationId, current) };
    if (await deleteUnlessReferenced(tx, (sp) => sp.delete(plans).where(byId(scope.organizationId, scope.id)))) return { deleted: true, id: scope.id };
    const [archived] = await tx.update(plans).set({ status: "archived", updatedAt: dbNow() }).where(byId(scope.organizationId, scope.id)).returning();
    return { deleted: false, plan: await withItems(tx, scope.organizationId, archived!) };
  });
}
