import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { subscriptions, type BillingCycle, type PlanChangeRule, type Price } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { asReference } from "@/lib/api/references";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { defaultRule, previewChange, type ChangeItem, type ChangePreview, type ChangeRule } from "@/lib/billing/plan-change";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { getPricesByIds } from "@/lib/catalog/prices";
import { now as clockNow } from "@/lib/clock";
import { findApplicableRule } from "@/lib/plans/find-applicable-rule";
import { getPlanWithItemsOrThrow } from "@/lib/plans/plans";
import { emitEvent } from "@/lib/webhooks/emit";
import { billPlanChange } from "@/lib/billing-runs/change-invoice";
import type { SubscriptionChangeInput } from "./change-input";
import { syncItems } from "./items";
import { assertStatus, getSubscriptionOrThrow, writeVersion, type SubscriptionWithItems, type SubscriptionWriter } from "./versions";

// Changing a subscription's plan, items, cycle or quantities. computeChange is THE computation:
// the preview endpoint returns it, and applying runs it again under the subscription's lock, so
// what was previewed is what is applied (or the amount check refuses it).
type Writer = SubscriptionWriter;
type Scope = { organizationId: string; id: string };
type Wanted = { priceId: string; quantity: number; param: string };
export type TargetItem = { price: Price; quantity: number };
export type ComputedChange = {
  subscription: SubscriptionWithItems;
  target: { planId: string | null; cycle: BillingCycle; items: TargetItem[] };
  rule: ChangeRule;
  preview: ChangePreview;
};

const sameCycle = (a: BillingCycle, b: BillingCycle) => a.interval === b.interval && a.interval_count === b.interval_count;
const cycleOf = (p: Price): BillingCycle => ({ interval: p.recurringInterval, interval_count: p.intervalCount });

export function toChangeRule(row: PlanChangeRule): ChangeRule {
  return {
    change_type: row.changeType,
    proration_method: row.prorationMethod,
    timing: row.timing,
    bonus_discount: row.bonusDiscountPercentBps !== null && row.bonusDiscountMonths !== null ? { percent_bps: row.bonusDiscountPercentBps, months: row.bonusDiscountMonths } : null,
    bonus_days: row.bonusDays,
    message: row.message,
  };
}


/**
 * What the subscription would become. A plan (the one named, else the current one): its required
 * items on the cycle, optional items named in `quantities`, and the current add-ons carried over
 * (a current item whose product is an optional item of the plan on the cycle keeps its quantity).
 * Explicit `items` detach the subscription from any plan. Without a plan, `quantities` edits the
 * current items.
 */
async function resolveWanted(db: DbOrTx, sub: SubscriptionWithItems, input: SubscriptionChangeInput) {
  const quantities = input.quantities ?? {};
  if (input.items) {
    return { planId: null, cycle: null, known: null, wanted: input.items.map((it, i): Wanted => ({ priceId: it.price_id, quantity: it.quantity, param: `items[${i}].price_id` })) };
  }
  const planId = input.plan_id ?? sub.planId;
  if (!planId) {
    if (input.billing_cycle) throw invalid("billing_cycle", "this subscription has no plan: send items on the new cycle");
    for (const priceId of Object.keys(quantities)) if (!sub.items.some((i) => i.priceId === priceId)) throw invalid(`quantities.${priceId}`, "not an item of this subscription");
    return { planId: null, cycle: null, known: null, wanted: sub.items.map((i): Wanted => ({ priceId: i.priceId, quantity: quantities[i.priceId] ?? i.quantity, param: `quantities.${i.priceId}` })) };
  }
  const plan = await asReference(getPlanWithItemsOrThrow(db, { organizationId: sub.organizationId, id: planId }), "plan_id");
  if (plan.status !== "active" && plan.id !== sub.planId) throw invalid("plan_id", "this plan is archived");
  const current: BillingCycle = { interval: sub.billingInterval, interval_count: sub.intervalCount };
  const offers = (c: BillingCycle) => plan.billingCycles.some((b) => sameCycle(b, c));
  const cycle = input.billing_cycle ?? (offers(current) ? current : plan.billingCycles[0]);
  if (!cycle || !offers(cycle)) throw invalid("billing_cycle", "not one of the plan's billing_cycles");
  const planPrices = await getPricesByIds(db, { organizationId: sub.organizationId }, plan.items.map((i) => i.priceId));
  const onCycle = plan.items.filter((i) => sameCycle(cycleOf(planPrices.get(i.priceId)!), cycle));
  const wanted: Wanted[] = [];
  const carried = new Set<string>();
  for (const item of onCycle) {
    const param = `quantities.${item.priceId}`;
    const named = quantities[item.priceId];
    const currentAddOn = sub.items.find((s) => s.productId === item.productId && !carried.has(s.productId));
    if (!item.optional) wanted.push({ priceId: item.priceId, quantity: named ?? item.quantity, param });
    else if (named !== undefined) wanted.push({ priceId: item.priceId, quantity: named, param });
    else if (currentAddOn) wanted.push({ priceId: item.priceId, quantity: currentAddOn.quantity, param });
    else continue;
    carried.add(item.productId);
  }
  for (const priceId of Object.keys(quantities)) if (!onCycle.some((i) => i.priceId === priceId)) throw invalid(`quantities.${priceId}`, "not an item of the plan on this billing cycle");
  return { planId: plan.id, cycle, known: planPrices, wanted };
}

async function resolveTarget(db: DbOrTx, sub: SubscriptionWithItems, input: SubscriptionChangeInput): Promise<ComputedChange["target"]> {
  const { planId, cycle: planCycle, known, wanted } = await resolveWanted(db, sub, input);
  if (wanted.length === 0) throw invalid(input.items ? "items" : "billing_cycle", "no item bills on this cycle");
  // A plan's items are among the prices already read.
  const found = known ?? (await getPricesByIds(db, { organizationId: sub.organizationId }, wanted.map((w) => w.priceId)));
  const subscribed = new Set(sub.items.map((i) => i.priceId));
  const items: TargetItem[] = [];
  let cycle: BillingCycle | null = planCycle;
  for (const w of wanted) {
    const price = found.get(w.priceId);
    if (!price) throw new ApiError("reference_not_found", `No such price: '${w.priceId}'`, { param: w.param });
    if (!price.active && !subscribed.has(price.id)) throw invalid(w.param, "this price is inactive");
    if (price.currency !== sub.currency) throw invalid(w.param, `this price is in ${price.currency}, the subscription in ${sub.currency}`);
    cycle ??= cycleOf(price);
    if (!sameCycle(cycleOf(price), cycle)) throw invalid(w.param, "all items must bill on the same cycle");
    items.push({ price, quantity: w.quantity });
  }
  const unchanged =
    planId === sub.planId &&
    sameCycle(cycle!, { interval: sub.billingInterval, interval_count: sub.intervalCount }) &&
    items.length === sub.items.length &&
    items.every((t) => sub.items.some((s) => s.priceId === t.price.id && s.quantity === t.quantity));
  if (unchanged) {
    const param = input.items ? "items" : input.plan_id ? "plan_id" : input.billing_cycle ? "billing_cycle" : "quantities";
    throw invalid(param, "the subscription already has this plan, cycle and items");
  }
  return { planId, cycle: cycle!, items };
}

/** The one computation behind preview and apply. Pass the transaction and forUpdate to apply. */
export async function computeChange(db: DbOrTx, scope: Scope, input: SubscriptionChangeInput, options: { forUpdate?: boolean } = {}): Promise<ComputedChange> {
  const sub = await getSubscriptionOrThrow(db, scope, options);
  assertStatus(sub, ["trialing", "active", "past_due"], "change");
  const at = clockNow();
  if (at.getTime() < sub.currentPeriodStart.getTime() || at.getTime() >= sub.currentPeriodEnd.getTime()) {
    throw new ApiError("resource_conflict", "The subscription's current period has ended and is not renewed yet; try again after the renewal", { param: "current_period_end" });
  }
  const target = await resolveTarget(db, sub, input);
  const currentPrices = await getPricesByIds(db, { organizationId: sub.organizationId }, sub.items.map((i) => i.priceId));
  const current: ChangeItem[] = sub.items.map((i) => ({ price_id: i.priceId, price: rowToPriceTerms(currentPrices.get(i.priceId)!), quantity: i.quantity }));
  const next: ChangeItem[] = target.items.map((t) => ({ price_id: t.price.id, price: rowToPriceTerms(t.price), quantity: t.quantity }));
  let rule: ChangeRule | null = null;
  if (sub.planId && target.planId && sub.planId !== target.planId) {
    const row = await findApplicableRule(db, { organizationId: sub.organizationId, fromPlanId: sub.planId, toPlanId: target.planId });
    rule = row && toChangeRule(row);
  }
  rule ??= defaultRule(current, next);
  // In a trial nothing was paid and nothing is charged: the change applies now, the trial runs
  // on, and the new items bill from its end.
  if (sub.status === "trialing") rule = { ...rule, proration_method: "none", timing: "immediate", bonus_discount: null, bonus_days: 0 };
  const preview = previewChange({
    current, target: next, rule, at,
    period: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd },
    anchor: sub.billingCycleAnchor,
  });
  return { subscription: sub, target, rule, preview };
}

/**
 * end_of_cycle: stores pending_change (the renewal applies it) and changes nothing else.
 * immediate: replaces the items (kept prices keep their item id), plan, cycle and period. The
 * anchor follows the period: a fresh period anchors at its start; a kept period whose cycle
 * changes, or one extended by bonus_days, anchors at its (new) end, where the next period starts.
 * An immediate change drops a pending one.
 */
export async function applySubscriptionChange(db: DbOrTx, scope: Writer & { id: string }, input: SubscriptionChangeInput) {
  return db.transaction(async (tx) => {
    const { subscription: sub, target, rule, preview } = await computeChange(tx, scope, input, { forUpdate: true });
    const expected = input.expected_amount_due_now_cents;
    if (expected !== undefined && expected !== preview.amount_due_now_cents) {
      throw new ApiError("resource_conflict", `The amount due now is ${preview.amount_due_now_cents} cents, not ${expected}: preview the change again`, { param: "expected_amount_due_now_cents" });
    }
    const where = and(eq(subscriptions.id, sub.id), eq(subscriptions.organizationId, scope.organizationId));
    let reason: string;
    if (preview.timing === "end_of_cycle") {
      const pendingChange = {
        effective_at: preview.effective_at.toISOString(),
        plan_id: target.planId,
        items: target.items.map((t) => ({ price_id: t.price.id, quantity: t.quantity })),
        rule,
      };
      await tx.update(subscriptions).set({ pendingChange }).where(where);
      reason = "change_scheduled";
    } else {
      await syncItems(tx, sub, target.items.map((t) => ({ priceId: t.price.id, productId: t.price.productId, quantity: t.quantity })));
      const fresh = preview.new_period.start.getTime() !== sub.currentPeriodStart.getTime();
      const cycleChanged = !sameCycle(target.cycle, { interval: sub.billingInterval, interval_count: sub.intervalCount });
      const end = new Date(preview.new_period.end.getTime() + preview.bonus_days * 86_400_000);
      const anchor = preview.bonus_days > 0 || (!fresh && cycleChanged) ? end : fresh ? preview.new_period.start : sub.billingCycleAnchor;
      await tx
        .update(subscriptions)
        .set({
          planId: target.planId, billingInterval: target.cycle.interval, intervalCount: target.cycle.interval_count,
          currentPeriodStart: preview.new_period.start, currentPeriodEnd: end, billingCycleAnchor: anchor, pendingChange: null,
        })
        .where(where);
      reason = "plan_changed";
    }
    const updated = await writeVersion(tx, scope, reason, scope.actor);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "subscription.updated", data: serializeSubscription(updated, scope.mode) });
    const invoice = preview.timing === "immediate" ? await billPlanChange(tx, scope, updated, preview) : null;
    return { subscription: updated, preview, invoice };
  });
}
