import { z } from "zod";
import { MAX_QUANTITY } from "@/lib/billing/price-terms";
import type { Price } from "@/db/schema";
import { createPriceInput, updatePriceInput } from "@/lib/catalog/price-input";
import { booleanQuery, idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";

export const priceObject = z
  .object({
    id: z.uuid(),
    object: z.literal("price"),
    livemode: z.boolean(),
    product_id: z.uuid(),
    name: z.string(),
    currency: z.string(),
    billing_scheme: z.enum(["per_unit", "tiered", "volume", "package"]),
    usage_type: z.enum(["licensed", "metered"]),
    recurring_interval: z.enum(["month", "year"]),
    interval_count: z.number().int(),
    unit_amount_subcents: z.number().int(),
    setup_amount_subcents: z.number().int(),
    excess_amount_subcents: z.number().int().nullable(),
    included_quantity: z.number().int(),
    tiers: z.array(z.object({ up_to: z.number().int().nullable(), unit_amount_subcents: z.number().int(), flat_amount_subcents: z.number().int() })).nullable(),
    tiers_mode: z.enum(["graduated", "volume"]).nullable(),
    package_size: z.number().int().nullable(),
    active: z.boolean(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Price" });

export function serializePrice(row: Price, mode: "live" | "test"): z.output<typeof priceObject> {
  return {
    id: row.id,
    object: "price",
    livemode: mode === "live",
    product_id: row.productId,
    name: row.name,
    currency: row.currency,
    billing_scheme: row.billingScheme,
    usage_type: row.usageType,
    recurring_interval: row.recurringInterval,
    interval_count: row.intervalCount,
    unit_amount_subcents: row.unitAmountSubcents,
    setup_amount_subcents: row.setupAmountSubcents,
    excess_amount_subcents: row.excessAmountSubcents,
    included_quantity: row.includedQuantity,
    tiers: row.tiers,
    tiers_mode: row.tiersMode,
    package_size: row.packageSize,
    active: row.active,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const priceQuoteObject = z
  .object({
    object: z.literal("price_quote"),
    price_id: z.uuid(),
    currency: z.string(),
    quantity: z.number().int(),
    billable_quantity: z.number().int(),
    lines: z.array(
      z.object({
        description: z.string(),
        quantity: z.number().int(),
        unit_amount_subcents: z.number().int().nullable(),
        flat_amount_subcents: z.number().int(),
        amount_subcents: z.number().int(),
      }),
    ),
    amount_subcents: z.number().int().meta({ description: "Exact sum of the lines" }),
    amount_cents: z.number().int().meta({ description: "Rounded half-up to the cent, once" }),
    setup_amount_cents: z.number().int().meta({ description: "One-time fee, charged on the first invoice only" }),
  })
  .meta({ id: "PriceQuote" });

const tag = "prices";

export const priceOps = {
  create: defineOperation({
    operationId: "createPrice", method: "POST", path: "/prices", tag, summary: "Create a price for a product",
    description: "Pricing schemes: per_unit, package (rounded up to whole packages), tiered (graduated or volume tiers with optional flat fees), volume; metered prices may include a quantity and charge excess.",
    scope: "catalog:write", body: createPriceInput, response: priceObject, successStatus: 201, errors: ["reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listPrices", method: "GET", path: "/prices", tag, summary: "List prices",
    scope: "catalog:read",
    query: z.strictObject({
      ...listQueryShape,
      product_id: z.uuid().optional(),
      active: booleanQuery.optional(),
      currency: z.string().length(3).toUpperCase().optional(),
      recurring_interval: z.enum(["month", "year"]).optional(),
    }),
    response: listEnvelope(priceObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrievePrice", method: "GET", path: "/prices/{id}", tag, summary: "Retrieve a price",
    scope: "catalog:read", params: idParams, response: priceObject,
  }),
  update: defineOperation({
    operationId: "updatePrice", method: "PATCH", path: "/prices/{id}", tag, summary: "Update a price",
    description: "`name` and `active` can always change. The pricing terms can change only while no plan or subscription uses the price (409 otherwise: create a new price).",
    scope: "catalog:write", params: idParams, body: updatePriceInput, response: priceObject, errors: ["resource_conflict"],
  }),
  delete: defineOperation({
    operationId: "deletePrice", method: "DELETE", path: "/prices/{id}", tag, summary: "Delete a price (deactivated when in use)",
    scope: "catalog:write", params: idParams,
    response: z.union([z.object({ id: z.uuid(), object: z.literal("price"), deleted: z.literal(true) }), priceObject]),
  }),
  quote: defineOperation({
    operationId: "quotePrice", method: "POST", path: "/prices/{id}/quote", tag, summary: "Amount of a price for a quantity",
    description: "Runs the pricing engine: the lines (tiers, packages, included and excess units) and the amount, without writing anything.",
    scope: "catalog:read", params: idParams,
    body: z.strictObject({ quantity: z.number().int().min(0).max(MAX_QUANTITY).meta({ description: "Units (or metered usage) for one period" }) }),
    response: priceQuoteObject,
  }),
};
