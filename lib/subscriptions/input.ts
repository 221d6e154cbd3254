import { z } from "zod";
import { datetimeInput, promoCodeField } from "@/lib/api/fields";

// Creating a subscription: from a plan (its items for the chosen cycle, add-ons on request,
// quantities overridable) or from explicit items.
export const itemQuantity = z.number().int().min(0).max(1_000_000);
const itemInput = z.strictObject({ price_id: z.uuid(), quantity: itemQuantity.default(1) });

/** A subscription's explicit item set (create, PUT items, change): each price at most once. */
export const subscriptionItemsInput = z
  .array(itemInput)
  .min(1, "a subscription needs at least one item")
  .max(100)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.price_id)) ctx.addIssue({ code: "custom", path: [i, "price_id"], message: "this price is already an item" });
      seen.add(item.price_id);
    });
  });

export const billingCycleInput = z.strictObject({
  interval: z.enum(["month", "year"]),
  interval_count: z.number().int().min(1).max(36).default(1),
});

/** What a subscription is made of (account, plan or items, cycle, trial, promotions); a proposal offers the same. */
export const subscriptionTermsShape = {
  billing_account_id: z.uuid(),
  plan_id: z.uuid().optional().meta({ description: "Subscribe to a plan; or send `items`" }),
  items: subscriptionItemsInput.optional().meta({ description: "Explicit items instead of a plan" }),
  billing_cycle: billingCycleInput.optional().meta({ description: "One of the plan's billing_cycles; defaults to its first" }),
  quantities: z.record(z.uuid(), z.number().int().min(0).max(1_000_000)).optional().meta({ description: "Quantity overrides by price_id for the plan's items" }),
  add_ons: z.array(itemInput).max(50).optional().meta({ description: "Optional plan items to include" }),
  trial_days: z.number().int().min(0).max(730).optional().meta({ description: "Overrides the plan's trial_days" }),
  coupon: promoCodeField.optional().meta({ description: "A coupon code" }),
  discount_code: promoCodeField.optional(),
};

/** plan_id or items, not both; quantities and add_ons only with a plan. */
export function refineSubscriptionTerms(v: { plan_id?: string; items?: unknown; quantities?: unknown; add_ons?: unknown }, ctx: z.RefinementCtx): void {
  if (!v.plan_id && !v.items) ctx.addIssue({ code: "custom", path: ["plan_id"], message: "send plan_id or items" });
  if (v.plan_id && v.items) ctx.addIssue({ code: "custom", path: ["items"], message: "send plan_id or items, not both" });
  if (v.items && (v.quantities || v.add_ons)) ctx.addIssue({ code: "custom", path: [v.quantities ? "quantities" : "add_ons"], message: "only with plan_id" });
}

export const createSubscriptionInput = z
  .strictObject({
    ...subscriptionTermsShape,
    start_at: datetimeInput.optional().meta({ description: "Now by default; a future instant schedules the subscription" }),
    metadata: z.record(z.string().min(1).max(40), z.string().max(500)).refine((m) => Object.keys(m).length <= 50, "at most 50 keys").optional(),
  })
  .superRefine(refineSubscriptionTerms);

export type CreateSubscriptionInput = z.output<typeof createSubscriptionInput>;
