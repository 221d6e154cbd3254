import { and, asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { planChangeRules, type PlanChangeRule } from "@/db/schema";

/**
 * The rule the billing engine applies when a subscriber moves from one plan to another: the
 * active rule for that exact pair with the highest priority; ties go to the oldest rule (then
 * the lowest id, so the answer is stable). Null when no active rule matches.
 */
export async function findApplicableRule(
  db: DbOrTx,
  scope: { organizationId: string; fromPlanId: string; toPlanId: string },
): Promise<PlanChangeRule | null> {
  const [rule] = await db
    .select()
    .from(planChangeRules)
    .where(
      and(
        eq(planChangeRules.organizationId, scope.organizationId),
        eq(planChangeRules.fromPlanId, scope.fromPlanId),
        eq(planChangeRules.toPlanId, scope.toPlanId),
        eq(planChangeRules.isActive, true),
      ),
    )
    .orderBy(desc(planChangeRules.priority), asc(planChangeRules.createdAt), asc(planChangeRules.id))
    .limit(1);
  return rule ?? null;
}
