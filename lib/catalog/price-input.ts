import { z } from "zod";
import { currencyField, subcents, text } from "@/lib/api/fields";
import { MAX_TIERS, validatePriceTerms } from "@/lib/billing/price-terms";
import type { PriceTerms } from "@/lib/billing/price-terms";
import type { Price } from "@/db/schema";

// Price input: field rules here, cross-field rules (tiers in order, package size, metered-only
// fields…) in the pricing library's validatePriceTerms, reported on the field they concern.
const tierInput = z.strictObject({
  up_to: z.number().int().min(1).max(1e9).nullable().meta({ description: "Last unit of this tier; null for the last tier" }),
  unit_amount_subcents: subcents.default(0),
  flat_amount_subcents: subcents.default(0),
});

// Without defaults: PATCH must leave unsent fields alone (zod keeps defaults under .partial()).
const termFields = {
  currency: currencyField.meta({ description: "ISO 4217; defaults to the organization's currency (BRL)" }),
  billing_scheme: z.enum(["per_unit", "tiered", "volume", "package"]),
  usage_type: z.enum(["licensed", "metered"]),
  recurring_interval: z.enum(["month", "year"]),
  interval_count: z.number().int().min(1).max(36).meta({ description: "3 with month = quarterly, 6 = semi-annual" }),
  unit_amount_subcents: subcents.meta({ description: "Per unit (per package for package pricing), in 1/10 000 of the currency unit" }),
  setup_amount_subcents: subcents.meta({ description: "One-time setup fee" }),
  excess_amount_subcents: subcents.nullable().meta({ description: "Metered: price per unit above included_quantity" }),
  included_quantity: z.number().int().min(0).max(1e9),
  tiers: z.array(tierInput).min(1).max(MAX_TIERS).nullable(),
  tiers_mode: z.enum(["graduated", "volume"]).nullable(),
  package_size: z.number().int().min(1).max(1e9).nullable(),
};

export const priceTermsShape = {
  ...termFields,
  currency: termFields.currency.optional(),
  billing_scheme: termFields.billing_scheme.default("per_unit"),
  usage_type: termFields.usage_type.default("licensed"),
  interval_count: termFields.interval_count.default(1),
  unit_amount_subcents: termFields.unit_amount_subcents.default(0),
  setup_amount_subcents: termFields.setup_amount_subcents.default(0),
  excess_amount_subcents: termFields.excess_amount_subcents.optional(),
  included_quantity: termFields.included_quantity.default(0),
  tiers: termFields.tiers.optional(),
  tiers_mode: termFields.tiers_mode.optional(),
  package_size: termFields.package_size.optional(),
};

type TermsInput = z.output<z.ZodObject<typeof priceTermsShape>>;

export function toPriceTerms(input: TermsInput, currency: string): PriceTerms {
  return {
    billing_scheme: input.billing_scheme,
    usage_type: input.usage_type,
    unit_amount_subcents: input.unit_amount_subcents,
    package_size: input.package_size ?? null,
    tiers: input.tiers ?? null,
    tiers_mode: input.tiers_mode ?? null,
    included_quantity: input.included_quantity,
    excess_amount_subcents: input.excess_amount_subcents ?? null,
    setup_amount_subcents: input.setup_amount_subcents,
    recurring_interval: input.recurring_interval,
    interval_count: input.interval_count,
    currency,
  };
}

export function rowToPriceTerms(row: Price): PriceTerms {
  return {
    billing_scheme: row.billingScheme,
    usage_type: row.usageType,
    unit_amount_subcents: row.unitAmountSubcents,
    package_size: row.packageSize,
    tiers: row.tiers,
    tiers_mode: row.tiersMode,
    included_quantity: row.includedQuantity,
    excess_amount_subcents: row.excessAmountSubcents,
    setup_amount_subcents: row.setupAmountSubcents,
    recurring_interval: row.recurringInterval,
    interval_count: row.intervalCount,
    currency: row.currency,
  };
}

/** "tiers[1].up_to" -> ["tiers", 1, "up_to"], for zod issue paths. */
function pathOf(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function checkTerms(value: TermsInput, ctx: z.RefinementCtx) {
  const problem = validatePriceTerms(toPriceTerms(value, value.currency ?? "BRL"));
  if (problem) ctx.addIssue({ code: "custom", path: pathOf(problem.field), message: problem.message });
}

const nameField = text(200).meta({ examples: ["Pro Monthly"] });

/** A price nested in POST /products. */
export const nestedPriceInput = z.strictObject({ name: nameField, ...priceTermsShape }).superRefine(checkTerms);

export const createPriceInput = z
  .strictObject({ product_id: z.uuid().meta({ description: "The product this price belongs to" }), name: nameField, ...priceTermsShape })
  .superRefine(checkTerms);

/** Terms can change only while the price is unused; name and active always. */
export const updatePriceInput = z.strictObject({ name: nameField, active: z.boolean(), ...termFields }).partial();

export type NestedPriceInput = z.output<typeof nestedPriceInput>;
export type CreatePriceInput = z.output<typeof createPriceInput>;
export type UpdatePriceInput = z.output<typeof updatePriceInput>;
