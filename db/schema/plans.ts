import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { prices, products } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";
import { organizations } from "./organizations";

// Plans bundle prices; rules say what happens when a customer moves between two plans.
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export type BillingCycle = { interval: "month" | "year"; interval_count: number };

export const planGroups = pgTable(
  "plan_groups",
  {
    id: id(),
    organizationId: org(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("plan_groups_org_slug_key").on(t.organizationId, t.slug),
    index("plan_groups_org_created_idx").on(t.organizationId, t.createdAt, t.id),
  ],
);

export const plans = pgTable(
  "plans",
  {
    id: id(),
    organizationId: org(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description"),
    trialDays: integer("trial_days").notNull().default(0),
    billingCycles: jsonb("billing_cycles").$type<BillingCycle[]>().notNull().default(sql`'[]'::jsonb`),
    visibility: text("visibility", { enum: ["public", "private"] }).notNull().default("public"),
    planGroupId: uuid("plan_group_id").references(() => planGroups.id, { onDelete: "restrict" }),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("plans_org_slug_key").on(t.organizationId, t.slug),
    index("plans_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("plans_trial_days", sql`${t.trialDays} between 0 and 730`),
  ],
);

export const planItems = pgTable(
  "plan_items",
  {
    id: id(),
    organizationId: org(),
    planId: uuid("plan_id").notNull().references(() => plans.id, { onDelete: "cascade" }),
    productId: uuid("product_id").notNull().references(() => products.id, { onDelete: "restrict" }),
    priceId: uuid("price_id").notNull().references(() => prices.id, { onDelete: "restrict" }),
    quantity: integer("quantity").notNull().default(1),
    optional: boolean("optional").notNull().default(false),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("plan_items_plan_price_key").on(t.planId, t.priceId),
    index("plan_items_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("plan_items_price_idx").on(t.priceId),
    check("plan_items_quantity", sql`${t.quantity} >= 0`),
  ],
);

export const planChangeRules = pgTable(
  "plan_change_rules",
  {
    id: id(),
    organizationId: org(),
    // RESTRICT: a plan that rules mention has history; deleting it archives it (deleteUnlessReferenced).
    fromPlanId: uuid("from_plan_id").notNull().references(() => plans.id, { onDelete: "restrict" }),
    toPlanId: uuid("to_plan_id").notNull().references(() => plans.id, { onDelete: "restrict" }),
    changeType: text("change_type", { enum: ["upgrade", "downgrade", "lateral"] }).notNull(),
    prorationMethod: text("proration_method", { enum: ["prorate_immediately", "credit_unused", "none", "charge_full"] }).notNull(),
    timing: text("timing", { enum: ["immediate", "end_of_cycle"] }).notNull(),
    bonusDiscountPercentBps: integer("bonus_discount_percent_bps"),
    bonusDiscountMonths: integer("bonus_discount_months"),
    bonusDays: integer("bonus_days").notNull().default(0),
    priority: integer("priority").notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    message: text("message"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("plan_change_rules_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("plan_change_rules_pair_idx").on(t.organizationId, t.fromPlanId, t.toPlanId),
    check("plan_change_rules_distinct_plans", sql`${t.fromPlanId} <> ${t.toPlanId}`),
    check(
      "plan_change_rules_bonus_discount",
      sql`(${t.bonusDiscountPercentBps} is null) = (${t.bonusDiscountMonths} is null) and coalesce(${t.bonusDiscountPercentBps}, 1) between 1 and 10000 and coalesce(${t.bonusDiscountMonths}, 1) >= 1`,
    ),
    check("plan_change_rules_bonus_days", sql`${t.bonusDays} between 0 and 365`),
  ],
);

export type PlanGroup = typeof planGroups.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type PlanChangeRule = typeof planChangeRules.$inferSelect;
