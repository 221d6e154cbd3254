import { z } from "zod";
import type { PlanChangeRule } from "@/db/schema";
import { changeTypes, createPlanChangeRuleInput, prorationMethods, timings, updatePlanChangeRuleInput } from "@/lib/plans/change-rule-input";
import { idParams, booleanQuery } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

// The plan change rule as the API shows it.
export const planChangeRuleObject = z
  .object({
    id: z.uuid(),
    object: z.literal("plan_change_rule"),
    livemode: z.boolean(),
    from_plan_id: z.uuid(),
    to_plan_id: z.uuid(),
    change_type: z.enum(changeTypes),
    proration_method: z.enum(prorationMethods),
    timing: z.enum(timings),
    bonus_discount: z.object({ percent_bps: z.number().int(), months: z.number().int() }).nullable(),
    bonus_days: z.number().int(),
    priority: z.number().int(),
    is_active: z.boolean(),
    message: z.string().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PlanChangeRule" });

export const deletedPlanChangeRuleObject = z
  .object({ id: z.uuid(), object: z.literal("plan_change_rule"), deleted: z.literal(true) })
  .meta({ id: "DeletedPlanChangeRule" });

export function serializePlanChangeRule(row: PlanChangeRule, mode: "live" | "test"): z.output<typeof planChangeRuleObject> {
  return {
    id: row.id,
    object: "plan_change_rule",
    livemode: mode === "live",
    from_plan_id: row.fromPlanId,
    to_plan_id: row.toPlanId,
    change_type: row.changeType,
    proration_method: row.prorationMethod,
    timing: row.timing,
    bonus_discount:
      row.bonusDiscountPercentBps !== null && row.bonusDiscountMonths !== null
        ? { percent_bps: row.bonusDiscountPercentBps, months: row.bonusDiscountMonths }
        : null,
    bonus_days: row.bonusDays,
    priority: row.priority,
    is_active: row.isActive,
    message: row.message,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "plan_change_rules";

export const planChangeRuleOps = {
  create: defineOperation({
    operationId: "createPlanChangeRule",
    method: "POST",
    path: "/plan_change_rules",
    tag,
    summary: "Create a plan change rule",
    description:
      "Says how a move from `from_plan_id` to `to_plan_id` is billed. Both must be your plans, and different; the target must not be archived. Several rules may cover one pair: the active one with the highest `priority` applies.",
    scope: "plans:write",
    body: createPlanChangeRuleInput,
    response: planChangeRuleObject,
    successStatus: 201,
    errors: ["reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listPlanChangeRules",
    method: "GET",
    path: "/plan_change_rules",
    tag,
    summary: "List plan change rules",
    description: "Newest first. Filter by `from_plan_id`, `to_plan_id`, `is_active`.",
    scope: "plans:read",
    query: z.strictObject({
      ...listQueryShape,
      from_plan_id: z.uuid().optional(),
      to_plan_id: z.uuid().optional(),
      is_active: booleanQuery.optional(),
    }),
    response: listEnvelope(planChangeRuleObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrievePlanChangeRule",
    method: "GET",
    path: "/plan_change_rules/{id}",
    tag,
    summary: "Retrieve a plan change rule",
    scope: "plans:read",
    params: idParams,
    response: planChangeRuleObject,
  }),
  update: defineOperation({
    operationId: "updatePlanChangeRule",
    method: "PATCH",
    path: "/plan_change_rules/{id}",
    tag,
    summary: "Update a plan change rule",
    description: "Changes only the fields sent; `null` clears `bonus_discount` or `message`.",
    scope: "plans:write",
    params: idParams,
    body: updatePlanChangeRuleInput,
    response: planChangeRuleObject,
    errors: ["reference_not_found"],
  }),
  delete: defineOperation({
    operationId: "deletePlanChangeRule",
    method: "DELETE",
    path: "/plan_change_rules/{id}",
    tag,
    summary: "Delete a plan change rule",
    scope: "plans:write",
    params: idParams,
    response: deletedPlanChangeRuleObject,
  }),
};
