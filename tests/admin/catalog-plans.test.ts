import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { coupons, discountCodes, planChangeRules, planItems, plans, type MemberRole } from "@/db/schema";
import { changeRuleListQuery, couponListQuery, discountCodeListQuery, planListQuery, readChangeRules, readCoupons, readDiscountCodes, readPlans } from "@/lib/admin/catalog-lists";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createProduct } from "@/lib/catalog/products";
import { createProductInput } from "@/lib/catalog/product-input";
import { createPlan } from "@/lib/plans/plans";
import { createPlanInput } from "@/lib/plans/plan-input";
import { createTenant } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// The Catalog's plans, coupons, discount codes and plan change rules screens: server actions per
// role (only the session mocked), list reads, and another organization's ids never reachable.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("@/app/(admin)/admin/[org]/catalog/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const db = () => getDb();
const NOT_FOUND = (what: string) => `This ${what} was not found: nothing was changed.`;
let monthly: string, yearly: string, addon: string, theirPrice: string;

const planRow = async (id: string) => (await db().select().from(plans).where(eq(plans.id, id)))[0];
const itemsOf = async (id: string) => (await db().select().from(planItems).where(eq(planItems.planId, id))).sort((a, b) => a.position - b.position);
const plan = (organizationId: string, input: Record<string, unknown>) =>
  createPlan(db(), { organizationId }, createPlanInput.parse({ billing_cycles: [{ interval: "month" }], ...input }));

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
  const base = await createProduct(db(), { organizationId: t.live.id }, createProductInput.parse({
    name: "Base", slug: "base", product_type: "base",
    prices: [{ name: "Base mensal", recurring_interval: "month", unit_amount_subcents: 499_000 }, { name: "Base anual", recurring_interval: "year", unit_amount_subcents: 4_990_000 }],
  }));
  const seats = await createProduct(db(), { organizationId: t.live.id }, createProductInput.parse({
    name: "Seats", slug: "seats", product_type: "addon_quantity", prices: [{ name: "Seat", recurring_interval: "year", unit_amount_subcents: 100_000 }],
  }));
  [monthly, yearly, addon] = [base.prices[0]!.id, base.prices[1]!.id, seats.prices[0]!.id];
  const theirs = await createProduct(db(), { organizationId: other.live.id }, createProductInput.parse({
    name: "Theirs", slug: "theirs", product_type: "base", prices: [{ name: "T", recurring_interval: "month", unit_amount_subcents: 1 }],
  }));
  theirPrice = theirs.prices[0]!.id;
});
beforeEach(() => {
  staffSession.userId = null;
});

describe("plans", () => {
  it("create with items: schema errors name the fields; a price not on the plan's cycles is named by its price; success writes plan and items", async () => {
    as("owner");
    const bad = await actions.createPlanAction(t.slug, IDLE_FORM, formOf({ name: "", slug: "Bad Slug", visibility: "public", trial_days: "-1" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["billing_cycles", "items", "name", "slug", "trial_days"]);

    const offCycle = await actions.createPlanAction(t.slug, IDLE_FORM, formOf({ name: "Pro", slug: "pro", visibility: "public", trial_days: "14", billing_cycles: ["month/1"], items: [monthly, yearly], [`quantity.${monthly}`]: "1", [`quantity.${yearly}`]: "1" }));
    expect(offCycle.fields.items).toMatch(/^“Base anual”: this price bills every year/);
    expect(await db().select().from(plans).where(eq(plans.slug, "pro"))).toEqual([]);

    const theirs = await actions.createPlanAction(t.slug, IDLE_FORM, formOf({ name: "Pro", slug: "pro", visibility: "public", billing_cycles: ["month/1"], items: [theirPrice] }));
    expect(theirs.fields.items).toMatch(/No such price/);

    const ok = await actions.createPlanAction(t.slug, IDLE_FORM, formOf({
      name: "Pro", slug: "pro", visibility: "private", trial_days: "14", billing_cycles: ["month/1", "year/1"],
      items: [monthly, yearly, addon], [`quantity.${monthly}`]: "1", [`quantity.${yearly}`]: "1", [`quantity.${addon}`]: "0", [`optional.${addon}`]: "on",
    }));
    expect(ok.status).toBe("success");
    const id = ok.values!.created_id!;
    expect(await planRow(id)).toMatchObject({ organizationId: t.live.id, name: "Pro", trialDays: 14, visibility: "private", billingCycles: [{ interval: "month", interval_count: 1 }, { interval: "year", interval_count: 1 }] });
    expect((await itemsOf(id)).map((i) => [i.priceId, i.quantity, i.optional])).toEqual([[monthly, 1, false], [yearly, 1, false], [addon, 0, true]]);
  });

  it("edit and replace the items; archive keeps a plan a rule refers to, deletes one nothing refers to", async () => {
    as("admin");
    const p = await plan(t.live.id, { name: "Edit me", slug: "edit-me", items: [{ price_id: monthly }] });
    const edit = await actions.updatePlanAction(t.slug, IDLE_FORM, formOf({ id: p.id, name: "Edited", slug: "edited", visibility: "public", trial_days: "7", billing_cycles: ["month/1", "year/1"] }));
    expect(edit.status).toBe("success");
    expect(await planRow(p.id)).toMatchObject({ name: "Edited", slug: "edited", trialDays: 7, description: null });
    const dropCycle = await actions.updatePlanAction(t.slug, IDLE_FORM, formOf({ id: p.id, name: "Edited", slug: "edited", visibility: "public", trial_days: "7", billing_cycles: ["year/1"] }));
    expect(dropCycle.fields.billing_cycles).toMatch(/keep that cycle/);

    const none = await actions.replacePlanItemsAction(t.slug, IDLE_FORM, formOf({ id: p.id }));
    expect(none.fields.items).toBe("a plan needs at least one item");
    const replaced = await actions.replacePlanItemsAction(t.slug, IDLE_FORM, formOf({ id: p.id, items: [yearly, monthly], [`quantity.${yearly}`]: "2", [`quantity.${monthly}`]: "x" }));
    expect(replaced.fields.items).toMatch(/^“Base mensal”/);
    const ok = await actions.replacePlanItemsAction(t.slug, IDLE_FORM, formOf({ id: p.id, items: [yearly, monthly], [`quantity.${yearly}`]: "2", [`quantity.${monthly}`]: "1" }));
    expect(ok.message).toBe("Items saved: the plan has 2 items.");
    expect((await itemsOf(p.id)).map((i) => [i.priceId, i.quantity])).toEqual([[yearly, 2], [monthly, 1]]);

    const q = await plan(t.live.id, { name: "Other", slug: "other-plan", items: [{ price_id: monthly }] });
    await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({ from_plan_id: p.id, to_plan_id: q.id, change_type: "upgrade", proration_method: "none", timing: "immediate", is_active: "on" }));
    expect((await actions.archivePlanAction(t.slug, IDLE_FORM, formOf({ id: p.id }))).message).toMatch(/archived/);
    expect(await planRow(p.id)).toMatchObject({ status: "archived" });
    const lone = await plan(t.live.id, { name: "Lone", slug: "lone", items: [{ price_id: monthly }] });
    expect((await actions.archivePlanAction(t.slug, IDLE_FORM, formOf({ id: lone.id }))).values).toEqual({ deleted: "plan" });
    expect(await planRow(lone.id)).toBeUndefined();
  });

  it("developer and support are refused; another organization's plan is not found and untouched", async () => {
    const theirs = await plan(other.live.id, { name: "Theirs", slug: "theirs", items: [{ price_id: theirPrice }] });
    const mine = await plan(t.live.id, { name: "Mine", slug: "mine", items: [{ price_id: monthly }] });
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await actions.createPlanAction(t.slug, IDLE_FORM, formOf({ name: "S", slug: "sneaky", billing_cycles: ["month/1"], items: [monthly] })))).toBe(true);
      expect(refused(await actions.updatePlanAction(t.slug, IDLE_FORM, formOf({ id: mine.id, name: "X", slug: "mine", visibility: "public", billing_cycles: ["month/1"] })))).toBe(true);
      expect(refused(await actions.replacePlanItemsAction(t.slug, IDLE_FORM, formOf({ id: mine.id, items: [yearly] })))).toBe(true);
      expect(refused(await actions.archivePlanAction(t.slug, IDLE_FORM, formOf({ id: mine.id })))).toBe(true);
    }
    as("owner");
    expect((await actions.updatePlanAction(t.slug, IDLE_FORM, formOf({ id: theirs.id, name: "X", slug: "theirs", visibility: "public", billing_cycles: ["month/1"] }))).message).toBe(NOT_FOUND("plan"));
    expect((await actions.replacePlanItemsAction(t.slug, IDLE_FORM, formOf({ id: theirs.id, items: [monthly] }))).message).toBe(NOT_FOUND("plan"));
    expect((await actions.archivePlanAction(t.sandbox.slug, IDLE_FORM, formOf({ id: mine.id }))).message).toBe(NOT_FOUND("plan"));
    expect(await planRow(theirs.id)).toMatchObject({ name: "Theirs", status: "active" });
    expect(await planRow(mine.id)).toMatchObject({ name: "Mine", status: "active" });
    expect((await itemsOf(mine.id)).map((i) => i.priceId)).toEqual([monthly]);
    expect(await db().select().from(plans).where(eq(plans.slug, "sneaky"))).toEqual([]);
  });

  it("the list searches name or slug, filters visibility and status, pages, and shows only this organization's plans", async () => {
    const org = { organizationId: t.live.id };
    await plan(t.live.id, { name: "Zeta one", slug: "zeta-one", items: [{ price_id: monthly }] });
    await plan(t.live.id, { name: "Zeta two", slug: "zeta-two", visibility: "private", items: [{ price_id: monthly }] });
    await plan(other.live.id, { name: "Zeta theirs", slug: "zeta", items: [{ price_id: theirPrice }] });
    const q = (input: Record<string, unknown>) => planListQuery.parse(input);
    expect((await readPlans(db(), org, q({ search: "zeta" }))).rows.map((p) => p.name)).toEqual(["Zeta two", "Zeta one"]);
    expect((await readPlans(db(), org, q({ search: "zeta", visibility: "private" }))).rows.map((p) => p.name)).toEqual(["Zeta two"]);
    expect((await readPlans(db(), org, q({ status: "archived" }))).rows.map((p) => p.name)).toEqual(["Edited"]);
    const first = await readPlans(db(), org, { ...q({ search: "zeta" }), limit: 1 });
    const second = await readPlans(db(), org, { ...q({ search: "zeta", cursor: first.nextCursor! }), limit: 1 });
    expect([first.rows[0]!.name, second.rows[0]!.name, second.nextCursor]).toEqual(["Zeta two", "Zeta one", null]);
  });
});

describe("coupons and discount codes", () => {
  it("coupon: percent typed as 12,5 is 1250 bps; amounts in cents; the window is checked; edit clears a blank limit; delete", async () => {
    as("owner");
    const bad = await actions.createCouponAction(t.slug, IDLE_FORM, formOf({ code: "x", discount_type: "percentage", percent_off_bps: "abc" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["code", "percent_off_bps"]);
    const window = await actions.createCouponAction(t.slug, IDLE_FORM, formOf({ code: "WIN", discount_type: "percentage", percent_off_bps: "10", valid_from: "2030-01-02T00:00", valid_until: "2030-01-01T00:00" }));
    expect(window.fields).toEqual({ valid_until: "valid_until must be after valid_from" });
    const ok = await actions.createCouponAction(t.slug, IDLE_FORM, formOf({
      code: "welcome", name: "Welcome", discount_type: "percentage", percent_off_bps: "12,5", amount_off_cents: "99", max_discount_cents: "50,00", usage_limit: "100",
      valid_until: "2030-01-01T12:30", "applies_to.product_ids": [], "applies_to.plan_ids": [],
    }));
    expect(ok.status).toBe("success");
    const [row] = await db().select().from(coupons).where(eq(coupons.id, ok.values!.created_id!));
    expect(row).toMatchObject({ code: "WELCOME", percentOffBps: 1250, amountOffCents: null, maxDiscountCents: 5000, usageLimit: 100, validUntil: new Date("2030-01-01T12:30:00Z") });
    const fixed = await actions.createCouponAction(t.slug, IDLE_FORM, formOf({ code: "TENOFF", discount_type: "fixed_amount", amount_off_cents: "10", percent_off_bps: "5" }));
    expect(fixed.status).toBe("success");
    expect((await db().select().from(coupons).where(eq(coupons.code, "TENOFF")))[0]).toMatchObject({ amountOffCents: 1000, percentOffBps: null, currency: "BRL" });

    const edit = await actions.updateCouponAction(t.slug, IDLE_FORM, formOf({ id: row!.id, name: "Welcome back", usage_limit: "", max_discount_cents: "20" }));
    expect(edit.status).toBe("success");
    expect((await db().select().from(coupons).where(eq(coupons.id, row!.id)))[0]).toMatchObject({ name: "Welcome back", usageLimit: null, maxDiscountCents: 2000, percentOffBps: 1250, validUntil: null });
    expect((await actions.deleteCouponAction(t.slug, IDLE_FORM, formOf({ id: row!.id }))).values).toEqual({ deleted: "coupon" });
  });

  it("discount code: duration rules named; create, edit the limits, delete; roles and tenants", async () => {
    as("admin");
    const bad = await actions.createDiscountCodeAction(t.slug, IDLE_FORM, formOf({ code: "SPRING", percent_off_bps: "20", duration: "repeating" }));
    expect(bad.fields).toEqual({ duration_in_months: "is required when duration is repeating" });
    const ok = await actions.createDiscountCodeAction(t.slug, IDLE_FORM, formOf({ code: "spring", percent_off_bps: "20", duration: "repeating", duration_in_months: "3", max_redemptions: "10" }));
    const id = ok.values!.created_id!;
    expect((await db().select().from(discountCodes).where(eq(discountCodes.id, id)))[0]).toMatchObject({ code: "SPRING", percentOffBps: 2000, durationInMonths: 3, maxRedemptions: 10 });
    const past = await actions.updateDiscountCodeAction(t.slug, IDLE_FORM, formOf({ id, max_redemptions: "5", expires_at: "2001-01-01T00:00" }));
    expect(past.fields).toEqual({ expires_at: "must be in the future" });
    expect((await actions.updateDiscountCodeAction(t.slug, IDLE_FORM, formOf({ id, max_redemptions: "", expires_at: "2031-05-01T00:00" }))).status).toBe("success");
    expect((await db().select().from(discountCodes).where(eq(discountCodes.id, id)))[0]).toMatchObject({ maxRedemptions: null, expiresAt: new Date("2031-05-01T00:00:00Z") });

    as("support");
    expect(refused(await actions.createDiscountCodeAction(t.slug, IDLE_FORM, formOf({ code: "SNEAKY", percent_off_bps: "20", duration: "once" })))).toBe(true);
    expect(refused(await actions.deleteDiscountCodeAction(t.slug, IDLE_FORM, formOf({ id })))).toBe(true);
    expect(refused(await actions.createCouponAction(t.slug, IDLE_FORM, formOf({ code: "SNEAKY", discount_type: "percentage", percent_off_bps: "20" })))).toBe(true);
    as("owner");
    expect((await actions.deleteDiscountCodeAction(other.slug, IDLE_FORM, formOf({ id }))).message).toMatch(/not allow|not found/);
    expect((await actions.updateDiscountCodeAction(t.sandbox.slug, IDLE_FORM, formOf({ id, max_redemptions: "1" }))).message).toBe(NOT_FOUND("discount code"));
    expect((await actions.deleteCouponAction(t.sandbox.slug, IDLE_FORM, formOf({ id }))).message).toBe(NOT_FOUND("coupon"));
    expect((await db().select().from(discountCodes).where(eq(discountCodes.id, id)))[0]).toMatchObject({ status: "active", maxRedemptions: null });
    expect(await db().select().from(discountCodes).where(eq(discountCodes.code, "SNEAKY"))).toEqual([]);
    expect((await actions.deleteDiscountCodeAction(t.slug, IDLE_FORM, formOf({ id }))).values).toEqual({ deleted: "discount code" });
  });

  it("lists: by exact code (any case) and status, this organization only", async () => {
    await actions.createCouponAction(other.slug, IDLE_FORM, formOf({ code: "TENOFF", discount_type: "percentage", percent_off_bps: "10" }));
    const org = { organizationId: t.live.id };
    expect((await readCoupons(db(), org, couponListQuery.parse({ code: "tenoff" }))).rows.map((c) => c.code)).toEqual(["TENOFF"]);
    expect((await readCoupons(db(), org, couponListQuery.parse({ status: "archived" }))).rows).toEqual([]);
    expect((await readDiscountCodes(db(), org, discountCodeListQuery.parse({ status: "all" }))).rows).toEqual([]);
  });
});

describe("plan change rules", () => {
  it("create (bonus discount as a percent), edit, delete; errors named; roles; another organization's plan or rule", async () => {
    const a = await plan(t.live.id, { name: "Rule A", slug: "rule-a", items: [{ price_id: monthly }] });
    const b = await plan(t.live.id, { name: "Rule B", slug: "rule-b", items: [{ price_id: monthly }] });
    const theirs = await plan(other.live.id, { name: "R", slug: "rule-theirs", items: [{ price_id: theirPrice }] });
    as("owner");
    const same = await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({ from_plan_id: a.id, to_plan_id: a.id, change_type: "upgrade", proration_method: "none", timing: "immediate" }));
    expect(same.fields).toEqual({ to_plan_id: "must differ from from_plan_id" });
    const half = await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({ from_plan_id: a.id, to_plan_id: b.id, change_type: "upgrade", proration_method: "none", timing: "immediate", "bonus_discount.percent_bps": "10" }));
    expect(Object.keys(half.fields)).toEqual(["bonus_discount.months"]);
    const cross = await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({ from_plan_id: a.id, to_plan_id: theirs.id, change_type: "upgrade", proration_method: "none", timing: "immediate" }));
    expect(cross.fields.to_plan_id).toMatch(/No such plan/);
    const ok = await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({
      from_plan_id: a.id, to_plan_id: b.id, change_type: "upgrade", proration_method: "prorate_immediately", timing: "immediate", "bonus_discount.percent_bps": "15", "bonus_discount.months": "2", bonus_days: "7", priority: "5", is_active: "on", message: "Welcome up",
    }));
    const id = ok.values!.created_id!;
    const rule = async () => (await db().select().from(planChangeRules).where(eq(planChangeRules.id, id)))[0];
    expect(await rule()).toMatchObject({ bonusDiscountPercentBps: 1500, bonusDiscountMonths: 2, bonusDays: 7, priority: 5, isActive: true, message: "Welcome up" });
    const edit = await actions.updateChangeRuleAction(t.slug, IDLE_FORM, formOf({ id, from_plan_id: a.id, to_plan_id: b.id, change_type: "lateral", proration_method: "none", timing: "end_of_cycle", message: "" }));
    expect(edit.status).toBe("success");
    expect(await rule()).toMatchObject({ changeType: "lateral", timing: "end_of_cycle", bonusDiscountPercentBps: null, bonusDays: 0, isActive: false, message: null });

    const list = await readChangeRules(db(), { organizationId: t.live.id }, changeRuleListQuery.parse({ from_plan_id: a.id }));
    expect(list.rows.map((r) => r.id)).toEqual([id]);
    expect((await readChangeRules(db(), { organizationId: other.live.id }, changeRuleListQuery.parse({ from_plan_id: a.id }))).rows).toEqual([]);

    as("developer");
    expect(refused(await actions.deleteChangeRuleAction(t.slug, IDLE_FORM, formOf({ id })))).toBe(true);
    as("owner");
    expect((await actions.deleteChangeRuleAction(t.sandbox.slug, IDLE_FORM, formOf({ id }))).message).toBe(NOT_FOUND("plan change rule"));
    expect((await actions.updateChangeRuleAction(t.sandbox.slug, IDLE_FORM, formOf({ id, from_plan_id: a.id, to_plan_id: b.id, change_type: "upgrade", proration_method: "none", timing: "immediate" }))).message).toBe(NOT_FOUND("plan change rule"));
    expect(await rule()).toBeDefined();
    expect((await actions.deleteChangeRuleAction(t.slug, IDLE_FORM, formOf({ id }))).values).toEqual({ deleted: "plan change rule" });
    expect(await rule()).toBeUndefined();
  });

  it("a rule to a plan archived since stays editable: plans left as they were are not sent", async () => {
    const a = await plan(t.live.id, { name: "Keep A", slug: "keep-a", items: [{ price_id: monthly }] });
    const b = await plan(t.live.id, { name: "Keep B", slug: "keep-b", items: [{ price_id: monthly }] });
    as("owner");
    const created = await actions.createChangeRuleAction(t.slug, IDLE_FORM, formOf({ from_plan_id: a.id, to_plan_id: b.id, change_type: "upgrade", proration_method: "none", timing: "immediate", is_active: "on" }));
    const id = created.values!.created_id!;
    await actions.archivePlanAction(t.slug, IDLE_FORM, formOf({ id: b.id }));
    const fields = { id, from_plan_id: a.id, to_plan_id: b.id, change_type: "upgrade", proration_method: "none", timing: "immediate", priority: "9", is_active: "on" };
    expect((await actions.updateChangeRuleAction(t.slug, IDLE_FORM, formOf(fields))).fields.to_plan_id).toMatch(/archived/);
    const saved = await actions.updateChangeRuleAction(t.slug, IDLE_FORM, formOf({ ...fields, saved_from_plan_id: a.id, saved_to_plan_id: b.id }));
    expect(saved.status).toBe("success");
    expect((await db().select().from(planChangeRules).where(eq(planChangeRules.id, id)))[0]).toMatchObject({ priority: 9, toPlanId: b.id });
  });
});
