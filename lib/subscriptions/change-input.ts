import { z } from "zod";
import { cents } from "@/lib/api/fields";
import type { ChangePreview } from "@/lib/billing/plan-change";
import { billingCycleInput, itemQuantity, subscriptionItemsInput } from "./input";

// The API shape of a plan/items/quantity change: what is asked for, and the preview answered
// (by POST /change/preview, and again by POST /change with what it applied).

const targetShape = {
  plan_id: z.uuid().optional().meta({ description: "Move to this plan (its items on the billing_cycle); or send `items`. Without both, the current plan." }),
  items: subscriptionItemsInput
    .optional()
    .meta({ description: "An explicit item set instead of a plan (the subscription then has no plan)" }),
  billing_cycle: billingCycleInput.optional().meta({ description: "One of the plan's billing_cycles; defaults to the current cycle when the plan offers it, else the plan's first" }),
  quantities: z
    .record(z.uuid(), itemQuantity)
    .optional()
    .meta({ description: "Quantity overrides by price_id: for the plan's items on the cycle (naming an optional item adds it), or, without a plan, for the current items" }),
};

type TargetFields = { plan_id?: string; items?: Array<{ price_id: string; quantity: number }>; billing_cycle?: unknown; quantities?: Record<string, number> };

function checkTarget(v: TargetFields, ctx: z.RefinementCtx) {
  if (!v.plan_id && !v.items && !v.billing_cycle && !v.quantities) {
    ctx.addIssue({ code: "custom", path: ["plan_id"], message: "send plan_id, items, billing_cycle or quantities" });
  }
  if (v.plan_id && v.items) ctx.addIssue({ code: "custom", path: ["items"], message: "send plan_id or items, not both" });
  if (v.items && v.billing_cycle) ctx.addIssue({ code: "custom", path: ["billing_cycle"], message: "items set the cycle by their prices; send billing_cycle only without items" });
  if (v.items && v.quantities) ctx.addIssue({ code: "custom", path: ["quantities"], message: "send each item's quantity in items" });
}

export const previewSubscriptionChangeInput = z.strictObject(targetShape).superRefine(checkTarget);

export const applySubscriptionChangeInput = z
  .strictObject({
    ...targetShape,
    expected_amount_due_now_cents: cents.optional().meta({ description: "The preview's amount_due_now_cents: when the amount is different now, the change is refused (409) and nothing is written" }),
  })
  .superRefine(checkTarget);

export type SubscriptionChangeInput = z.output<typeof applySubscriptionChangeInput>;

const datetime = z.iso.datetime();

export const subscriptionChangePreviewObject = z
  .object({
    object: z.literal("subscription_change_preview"),
    change_type: z.enum(["upgrade", "downgrade", "lateral"]),
    proration_method: z.enum(["prorate_immediately", "credit_unused", "none", "charge_full"]),
    timing: z.enum(["immediate", "end_of_cycle"]),
    message: z.string().nullable().meta({ description: "The plan change rule's message for the customer" }),
    effective_at: datetime,
    new_period: z.object({ start: datetime, end: datetime }).meta({ description: "The period the subscription is in once the change is effective (before bonus_days)" }),
    lines: z.array(
      z.object({
        kind: z.enum(["credit_unused", "charge_remaining", "charge_full", "bonus_discount"]),
        price_id: z.uuid(),
        description: z.string(),
        quantity: z.number().int(),
        period_start: datetime,
        period_end: datetime,
        amount_cents: z.number().int().meta({ description: "Negative for credits and discounts" }),
      }),
    ),
    amount_due_now_cents: z.number().int().meta({ description: "Net of the lines when positive: what the change invoice charges" }),
    credit_to_balance_cents: z.number().int().meta({ description: "Net of the lines when negative, as a positive amount credited to the account" }),
    amount_due_at_renewal_cents: z.number().int().meta({ description: "The new items' recurring amount per period, undiscounted" }),
    bonus_days: z.number().int().meta({ description: "Days added to the end of the new period" }),
  })
  .meta({ id: "SubscriptionChangePreview" });

export function serializeChangePreview(preview: ChangePreview): z.output<typeof subscriptionChangePreviewObject> {
  return {
    object: "subscription_change_preview",
    change_type: preview.change_type,
    proration_method: preview.proration_method,
    timing: preview.timing,
    message: preview.message,
    effective_at: preview.effective_at.toISOString(),
    new_period: { start: preview.new_period.start.toISOString(), end: preview.new_period.end.toISOString() },
    lines: preview.lines.map((line) => ({
      kind: line.kind,
      price_id: line.price_id,
      description: line.description,
      quantity: line.quantity,
      period_start: line.period_start.toISOString(),
      period_end: line.period_end.toISOString(),
      amount_cents: line.amount_cents,
    })),
    amount_due_now_cents: preview.amount_due_now_cents,
    credit_to_balance_cents: preview.credit_to_balance_cents,
    amount_due_at_renewal_cents: preview.amount_due_at_renewal_cents,
    bonus_days: preview.bonus_days,
  };
}
