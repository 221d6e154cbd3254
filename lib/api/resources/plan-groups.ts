import { z } from "zod";
import type { PlanGroup } from "@/db/schema";
import { createPlanGroupInput, updatePlanGroupInput } from "@/lib/plans/group-input";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

// The plan group as the API shows it.
export const planGroupObject = z
  .object({
    id: z.uuid(),
    object: z.literal("plan_group"),
    livemode: z.boolean(),
    name: z.string(),
    slug: z.string(),
    position: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PlanGroup" });

export const deletedPlanGroupObject = z
  .object({ id: z.uuid(), object: z.literal("plan_group"), deleted: z.literal(true) })
  .meta({ id: "DeletedPlanGroup" });

export function serializePlanGroup(row: PlanGroup, mode: "live" | "test"): z.output<typeof planGroupObject> {
  return {
    id: row.id,
    object: "plan_group",
    livemode: mode === "live",
    name: row.name,
    slug: row.slug,
    position: row.position,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "plan_groups";

export const planGroupOps = {
  create: defineOperation({
    operationId: "createPlanGroup",
    method: "POST",
    path: "/plan_groups",
    tag,
    summary: "Create a plan group",
    description: "Groups plans shown together (e.g. a pricing table). `slug` is unique per organization.",
    scope: "plans:write",
    body: createPlanGroupInput,
    response: planGroupObject,
    successStatus: 201,
    errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listPlanGroups",
    method: "GET",
    path: "/plan_groups",
    tag,
    summary: "List plan groups",
    description: "Newest first.",
    scope: "plans:read",
    query: z.strictObject({ ...listQueryShape }),
    response: listEnvelope(planGroupObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrievePlanGroup",
    method: "GET",
    path: "/plan_groups/{id}",
    tag,
    summary: "Retrieve a plan group",
    scope: "plans:read",
    params: idParams,
    response: planGroupObject,
  }),
  update: defineOperation({
    operationId: "updatePlanGroup",
    method: "PATCH",
    path: "/plan_groups/{id}",
    tag,
    summary: "Update a plan group",
    description: "Changes only the fields sent.",
    scope: "plans:write",
    params: idParams,
    body: updatePlanGroupInput,
    response: planGroupObject,
    errors: ["resource_conflict"],
  }),
  delete: defineOperation({
    operationId: "deletePlanGroup",
    method: "DELETE",
    path: "/plan_groups/{id}",
    tag,
    summary: "Delete a plan group",
    description: "Deletes a group that holds no plans. A group that still holds plans (archived ones included) is refused with 409 `resource_conflict`.",
    scope: "plans:write",
    params: idParams,
    response: deletedPlanGroupObject,
    errors: ["resource_conflict"],
  }),
};
