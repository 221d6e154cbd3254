import { z } from "zod";
import type { ProductGroup } from "@/db/schema";
import { createProductGroupInput, updateProductGroupInput } from "@/lib/catalog/product-groups";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

export const productGroupObject = z
  .object({
    id: z.uuid(),
    object: z.literal("product_group"),
    livemode: z.boolean(),
    name: z.string(),
    slug: z.string(),
    position: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "ProductGroup" });

export function serializeProductGroup(row: ProductGroup, mode: "live" | "test"): z.output<typeof productGroupObject> {
  return {
    id: row.id,
    object: "product_group",
    livemode: mode === "live",
    name: row.name,
    slug: row.slug,
    position: row.position,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "product_groups";

export const productGroupOps = {
  create: defineOperation({
    operationId: "createProductGroup", method: "POST", path: "/product_groups", tag, summary: "Create a product group",
    scope: "catalog:write", body: createProductGroupInput, response: productGroupObject, successStatus: 201, errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listProductGroups", method: "GET", path: "/product_groups", tag, summary: "List product groups",
    scope: "catalog:read", query: z.strictObject({ ...listQueryShape }), response: listEnvelope(productGroupObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveProductGroup", method: "GET", path: "/product_groups/{id}", tag, summary: "Retrieve a product group",
    scope: "catalog:read", params: idParams, response: productGroupObject,
  }),
  update: defineOperation({
    operationId: "updateProductGroup", method: "PATCH", path: "/product_groups/{id}", tag, summary: "Update a product group",
    scope: "catalog:write", params: idParams, body: updateProductGroupInput, response: productGroupObject, errors: ["resource_conflict"],
  }),
  delete: defineOperation({
    operationId: "deleteProductGroup", method: "DELETE", path: "/product_groups/{id}", tag, summary: "Delete an empty product group",
    scope: "catalog:write", params: idParams, errors: ["resource_conflict"],
    response: z.object({ id: z.uuid(), object: z.literal("product_group"), deleted: z.literal(true) }),
  }),
};
