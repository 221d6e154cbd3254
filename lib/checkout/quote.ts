import type { DbOrTx } from "@/db";
import type { BillingCycle } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { priceAmount } from "@/lib/billing/amount";
import { checkedAdd } from "@/lib/billing/money";
import { addInterval } from "@/lib/billing/periods";
import { promotions } from "@/lib/billing-runs/cycle-invoice";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { now as clockNow } from "@/lib/clock";
import { cycleLines, discountLines, type BillableItem, type DraftLine } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import type { PlanWithItems } from "@/lib/plans/plans";
import { loadPriceViews, type PriceView } from "@/lib/portal/items";
import { checkCouponRedeemable } from "@/lib/promotions/coupon-redeemable";
import { checkDiscountCodeRedeemable } from "@/lib/promotions/discount-codes";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { parseOrThrow } from "./errors";
import { checkoutSelectionInput, type CheckoutSelection } from "./input";
import { getCheckoutPlanOrThrow } from "./offer";
import { checkoutErrorOf, findPromotion, type PromoKind, type Promotion } from "./terms";

// The checkout's quote, read-only: the subscription the purchase would create (its items, cycle,
// trial and promotions, refused as createSubscription refuses them, with the same params), and
// its invoices built by the renewal's own pieces — cycleLines + discountLines priced by the
// pricing library, the promotions as `promotions` applies them to a period
// (lib/billing-runs/cycle-invoice.ts). Nothing is written and nothing is locked: every page
// view quotes, so it must not take the tenant's invoice-number or coupon rows.
type Scope = { organizationId: string; mode: "live" | "test" };

export type QuoteLine = { kind: string; description: string; amount_cents: number };
export type InvoiceQuote = { lines: QuoteLine[]; subtotal_cents: number; discount_cents: number; total_cents: number };

export type CheckoutQuote = {
  plan: { id: string; slug: string; name: string };
  currency: string;
  billing_cycle: BillingCycle;
  promo: { code: string; kind: PromoKind } | null;
  trial: { days: number; ends_at: string } | null;
  /** Charged at once (0 during a trial). */
  due_today: InvoiceQuote;
  /** The first invoice after the trial (null without one). */
  after_trial: InvoiceQuote | null;
  /** Each later period, with the promotions that still apply then; metered items come on top. */
  recurring: InvoiceQuote & { starts_at: string };
};

const DAY_MS = 86_400_000;
/** Quoted items are not subscription items yet: the price stands in for the item's id. */
type Chosen = { view: PriceView; quantity: number };

const toQuote = (lines: DraftLine[]): InvoiceQuote => {
  const t = invoiceTotals(lines);
  return { lines: lines.map((l) => ({ kind: l.kind, description: l.description, amount_cents: l.amount_cents })), subtotal_cents: t.subtotal_cents, discount_cents: t.discount_cents, total_cents: t.amount_due_cents };
};

/** The plan's required items on the cycle and the chosen add-ons: createSubscription's rules for a plan (lib/subscriptions/create.ts). */
function chooseItems(plan: PlanWithItems, views: Map<string, PriceView>, selection: CheckoutSelection): Chosen[] {
  const cycle = selection.billing_cycle;
  if (!plan.billingCycles.some((c) => c.interval === cycle.interval && c.interval_count === cycle.interval_count)) {
    throw invalid("billing_cycle", "not one of the plan's billing_cycles");
  }
  const onCycle = (priceId: string) => {
    const view = views.get(priceId);
    return view !== undefined && view.interval === cycle.interval && view.intervalCount === cycle.interval_count;
  };
  const wanted: Array<{ priceId: string; quantity: number; param: string }> = [];
  for (const item of plan.items) {
    if (!item.optional && onCycle(item.priceId)) wanted.push({ priceId: item.priceId, quantity: item.quantity, param: `quantities.${item.priceId}` });
  }
  for (const [i, addOn] of selection.add_ons.entries()) {
    const param = `add_ons[${i}].price_id`;
    if (!plan.items.some((p) => p.priceId === addOn.price_id && p.optional)) throw invalid(param, "not an optional item of this plan");
    if (!onCycle(addOn.price_id)) throw invalid(param, "does not bill on the chosen billing_cycle");
    wanted.push({ priceId: addOn.price_id, quantity: addOn.quantity, param });
  }
  const chosen: Chosen[] = [];
  for (const w of wanted) {
    const view = views.get(w.priceId);
    if (!view) throw new ApiError("reference_not_found", `No such price: '${w.priceId}'`, { param: w.param });
    if (!view.active) throw invalid(w.param, "this price is inactive");
    if (chosen.some((c) => c.view.id === view.id)) throw invalid(w.param, "this price is already an item");
    if (chosen[0] && view.currency !== chosen[0].view.currency) throw invalid(w.param, `this price is in ${view.currency}, the others in ${chosen[0].view.currency}`);
    chosen.push({ view, quantity: w.quantity });
  }
  if (chosen.length === 0) throw invalid("billing_cycle", "no item bills on this cycle");
  return chosen;
}

/** The promotion, checked as createSubscription checks it for a new billing account (no redemptions yet). */
function checkPromotion(promo: Promotion, plan: PlanWithItems, chosen: Chosen[], at: Date): void {
  const currency = chosen[0]!.view.currency;
  if (promo.kind === "coupon") {
    const subtotalCents = chosen.reduce((s, c) => checkedAdd(s, priceAmount(rowToPriceTerms(c.view.row), c.quantity).amount_cents), 0);
    const check = checkCouponRedeemable(promo.coupon, { at, currency, subtotalCents, productIds: chosen.map((c) => c.view.productId), planIds: [plan.id], accountRedemptions: 0 });
    if (!check.ok) throw invalid("coupon", `this coupon cannot be used (${check.reason})`);
  } else {
    const check = checkDiscountCodeRedeemable(promo.discountCode, { at, currency });
    if (!check.ok) throw invalid("discount_code", `this code cannot be used (${check.reason})`);
  }
}

async function quote(db: DbOrTx, scope: Scope, slug: string, selection: CheckoutSelection): Promise<CheckoutQuote> {
  const plan = await getCheckoutPlanOrThrow(db, { organizationId: scope.organizationId, slug });
  const promo = selection.promo_code ? await findPromotion(db, scope.organizationId, selection.promo_code) : null;
  const views = await loadPriceViews(db, scope.organizationId, plan.items.map((i) => i.priceId));
  const at = clockNow();
  const chosen = chooseItems(plan, views, selection);
  if (promo) checkPromotion(promo, plan, chosen, at);

  const cycle = selection.billing_cycle;
  const trialEnd = plan.trialDays > 0 ? new Date(at.getTime() + plan.trialDays * DAY_MS) : null;
  const items: BillableItem[] = chosen.map((c) => ({ subscription_item_id: c.view.id, price_id: c.view.id, name: c.view.productName, price: rowToPriceTerms(c.view.row), quantity: c.quantity }));
  // What `promotions` reads of the subscription the purchase creates.
  const sub = {
    organizationId: scope.organizationId, startAt: at, trialEnd,
    couponId: promo?.kind === "coupon" ? promo.coupon.id : null,
    discountCodeId: promo?.kind === "discount_code" ? promo.discountCode.id : null,
  } as SubscriptionWithItems;
  /** The cycle invoice for the period starting at `start`, as issueCycleInvoice builds it. */
  const invoiceFrom = async (start: Date, first: boolean): Promise<InvoiceQuote> => {
    const advance = { start, end: addInterval(start, cycle.interval, cycle.interval_count) };
    const charges = cycleLines({ items, advance, arrears: null, usage: new Map(), includeSetup: first, coupon: null, discountCode: null });
    const applied = await promotions(db, sub, start, first);
    return toQuote([...charges, ...discountLines(charges, applied.coupon, applied.discountCode)]);
  };
  const renewalStart = addInterval(trialEnd ?? at, cycle.interval, cycle.interval_count);
  return {
    plan: { id: plan.id, slug: plan.slug, name: plan.name },
    currency: chosen[0]!.view.currency,
    billing_cycle: { interval: cycle.interval, interval_count: cycle.interval_count },
    promo: promo && selection.promo_code ? { code: selection.promo_code, kind: promo.kind } : null,
    trial: trialEnd ? { days: plan.trialDays, ends_at: trialEnd.toISOString() } : null,
    due_today: trialEnd ? toQuote([]) : await invoiceFrom(at, true),
    after_trial: trialEnd ? await invoiceFrom(trialEnd, true) : null,
    recurring: { ...(await invoiceFrom(renewalStart, false)), starts_at: renewalStart.toISOString() },
  };
}

/** The price of these choices: line items, discount, due today, the trial and the recurring amount. */
export async function quoteCheckout(db: DbOrTx, scope: Scope & { slug: string }, selection: unknown): Promise<CheckoutQuote> {
  const parsed = parseOrThrow(checkoutSelectionInput, selection);
  try {
    return await quote(db, scope, scope.slug, parsed);
  } catch (error) {
    throw checkoutErrorOf(error);
  }
}
