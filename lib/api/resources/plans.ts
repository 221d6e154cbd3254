import { z } from "zod";
import type { PlanItem } from "@/db/schema";
import type { PlanWithItems } from "@/lib/plans/plans";
import { createPlanInput, replacePlanItemsInput, updatePlanInput } from "@/lib/plans/plan-input";
import { idParams, statusFilter } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

// The plan as the API shows it, always with its items.
export const planItemObject = z
  .object({
    id: z.uuid(),
    object: z.literal("plan_item"),
    product_id: z.uuid(),
    price_id: z.uuid(),
    quantity: z.number().int(),
    optional: z.boolean(),
    position: z.number().int(),
  })
  .meta({ id: "PlanItem" });

export const billingCycleObject = z
  .object({ interval: z.enum(["month", "year"]), interval_count: z.number().int() })
  .meta({ id: "BillingCycle" });

export const planObject = z
  .object({
    id: z.uuid(),
    object: z.literal("plan"),
    livemode: z.boolean(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    trial_days: z.number().int(),
    billing_cycles: z.array(billingCycleObject),
    visibility: z.enum(["public", "private"]),
    plan_group_id: z.uuid().nullable(),
    status: z.enum(["active", "archived"]),
    items: z.array(planItemObject),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Plan" });

export const deletedPlanObject = z
  .object({ id: z.uuid(), object: z.literal("plan"), deleted: z.literal(true) })
  .meta({ id: "DeletedPlan" });

export function serializePlanItem(row: PlanItem): z.output<typeof planItemObject> {
  return {
    id: row.id,
    object: "plan_item",
    product_id: row.productId,
    price_id: row.priceId,
    quantity: row.quantity,
    optional: row.optional,
    position: row.position,
  };
}

export function serializePlan(row: PlanWithItems, mode: "live" | "test"): z.output<typeof planObject> {
  return {
    id: row.id,
    object: "plan",
    livemode: mode === "live",
    name: row.name,
    slug: row.slug,
    description: row.description,
    trial_days: row.trialDays,
    billing_cycles: row.billingCycles.map((c) => ({ interval: c.interval, interval_count: c.interval_count })),
    visibility: row.visibility,
    plan_group_id: row.planGroupId,
    status: row.status,
    items: row.items.map(serializePlanItem),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "plans";
const itemRules =
  "Each item's price must be an active price of your catalog, all in one currency, each at most once; a required (non-optional) item's price must bill on one of the plan's `billing_cycles`.";

export const planOps = {
  create: defineOperation({
    operationId: "createPlan",
    method: "POST",
    path: "/plans",
    tag,
    summary: "Create a plan with its items",
    description: `Creates a plan and its items in one step. ${itemRules}`,
    scope: "plans:write",
    body: createPlanInput,
    response: planObject,
    successStatus: 201,
    errors: ["resource_conflict", "reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listPlans",
    method: "GET",
    path: "/plans",
    tag,
    summary: "List plans",
    description: "Newest first, each with its items. Active plans by default; `status=archived` or `status=all` for the others.",
    scope: "plans:read",
    query: z.strictObject({
      ...listQueryShape,
      status: statusFilter,
      visibility: z.enum(["public", "private"]).optional(),
      plan_group_id: z.uuid().optional(),
      search: z.string().trim().max(100).optional().meta({ description: "Part of the name or slug, case-insensitive" }),
    }),
    response: listEnvelope(planObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrievePlan",
    method: "GET",
    path: "/plans/{id}",
    tag,
    summary: "Retrieve a plan",
    scope: "plans:read",
    params: idParams,
    response: planObject,
  }),
  update: defineOperation({
    operationId: "updatePlan",
    method: "PATCH",
    path: "/plans/{id}",
    tag,
    summary: "Update a plan",
    description: "Changes only the fields sent; `null` clears `description` or `plan_group_id`. New `billing_cycles` must still cover every required item. Archived plans are read-only.",
    scope: "plans:write",
    params: idParams,
    body: updatePlanInput,
    response: planObject,
    errors: ["resource_conflict", "resource_archived", "reference_not_found"],
  }),
  replaceItems: defineOperation({
    operationId: "replacePlanItems",
    method: "PUT",
    path: "/plans/{id}/items",
    tag,
    summary: "Replace a plan's items",
    description: `Makes the plan's items exactly the list sent, atomically: on any error nothing changes. Items whose price stays keep their id. ${itemRules}`,
    scope: "plans:write",
    params: idParams,
    body: replacePlanItemsInput,
    response: planObject,
    errors: ["resource_archived", "reference_not_found"],
  }),
  delete: defineOperation({
    operationId: "deletePlan",
    method: "DELETE",
    path: "/plans/{id}",
    tag,
    summary: "Delete a plan",
    description:
      "Deletes a plan without history. A plan with history (plan change rules, subscriptions) is archived instead and returned with `status: archived`.",
    scope: "plans:write",
    params: idParams,
    response: z.union([deletedPlanObject, planObject]),
  }),
};
