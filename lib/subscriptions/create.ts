import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, subscriptionItems, subscriptions, type Coupon, type DiscountCode, type Price } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { asReference } from "@/lib/api/references";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { priceAmount } from "@/lib/billing/amount";
import { addInterval } from "@/lib/billing/periods";
import { checkedAdd } from "@/lib/billing/money";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { getPricesByIds } from "@/lib/catalog/prices";
import { now as clockNow } from "@/lib/clock";
import { getPlanWithItemsOrThrow, type PlanWithItems } from "@/lib/plans/plans";
import { checkCouponRedeemable } from "@/lib/promotions/coupon-redeemable";
import { checkDiscountCodeRedeemable } from "@/lib/promotions/discount-codes";
import { emitEvent } from "@/lib/webhooks/emit";
import { issueCycleInvoice } from "@/lib/billing-runs/cycle-invoice";
import type { CreateSubscriptionInput } from "./input";
import { writeVersion, type SubscriptionWithItems, type SubscriptionWriter } from "./versions";

type Writer = SubscriptionWriter;
type Scope = { organizationId: string };
export type ChosenItem = { price: Price; quantity: number };
/** What chooseItems reads of a subscription's input. */
export type ItemChoices = Pick<CreateSubscriptionInput, "plan_id" | "billing_cycle" | "trial_days" | "quantities" | "add_ons" | "items">;

/**
 * The items a subscription starts with, its billing cycle, trial and currency: refused with the
 * param at fault. Reads only (the checkout's quote uses it too); `plan`, when the caller already
 * read it, saves reading it again.
 */
export async function chooseItems(db: DbOrTx, scope: Scope, input: ItemChoices, plan?: PlanWithItems) {
  const wanted: Array<{ priceId: string; quantity: number; param: string }> = [];
  let cycle = input.billing_cycle;
  let trialDays = input.trial_days ?? 0;
  let planPrices: Map<string, Price> | null = null;
  if (input.plan_id) {
    plan ??= await asReference(getPlanWithItemsOrThrow(db, { organizationId: scope.organizationId, id: input.plan_id }), "plan_id");
    if (plan.status !== "active") throw invalid("plan_id", "this plan is archived");
    cycle ??= plan.billingCycles[0];
    if (!cycle || !plan.billingCycles.some((c) => c.interval === cycle!.interval && c.interval_count === cycle!.interval_count)) {
      throw invalid("billing_cycle", "not one of the plan's billing_cycles");
    }
    trialDays = input.trial_days ?? plan.trialDays;
    const known = (planPrices = await getPricesByIds(db, scope, plan.items.map((i) => i.priceId)));
    const onCycle = (priceId: string) => {
      const p = known.get(priceId)!;
      return p.recurringInterval === cycle!.interval && p.intervalCount === cycle!.interval_count;
    };
    for (const item of plan.items) {
      if (item.optional || !onCycle(item.priceId)) continue;
      wanted.push({ priceId: item.priceId, quantity: input.quantities?.[item.priceId] ?? item.quantity, param: `quantities.${item.priceId}` });
    }
    for (const priceId of Object.keys(input.quantities ?? {})) {
      if (!wanted.some((w) => w.priceId === priceId)) throw invalid(`quantities.${priceId}`, "not a required item of the plan on this billing cycle");
    }
    for (const [i, addOn] of (input.add_ons ?? []).entries()) {
      const item = plan.items.find((p) => p.priceId === addOn.price_id && p.optional);
      if (!item) throw invalid(`add_ons[${i}].price_id`, "not an optional item of this plan");
      if (!onCycle(addOn.price_id)) throw invalid(`add_ons[${i}].price_id`, "does not bill on the chosen billing_cycle");
      wanted.push({ priceId: addOn.price_id, quantity: addOn.quantity, param: `add_ons[${i}].price_id` });
    }
  } else {
    for (const [i, item] of input.items!.entries()) wanted.push({ priceId: item.price_id, quantity: item.quantity, param: `items[${i}].price_id` });
  }
  // A plan's items are among the prices already read; explicit items are read now.
  const found = planPrices ?? (await getPricesByIds(db, scope, wanted.map((w) => w.priceId)));
  const chosen: ChosenItem[] = [];
  for (const w of wanted) {
    const price = found.get(w.priceId);
    if (!price) throw new ApiError("reference_not_found", `No such price: '${w.priceId}'`, { param: w.param });
    if (!price.active) throw invalid(w.param, "this price is inactive");
    if (chosen.some((c) => c.price.id === price.id)) throw invalid(w.param, "this price is already an item");
    chosen.push({ price, quantity: w.quantity });
  }
  if (chosen.length === 0) throw invalid(input.plan_id ? "billing_cycle" : "items", "no item bills on this cycle");
  cycle ??= { interval: chosen[0]!.price.recurringInterval, interval_count: chosen[0]!.price.intervalCount };
  const currency = chosen[0]!.price.currency;
  chosen.forEach((c, i) => {
    const param = wanted[i]!.param;
    if (c.price.currency !== currency) throw invalid(param, `this price is in ${c.price.currency}, the others in ${currency}`);
    if (c.price.recurringInterval !== cycle!.interval || c.price.intervalCount !== cycle!.interval_count) throw invalid(param, "all items must bill on the same cycle");
  });
  return { chosen, cycle, trialDays, currency };
}


/** The chosen items' subtotal: each item rounded to the cent, then added with overflow checks (the invoice's rule). */
export function chosenSubtotalCents(chosen: ChosenItem[]): number {
  return chosen.reduce((s, c) => checkedAdd(s, priceAmount(rowToPriceTerms(c.price), c.quantity).amount_cents), 0);
}

export type PromotionContext = { at: Date; currency: string; subtotalCents: number; productIds: string[]; planIds: string[]; accountId: string | null };

/**
 * The coupon and discount code of the input, checked for this purchase (an account's earlier
 * redemptions count when it exists). `lock`: read them FOR UPDATE, for a purchase that will count
 * the redemption in the same transaction; a quote reads without locking.
 */
export async function checkPromotions(
  db: DbOrTx,
  scope: Scope,
  input: Pick<CreateSubscriptionInput, "coupon" | "discount_code">,
  ctx: PromotionContext,
  options: { lock: boolean },
): Promise<{ coupon: Coupon | null; discountCode: DiscountCode | null }> {
  let coupon: Coupon | null = null;
  let discountCode: DiscountCode | null = null;
  if (input.coupon) {
    const query = db.select().from(coupons).where(and(eq(coupons.organizationId, scope.organizationId), sql`upper(${coupons.code}) = ${input.coupon}`));
    [coupon = null] = options.lock ? await query.for("update") : await query;
    if (!coupon) throw new ApiError("reference_not_found", `No such coupon: '${input.coupon}'`, { param: "coupon" });
    const used = ctx.accountId
      ? (await db.select({ n: sql<number>`count(*)::int` }).from(subscriptions).where(and(eq(subscriptions.organizationId, scope.organizationId), eq(subscriptions.billingAccountId, ctx.accountId), eq(subscriptions.couponId, coupon.id))))[0]?.n ?? 0
      : 0;
    const check = checkCouponRedeemable(coupon, { at: ctx.at, subtotalCents: ctx.subtotalCents, productIds: ctx.productIds, planIds: ctx.planIds, currency: ctx.currency, accountRedemptions: used });
    if (!check.ok) throw invalid("coupon", `this coupon cannot be used (${check.reason})`);
  }
  if (input.discount_code) {
    const query = db.select().from(discountCodes).where(and(eq(discountCodes.organizationId, scope.organizationId), sql`upper(${discountCodes.code}) = ${input.discount_code}`));
    [discountCode = null] = options.lock ? await query.for("update") : await query;
    if (!discountCode) throw new ApiError("reference_not_found", `No such discount code: '${input.discount_code}'`, { param: "discount_code" });
    const check = checkDiscountCodeRedeemable(discountCode, { at: ctx.at, currency: ctx.currency });
    if (!check.ok) throw invalid("discount_code", `this code cannot be used (${check.reason})`);
  }
  return { coupon, discountCode };
}

/** Coupon and discount code: locked, checked and counted in the same transaction (limits hold under races). */
async function redeemPromotions(db: DbOrTx, scope: Writer, input: CreateSubscriptionInput, ctx: PromotionContext) {
  const { coupon, discountCode } = await checkPromotions(db, scope, input, ctx, { lock: true });
  if (coupon) await db.update(coupons).set({ timesUsed: sql`${coupons.timesUsed} + 1` }).where(and(eq(coupons.id, coupon.id), eq(coupons.organizationId, scope.organizationId)));
  if (discountCode) {
    await db.update(discountCodes).set({ timesRedeemed: sql`${discountCodes.timesRedeemed} + 1` }).where(and(eq(discountCodes.id, discountCode.id), eq(discountCodes.organizationId, scope.organizationId)));
  }
  return { couponId: coupon?.id ?? null, discountCodeId: discountCode?.id ?? null };
}

export async function createSubscription(db: DbOrTx, scope: Writer, input: CreateSubscriptionInput): Promise<SubscriptionWithItems> {
  return db.transaction(async (tx) => {
    const account = await asReference(
      getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: input.billing_account_id }, { forUpdate: true }),
      "billing_account_id",
    );
    if (account.status === "archived") throw invalid("billing_account_id", "this billing account is archived");
    const { chosen, cycle, trialDays, currency } = await chooseItems(tx, scope, input);
    const at = clockNow();
    const start = input.start_at ?? at;
    if (start.getTime() < at.getTime() - 60_000) throw invalid("start_at", "must not be in the past");
    const trialEnd = trialDays > 0 ? new Date(start.getTime() + trialDays * 86_400_000) : null;
    const anchor = trialEnd ?? start;
    const periodEnd = trialEnd ?? addInterval(anchor, cycle.interval, cycle.interval_count);
    const promotions = await redeemPromotions(tx, scope, input, {
      at, currency, subtotalCents: chosenSubtotalCents(chosen), productIds: chosen.map((c) => c.price.productId), planIds: input.plan_id ? [input.plan_id] : [], accountId: account.id,
    });
    const [sub] = await tx
      .insert(subscriptions)
      .values({
        organizationId: scope.organizationId,
        billingAccountId: account.id,
        planId: input.plan_id ?? null,
        status: start.getTime() > at.getTime() + 60_000 ? "scheduled" : trialEnd ? "trialing" : "active",
        currency,
        billingInterval: cycle.interval,
        intervalCount: cycle.interval_count,
        billingCycleAnchor: anchor,
        currentPeriodStart: start,
        currentPeriodEnd: periodEnd,
        startAt: start,
        trialStart: trialEnd ? start : null,
        trialEnd,
        couponId: promotions.couponId,
        discountCodeId: promotions.discountCodeId,
        metadata: input.metadata ?? {},
        version: 0, // writeVersion below records version 1
      })
      .returning();
    await tx.insert(subscriptionItems).values(
      chosen.map((c, i) => ({
        organizationId: scope.organizationId,
        subscriptionId: sub!.id,
        productId: c.price.productId,
        priceId: c.price.id,
        quantity: c.quantity,
        createdAt: new Date(sub!.createdAt.getTime() + i), // keeps the order items were given in
      })),
    );
    const created = await writeVersion(tx, { organizationId: scope.organizationId, id: sub!.id }, "created", scope.actor);
    await emitEvent(tx, { organizationId: scope.organizationId, type: "subscription.created", data: serializeSubscription(created, scope.mode) });
    // Billing starts now: the first period is invoiced (and collected) at once. A trial or a
    // future start is invoiced by the renewal worker when it ends / arrives.
    if (created.status === "active") {
      await issueCycleInvoice(tx, scope, { reason: "subscription_create", advance: { start: created.currentPeriodStart, end: created.currentPeriodEnd }, arrears: null, subscription: created });
    }
    return created;
  });
}
