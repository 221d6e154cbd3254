import { z } from "zod";
import { slugField, text } from "@/lib/api/fields";

// Input rules for plans and their items. Checks that need the database (prices exist, are
// active, share a currency, bill on one of the plan's cycles) live in ./items.ts.
export const billingCycleInput = z
  .strictObject({
    interval: z.enum(["month", "year"]),
    interval_count: z.number().int().min(1).max(36).default(1),
  })
  .meta({ description: "Bill every `interval_count` `interval`s, e.g. every 3 months" });

export const billingCyclesInput = z
  .array(billingCycleInput)
  .min(1, "must list at least one billing cycle")
  .max(12)
  .superRefine((cycles, ctx) => {
    const seen = new Set<string>();
    cycles.forEach((c, i) => {
      const key = `${c.interval}/${c.interval_count}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i], message: `lists ${c.interval_count} ${c.interval} more than once` });
      seen.add(key);
    });
  })
  .meta({ description: "The cycles a subscriber may choose; non-empty, no duplicates" });

export const planItemInput = z.strictObject({
  product_id: z.uuid().optional().meta({ description: "Optional: when sent, the price must belong to this product" }),
  price_id: z.uuid().meta({ description: "An active price of your catalog; the item's product is the price's product" }),
  quantity: z.number().int().min(0).max(1_000_000).default(1),
  optional: z.boolean().default(false).meta({ description: "An add-on the subscriber may leave out" }),
});

export const planItemsInput = z
  .array(planItemInput)
  .min(1, "a plan needs at least one item")
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.price_id)) ctx.addIssue({ code: "custom", path: [i, "price_id"], message: "this price is already an item of the plan" });
      seen.add(item.price_id);
    });
  })
  .meta({ description: "The plan's prices, in display order; each price at most once" });

const visibility = z.enum(["public", "private"]).meta({ description: "`private` plans are offered only by link or by the API" });
const trialDays = z.number().int().min(0).max(730);
const description = text(2000);

export const createPlanInput = z.strictObject({
  name: text(200),
  slug: slugField,
  description: description.nullish(),
  trial_days: trialDays.default(0),
  billing_cycles: billingCyclesInput,
  visibility: visibility.default("public"),
  plan_group_id: z.uuid().nullish(),
  items: planItemsInput,
});

// PATCH: declared without defaults (zod 4 applies a default even inside .optional()).
export const updatePlanInput = z.strictObject({
  name: text(200).optional(),
  slug: slugField.optional(),
  description: description.nullish(),
  trial_days: trialDays.optional(),
  billing_cycles: billingCyclesInput.optional(),
  visibility: visibility.optional(),
  plan_group_id: z.uuid().nullish().meta({ description: "`null` removes the plan from its group" }),
});

export const replacePlanItemsInput = z.strictObject({ items: planItemsInput });

export type BillingCycleInput = z.output<typeof billingCycleInput>;
export type PlanItemInput = z.output<typeof planItemInput>;
export type CreatePlanInput = z.output<typeof createPlanInput>;
export type UpdatePlanInput = z.output<typeof updatePlanInput>;
