import { and, desc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { subscriptionItems, subscriptions, subscriptionVersions, type MemberRole } from "@/db/schema";
import { subscribablePlans } from "@/lib/admin/billing-subscriptions";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createSubscription } from "@/lib/subscriptions/create";
import { createSubscriptionInput } from "@/lib/subscriptions/input";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";
import { billingTenant } from "./billing-setup";

// The admin's Subscriptions actions as each role: cancel (at period end / now), undo it, pause
// (until a date), resume, create; validation errors name the field; other tenants' ids are
// "not found" and untouched; the version history records the staff member.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("@/app/(admin)/admin/[org]/subscriptions/actions");

type Tenant = Awaited<ReturnType<typeof billingTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const subRow = async (id: string) => (await getDb().select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!;
const NOT_FOUND = /subscription was not found: nothing was changed/;
const newSub = async (org: Tenant["live"]) =>
  createSubscription(getDb(), { organizationId: org.id, mode: org.mode, actor: "test" }, createSubscriptionInput.parse({ billing_account_id: org.bakery.id, plan_id: org.starter.id, trial_days: 14 }));

beforeAll(async () => {
  t = await billingTenant();
  other = await billingTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
}, 120_000);
beforeEach(() => {
  staffSession.userId = null;
});

describe("subscription lifecycle actions", () => {
  it("cancel at period end, undo it, then cancel now; the history names the staff member", async () => {
    as("admin");
    const sub = await newSub(t.live);
    const noWhen = await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, confirm: "cancel" }));
    expect(Object.keys(noWhen.fields)).toEqual(["at_period_end"]);
    const longReason = await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, at_period_end: "true", cancellation_reason: "x".repeat(501) }));
    expect(Object.keys(longReason.fields)).toEqual(["cancellation_reason"]);
    expect((await subRow(sub.id)).cancelAtPeriodEnd).toBe(false);

    const later = await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, at_period_end: "true", cancellation_reason: "Fechou a loja" }));
    expect(later.status).toBe("success");
    expect(await subRow(sub.id)).toMatchObject({ status: "trialing", cancelAtPeriodEnd: true, cancellationReason: "Fechou a loja" });
    const twice = await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, at_period_end: "true" }));
    expect(twice.fields.at_period_end).toMatch(/already set to cancel/);

    expect((await actions.reactivateSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id }))).status).toBe("success");
    expect((await subRow(sub.id)).cancelAtPeriodEnd).toBe(false);
    expect((await actions.reactivateSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id }))).message).toMatch(/not set to cancel/);

    expect((await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, at_period_end: "false" }))).status).toBe("success");
    expect((await subRow(sub.id)).status).toBe("canceled");
    expect((await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, at_period_end: "false" }))).message).toMatch(/already canceled/);
    const versions = await getDb().select().from(subscriptionVersions).where(eq(subscriptionVersions.subscriptionId, sub.id)).orderBy(subscriptionVersions.version);
    const byStaff = versions.filter((v) => v.actor.startsWith("staff:"));
    expect(byStaff.map((v) => [v.reason, v.actor])).toEqual(["cancel_scheduled", "reactivated", "canceled"].map((r) => [r, `staff:${staff.admin.id}`]));
    expect(versions.at(-1)).toMatchObject({ reason: "canceled", actor: `staff:${staff.admin.id}` });
  });

  it("pause (the resume date must be a future date), then resume", async () => {
    as("owner");
    const sub = await newSub(t.live);
    const past = await actions.pauseSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, resume_at: "2020-01-01" }));
    expect(past.fields.resume_at).toMatch(/future/);
    const garbage = await actions.pauseSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, resume_at: "soon" }));
    expect(Object.keys(garbage.fields)).toEqual(["resume_at"]);
    expect((await subRow(sub.id)).status).toBe("trialing");
    const next = `${new Date().getUTCFullYear() + 1}-03-01`;
    expect((await actions.pauseSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id, resume_at: next }))).status).toBe("success");
    expect(await subRow(sub.id)).toMatchObject({ status: "paused", resumeAt: new Date(`${next}T00:00:00Z`) });
    expect((await actions.pauseSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id }))).message).toMatch(/Cannot pause a subscription that is paused/);
    expect((await actions.resumeSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: sub.id }))).status).toBe("success");
    expect(await subRow(sub.id)).toMatchObject({ status: "trialing", pausedAt: null, resumeAt: null });
  });

  it("developer and support are refused; another organization's subscription is not found and untouched", async () => {
    const mine = await newSub(t.live);
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await actions.cancelSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: mine.id, at_period_end: "false" })))).toBe(true);
      expect(refused(await actions.pauseSubscriptionAction(t.slug, IDLE_FORM, formOf({ id: mine.id })))).toBe(true);
      expect(refused(await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: t.live.pro.id })))).toBe(true);
    }
    expect((await subRow(mine.id)).status).toBe("trialing");
    as("owner");
    const theirs = other.live.bakerySub.id;
    for (const slug of [t.slug, t.sandbox.slug]) {
      expect((await actions.cancelSubscriptionAction(slug, IDLE_FORM, formOf({ id: theirs, at_period_end: "false" }))).message).toMatch(NOT_FOUND);
      expect((await actions.pauseSubscriptionAction(slug, IDLE_FORM, formOf({ id: theirs }))).message).toMatch(NOT_FOUND);
      expect((await actions.resumeSubscriptionAction(slug, IDLE_FORM, formOf({ id: theirs }))).message).toMatch(NOT_FOUND);
      expect((await actions.reactivateSubscriptionAction(slug, IDLE_FORM, formOf({ id: theirs }))).message).toMatch(NOT_FOUND);
    }
    expect(await subRow(theirs)).toMatchObject({ status: "active", cancelAtPeriodEnd: false });
  });
});

describe("new subscription", () => {
  it("names the missing fields, refuses another organization's customer, and creates through the service", async () => {
    as("owner");
    const empty = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: "", plan_id: "" }));
    expect(empty.fields).toEqual({ billing_account_id: "choose a customer", plan_id: "choose a plan" });
    const badTrial = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: t.live.pro.id, trial_days: "-3" }));
    expect(Object.keys(badTrial.fields)).toEqual(["trial_days"]);
    const badCycle = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: t.live.pro.id, billing_cycle: "week:1" }));
    expect(Object.keys(badCycle.fields)).toEqual(["billing_cycle"]);
    const theirs = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: other.live.maria.id, plan_id: t.live.pro.id }));
    expect(Object.keys(theirs.fields)).toEqual(["billing_account_id"]);
    const otherPlan = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: other.live.pro.id }));
    expect(Object.keys(otherPlan.fields)).toEqual(["plan_id"]);
    const coupon = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: t.live.pro.id, coupon: "NOPE-NOPE" }));
    expect(Object.keys(coupon.fields)).toEqual(["coupon"]);
    const before = await getDb().select().from(subscriptions).where(and(eq(subscriptions.organizationId, t.live.id), eq(subscriptions.billingAccountId, t.live.maria.id)));

    const ok = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: t.live.pro.id, billing_cycle: "year:1", trial_days: "30", coupon: "BEMVINDO10" }));
    expect(ok).toMatchObject({ status: "success", values: { id: expect.any(String) } });
    const created = await subRow(ok.values!.id!);
    expect(created).toMatchObject({ organizationId: t.live.id, billingAccountId: t.live.maria.id, planId: t.live.pro.id, billingInterval: "year", status: "trialing" });
    const after = await getDb().select().from(subscriptions).where(and(eq(subscriptions.organizationId, t.live.id), eq(subscriptions.billingAccountId, t.live.maria.id)));
    expect(after.length).toBe(before.length + 1);
  });

  it("offers the quantity of the plan's required items on the chosen cycle, and creates with it", async () => {
    as("owner");
    const pro = (await subscribablePlans(getDb(), t.live.id)).find((p) => p.id === t.live.pro.id)!;
    const monthly = pro.quantityItems.filter((i) => i.interval === "month");
    expect(monthly.length).toBe(1);
    const field = `quantities.${monthly[0]!.priceId}`;
    const bad = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: pro.id, billing_cycle: "month:1", [field]: "-1" }));
    expect(Object.keys(bad.fields)).toEqual([field]);
    const yearlyOnly = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: pro.id, billing_cycle: "year:1", [field]: "2" }));
    expect(Object.keys(yearlyOnly.fields)).toEqual([field]);
    const ok = await actions.createSubscriptionAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, plan_id: pro.id, billing_cycle: "month:1", [field]: "3" }));
    expect(ok.status).toBe("success");
    const items = await getDb().select().from(subscriptionItems).where(eq(subscriptionItems.subscriptionId, ok.values!.id!));
    expect(items.map((i) => [i.priceId, i.quantity])).toEqual([[monthly[0]!.priceId, 3]]);
  });
});

describe("plan change", () => {
  const monthly = { interval: "month" as const, interval_count: 1 };
  const change = (slug: string, id: string, target: string, expected: number) =>
    actions.changePlanAction(slug, IDLE_FORM, formOf({ id, target, expected_amount_due_now_cents: String(expected) }));

  it("previews through the subscription service and applies exactly the previewed figures; the history names the staff member", async () => {
    const { parseTargetKey, planTargets, previewPlanChange, targetKey } = await import("@/lib/admin/billing-plan-change");
    const sub = await createSubscription(getDb(), { organizationId: t.live.id, mode: "live", actor: "test" }, createSubscriptionInput.parse({ billing_account_id: t.live.bakery.id, plan_id: t.live.starter.id, trial_days: 0 }));
    const scope = { organizationId: t.live.id, id: sub.id };
    const targets = await planTargets(getDb(), t.live.id, { planId: t.live.starter.id, cycle: monthly });
    const toPro = targetKey({ plan_id: t.live.pro.id, billing_cycle: monthly });
    expect(targets.map((x) => x.key)).toContain(toPro);
    expect(targets.map((x) => x.key)).not.toContain(targetKey({ plan_id: t.live.starter.id, billing_cycle: monthly }));
    expect(await previewPlanChange(getDb(), scope, parseTargetKey(targetKey({ plan_id: t.live.starter.id, billing_cycle: monthly }))!)).toMatchObject({ ok: false, message: expect.stringContaining("already has this plan") });
    const preview = await previewPlanChange(getDb(), scope, parseTargetKey(toPro)!);
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.preview).toMatchObject({ change_type: "upgrade", timing: "immediate" });
    const due = preview.preview.amount_due_now_cents;
    expect(due).toBeGreaterThan(0);

    as("developer");
    expect(refused(await change(t.slug, sub.id, toPro, due))).toBe(true);
    as("owner");
    expect((await change(t.slug, sub.id, toPro, due + 1)).message).toMatch(/amounts changed since this preview: nothing was changed/);
    expect((await change(t.slug, sub.id, "not-a-target", due)).fields.target).toMatch(/choose a plan/);
    expect((await change(t.slug, other.live.bakerySub.id, toPro, due)).message).toMatch(NOT_FOUND);
    expect((await subRow(sub.id)).planId).toBe(t.live.starter.id);

    // Applied: the action opens the subscription afresh (Next's redirect).
    await expect(change(t.slug, sub.id, toPro, due)).rejects.toMatchObject({ digest: expect.stringContaining(`/admin/${t.slug}/subscriptions/${sub.id}?changed=now`) });
    expect((await subRow(sub.id)).planId).toBe(t.live.pro.id);
    const [latest] = await getDb().select().from(subscriptionVersions).where(eq(subscriptionVersions.subscriptionId, sub.id)).orderBy(desc(subscriptionVersions.version)).limit(1);
    expect(latest!.actor).toBe(`staff:${staff.owner.id}`);
  });
});
