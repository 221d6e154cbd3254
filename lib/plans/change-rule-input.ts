import { z } from "zod";
import { bps, text } from "@/lib/api/fields";

// Input rules for plan change rules: what happens when a subscriber moves from one plan to another.
export const changeTypes = ["upgrade", "downgrade", "lateral"] as const;
export const prorationMethods = ["prorate_immediately", "credit_unused", "none", "charge_full"] as const;
export const timings = ["immediate", "end_of_cycle"] as const;

const bonusDiscount = z
  .strictObject({
    percent_bps: bps,
    months: z.number().int().min(1).max(120).meta({ description: "Billing months the discount lasts" }),
  })
  .meta({ description: "A discount granted for making this change; `null` for none" });

const fields = {
  change_type: z.enum(changeTypes),
  proration_method: z.enum(prorationMethods).meta({
    description:
      "`prorate_immediately`: charge/credit the difference now; `credit_unused`: credit the unused part of the old plan; `none`: no adjustment; `charge_full`: charge the new plan's full price",
  }),
  timing: z.enum(timings).meta({ description: "Apply the change now or at the end of the current cycle" }),
  bonus_days: z.number().int().min(0).max(365).meta({ description: "Free days granted for making this change" }),
  priority: z.number().int().min(-1_000_000).max(1_000_000).meta({ description: "Among active rules for the same pair, the highest priority applies (ties: the oldest)" }),
  is_active: z.boolean(),
  message: text(500).meta({ description: "Shown to the customer when they make this change" }),
};

export const createPlanChangeRuleInput = z
  .strictObject({
    from_plan_id: z.uuid(),
    to_plan_id: z.uuid(),
    change_type: fields.change_type,
    proration_method: fields.proration_method,
    timing: fields.timing,
    bonus_discount: bonusDiscount.nullable().default(null),
    bonus_days: fields.bonus_days.default(0),
    priority: fields.priority.default(0),
    is_active: fields.is_active.default(true),
    message: fields.message.nullish(),
  })
  .superRefine((rule, ctx) => {
    if (rule.from_plan_id === rule.to_plan_id) ctx.addIssue({ code: "custom", path: ["to_plan_id"], message: "must differ from from_plan_id" });
  });

// PATCH: declared without defaults (zod 4 applies a default even inside .optional()).
export const updatePlanChangeRuleInput = z.strictObject({
  from_plan_id: z.uuid().optional(),
  to_plan_id: z.uuid().optional(),
  change_type: fields.change_type.optional(),
  proration_method: fields.proration_method.optional(),
  timing: fields.timing.optional(),
  bonus_discount: bonusDiscount.nullish(),
  bonus_days: fields.bonus_days.optional(),
  priority: fields.priority.optional(),
  is_active: fields.is_active.optional(),
  message: fields.message.nullish(),
});

export type CreatePlanChangeRuleInput = z.output<typeof createPlanChangeRuleInput>;
export type UpdatePlanChangeRuleInput = z.output<typeof updatePlanChangeRuleInput>;
