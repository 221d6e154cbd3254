import { z } from "zod";
import type { Price, Product } from "@/db/schema";
import { createProductInput, updateProductInput } from "@/lib/catalog/product-input";
import { idParams, statusFilter } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";
import { priceObject, serializePrice } from "./prices";

export const productObject = z
  .object({
    id: z.uuid(),
    object: z.literal("product"),
    livemode: z.boolean(),
    name: z.string(),
    slug: z.string(),
    description: z.string().nullable(),
    product_type: z.enum(["base", "addon_fixed", "addon_quantity", "metered"]),
    parent_product_id: z.uuid().nullable(),
    product_group_id: z.uuid().nullable(),
    service_item_id: z.uuid().nullable(),
    self_service_editable: z.boolean(),
    custom_metadata: z.record(z.string(), z.unknown()),
    status: z.enum(["active", "archived"]),
    archived_at: z.iso.datetime().nullable(),
    prices: z.array(priceObject),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Product" });

export function serializeProduct(row: Product, rowPrices: Price[], mode: "live" | "test"): z.output<typeof productObject> {
  return {
    id: row.id,
    object: "product",
    livemode: mode === "live",
    name: row.name,
    slug: row.slug,
    description: row.description,
    product_type: row.productType,
    parent_product_id: row.parentProductId,
    product_group_id: row.productGroupId,
    service_item_id: row.serviceItemId,
    self_service_editable: row.selfServiceEditable,
    custom_metadata: row.customMetadata,
    status: row.status,
    archived_at: iso(row.archivedAt),
    prices: rowPrices.map((p) => serializePrice(p, mode)),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "products";

export const productOps = {
  create: defineOperation({
    operationId: "createProduct", method: "POST", path: "/products", tag, summary: "Create a product, optionally with its prices",
    description: "`prices` are created in the same transaction: if any is invalid, nothing is written and the error names it (e.g. `prices[1].tiers`).",
    scope: "catalog:write", body: createProductInput, response: productObject, successStatus: 201, errors: ["resource_conflict", "reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listProducts", method: "GET", path: "/products", tag, summary: "List products with their prices",
    scope: "catalog:read",
    query: z.strictObject({
      ...listQueryShape,
      status: statusFilter,
      product_type: z.enum(["base", "addon_fixed", "addon_quantity", "metered"]).optional(),
      product_group_id: z.uuid().optional(),
      parent_product_id: z.uuid().optional(),
      slug: z.string().max(100).optional(),
      search: z.string().trim().max(100).optional().meta({ description: "Part of the name or slug, case-insensitive" }),
    }),
    response: listEnvelope(productObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveProduct", method: "GET", path: "/products/{id}", tag, summary: "Retrieve a product with its prices",
    scope: "catalog:read", params: idParams, response: productObject,
  }),
  update: defineOperation({
    operationId: "updateProduct", method: "PATCH", path: "/products/{id}", tag, summary: "Update a product",
    scope: "catalog:write", params: idParams, body: updateProductInput, response: productObject, errors: ["resource_conflict", "resource_archived", "reference_not_found"],
  }),
  delete: defineOperation({
    operationId: "deleteProduct", method: "DELETE", path: "/products/{id}", tag, summary: "Delete a product (archived when in use)",
    description: "A product whose prices are used by plans or bills, or that has child products, is archived (its prices deactivated) instead of deleted.",
    scope: "catalog:write", params: idParams,
    response: z.union([z.object({ id: z.uuid(), object: z.literal("product"), deleted: z.literal(true) }), productObject]),
  }),
};
