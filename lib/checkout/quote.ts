import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { products, type BillingCycle } from "@/db/schema";
import { addInterval } from "@/lib/billing/periods";
import { promotions } from "@/lib/billing-runs/cycle-invoice";
import { rowToPriceTerms } from "@/lib/catalog/price-input";
import { now as clockNow } from "@/lib/clock";
import { cycleLines, discountLines, type BillableItem, type DraftLine } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import { checkPromotions, chooseItems, chosenSubtotalCents } from "@/lib/subscriptions/create";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { parseOrThrow } from "./errors";
import { checkoutSelectionInput, type CheckoutSelection } from "./input";
import { getCheckoutPlanOrThrow } from "./offer";
import { checkoutErrorOf, findPromotion, type PromoKind } from "./terms";

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
const toQuote = (lines: DraftLine[]): InvoiceQuote => {
  const t = invoiceTotals(lines);
  return { lines: lines.map((l) => ({ kind: l.kind, description: l.description, amount_cents: l.amount_cents })), subtotal_cents: t.subtotal_cents, discount_cents: t.discount_cents, total_cents: t.amount_due_cents };
};

async function quote(db: DbOrTx, scope: Scope, slug: string, selection: CheckoutSelection): Promise<CheckoutQuote> {
  const plan = await getCheckoutPlanOrThrow(db, { organizationId: scope.organizationId, slug });
  const promo = selection.promo_code ? await findPromotion(db, scope.organizationId, selection.promo_code) : null;
  const at = clockNow();
  // createSubscription's own rules, read-only: items, cycle, trial and currency; then the promotion.
  const { chosen, cycle, trialDays, currency } = await chooseItems(db, scope, { plan_id: plan.id, billing_cycle: selection.billing_cycle, add_ons: selection.add_ons }, plan);
  if (promo) {
    await checkPromotions(db, scope, { [promo.kind]: selection.promo_code }, {
      at, currency, subtotalCents: chosenSubtotalCents(chosen), productIds: chosen.map((c) => c.price.productId), planIds: [plan.id], accountId: null,
    }, { lock: false });
  }

  const trialEnd = trialDays > 0 ? new Date(at.getTime() + trialDays * DAY_MS) : null;
  const names = await productNames(db, scope.organizationId, chosen.map((c) => c.price.productId));
  // Quoted items are not subscription items yet: the price stands in for the item's id.
  const items: BillableItem[] = chosen.map((c) => ({ subscription_item_id: c.price.id, price_id: c.price.id, name: names.get(c.price.productId) ?? "", price: rowToPriceTerms(c.price), quantity: c.quantity }));
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
    currency,
    billing_cycle: { interval: cycle.interval, interval_count: cycle.interval_count },
    promo: promo && selection.promo_code ? { code: selection.promo_code, kind: promo.kind } : null,
    trial: trialEnd ? { days: trialDays, ends_at: trialEnd.toISOString() } : null,
    due_today: trialEnd ? toQuote([]) : await invoiceFrom(at, true),
    after_trial: trialEnd ? await invoiceFrom(trialEnd, true) : null,
    recurring: { ...(await invoiceFrom(renewalStart, false)), starts_at: renewalStart.toISOString() },
  };
}

async function productNames(db: DbOrTx, organizationId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ id: products.id, name: products.name }).from(products).where(and(eq(products.organizationId, organizationId), inArray(products.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
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
