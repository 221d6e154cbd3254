import { z } from "zod";
import { slugField, text } from "@/lib/api/fields";
import { productTypes } from "@/db/schema";
import { nestedPriceInput } from "./price-input";

const productFields = {
  name: text(200),
  slug: slugField,
  description: text(2000).nullish(),
  product_type: z.enum(productTypes).meta({ description: "base | addon_fixed | addon_quantity | metered" }),
  parent_product_id: z.uuid().nullish().meta({ description: "Parent product (add-ons under a base product); no cycles" }),
  product_group_id: z.uuid().nullish(),
  service_item_id: z.uuid().nullish().meta({ description: "NF-e tax data for invoices of this product" }),
  self_service_editable: z.boolean().default(false).meta({ description: "May customers add or remove it in the portal" }),
  custom_metadata: z.record(z.string().min(1).max(40), z.unknown()).refine((m) => JSON.stringify(m).length <= 8000, "at most 8000 characters of JSON").optional(),
};

export const createProductInput = z.strictObject({
  ...productFields,
  prices: z.array(nestedPriceInput).max(20).default([]).meta({ description: "Prices created with the product, in one transaction" }),
});

export const updateProductInput = z.strictObject(productFields).partial();

export type CreateProductInput = z.output<typeof createProductInput>;
export type UpdateProductInput = z.output<typeof updateProductInput>;
