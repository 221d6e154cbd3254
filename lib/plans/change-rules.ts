import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { planChangeRules, plans, type PlanChangeRule } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import type { CreatePlanChangeRuleInput, UpdatePlanChangeRuleInput } from "./change-rule-input";

type Scope = { organizationId: string };

const byId = (organizationId: string, id: string) => and(eq(planChangeRules.id, id), eq(planChangeRules.organizationId, organizationId));

/**
 * The rule's plans must be this organization's (422 reference_not_found naming the field),
 * and nobody can be moved *to* an archived plan. Share-locked: a plan being deleted meanwhile
 * either waits for the rule (and is then archived) or is gone before it (and the rule refused).
 */
async function assertRulePlans(tx: DbOrTx, organizationId: string, refs: { from?: string; to?: string }) {
  const wanted = [
    { id: refs.from, param: "from_plan_id" },
    { id: refs.to, param: "to_plan_id" },
  ].filter((r): r is { id: string; param: string } => r.id !== undefined);
  if (wanted.length === 0) return;
  const rows = await tx
    .select({ id: plans.id, status: plans.status })
    .from(plans)
    .where(and(eq(plans.organizationId, organizationId), inArray(plans.id, wanted.map((w) => w.id))))
    .for("share");
  const found = new Map(rows.map((r) => [r.id, r.status]));
  for (const ref of wanted) {
    const status = found.get(ref.id);
    if (!status) throw new ApiError("reference_not_found", `No such plan: '${ref.id}'`, { param: ref.param });
    if (ref.param === "to_plan_id" && status === "archived") {
      throw new ApiError("validation_failed", "Invalid to_plan_id: this plan is archived; customers cannot move to it", { param: "to_plan_id" });
    }
  }
}

export async function createPlanChangeRule(db: DbOrTx, scope: Scope, input: CreatePlanChangeRuleInput): Promise<PlanChangeRule> {
  return db.transaction(async (tx) => {
    await assertRulePlans(tx, scope.organizationId, { from: input.from_plan_id, to: input.to_plan_id });
    const [row] = await tx
      .insert(planChangeRules)
      .values({
        organizationId: scope.organizationId,
        fromPlanId: input.from_plan_id,
        toPlanId: input.to_plan_id,
        changeType: input.change_type,
        prorationMethod: input.proration_method,
        timing: input.timing,
        bonusDiscountPercentBps: input.bonus_discount?.percent_bps ?? null,
        bonusDiscountMonths: input.bonus_discount?.months ?? null,
        bonusDays: input.bonus_days,
        priority: input.priority,
        isActive: input.is_active,
        message: input.message ?? null,
      })
      .returning();
    return row!;
  });
}

export async function getPlanChangeRuleOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(planChangeRules).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("plan change rule", scope.id);
  return row;
}

export type PlanChangeRuleFilters = { limit: number; cursor?: string; from_plan_id?: string; to_plan_id?: string; is_active?: boolean };

export async function listPlanChangeRules(db: DbOrTx, scope: Scope, filters: PlanChangeRuleFilters): Promise<PlanChangeRule[]> {
  return listPage(db, planChangeRules, scope, [filterEq(planChangeRules.fromPlanId, filters.from_plan_id), filterEq(planChangeRules.toPlanId, filters.to_plan_id), filterEq(planChangeRules.isActive, filters.is_active)], filters);
}

export async function updatePlanChangeRule(db: DbOrTx, scope: Scope & { id: string }, input: UpdatePlanChangeRuleInput): Promise<PlanChangeRule> {
  return db.transaction(async (tx) => {
    const current = await getPlanChangeRuleOrThrow(tx, scope, { forUpdate: true });
    const from = input.from_plan_id ?? current.fromPlanId;
    const to = input.to_plan_id ?? current.toPlanId;
    if (from === to) {
      const param = input.to_plan_id !== undefined ? "to_plan_id" : "from_plan_id";
      throw new ApiError("validation_failed", `Invalid ${param}: a rule must move between two different plans`, { param });
    }
    await assertRulePlans(tx, scope.organizationId, { from: input.from_plan_id, to: input.to_plan_id });
    const changes: Partial<typeof planChangeRules.$inferInsert> = { updatedAt: dbNow() };
    if (input.from_plan_id !== undefined) changes.fromPlanId = input.from_plan_id;
    if (input.to_plan_id !== undefined) changes.toPlanId = input.to_plan_id;
    if (input.change_type !== undefined) changes.changeType = input.change_type;
    if (input.proration_method !== undefined) changes.prorationMethod = input.proration_method;
    if (input.timing !== undefined) changes.timing = input.timing;
    if (input.bonus_discount !== undefined) {
      changes.bonusDiscountPercentBps = input.bonus_discount?.percent_bps ?? null;
      changes.bonusDiscountMonths = input.bonus_discount?.months ?? null;
    }
    if (input.bonus_days !== undefined) changes.bonusDays = input.bonus_days;
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.is_active !== undefined) changes.isActive = input.is_active;
    if (input.message !== undefined) changes.message = input.message;
    const [row] = await tx.update(planChangeRules).set(changes).where(byId(scope.organizationId, scope.id)).returning();
    return row!;
  });
}

/** Rules carry no history yet: deleting one simply removes it. */
export async function deletePlanChangeRule(db: DbOrTx, scope: Scope & { id: string }): Promise<{ id: string }> {
  const [row] = await db.delete(planChangeRules).where(byId(scope.organizationId, scope.id)).returning({ id: planChangeRules.id });
  if (!row) throw notFound("plan change rule", scope.id);
  return row;
}
