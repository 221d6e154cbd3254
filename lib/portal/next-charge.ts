import type { DbOrTx } from "@/db";
import { isRunning, type SubscriptionItem } from "@/db/schema";
import { addInterval, periodContaining, type Period } from "@/lib/billing/periods";
import { billableItems, hasCycleInvoice, promotions } from "@/lib/billing-runs/cycle-invoice";
import { creditBalance } from "@/lib/credits/balance";
import { cycleLines, discountLines, type BillableItem, type DraftLine } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { usageForPeriod } from "@/lib/usage/ingest";

// What a subscription's next invoice will charge, and when: the renewal's invoice built by the
// same pieces the renewal uses (billableItems + cycleLines + discountLines, priced by the pricing
// library), without writing anything. Licensed items bill in advance for the next period (a
// pending end-of-cycle change applied); metered items in arrears on the usage recorded so far
// (an estimate until the period ends); setup fees when the subscription has no cycle invoice
// yet (a trial ending); the account's credit balance comes off what is due, as at finalization.
export type NextCharge = {
  subscription_id: string;
  date: Date;
  currency: string;
  /** The period licensed items are billed for (null for a final, usage-only invoice). */
  period: Period | null;
  lines: DraftLine[];
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  credit_cents: number;
  amount_due_cents: number;
  /** Metered usage so far is included: the amount may still grow until the period ends. */
  estimated: boolean;
  /** The subscription ends at this date: this is its final invoice. */
  final: boolean;
};


export async function nextCharge(db: DbOrTx, sub: SubscriptionWithItems, at: Date): Promise<NextCharge | null> {
  const none = { coupon: null, discountCode: null, usage: new Map<string, number>() };
  const first = !(await hasCycleInvoice(db, sub));

  if (sub.status === "scheduled" && !sub.trialEnd) {
    // Starts with its first invoice for the period that starts.
    const advance = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
    const items = await billableItems(db, sub);
    const charges = cycleLines({ ...none, items, advance, arrears: null, includeSetup: first });
    return finish(db, sub, { date: sub.startAt, period: advance, charges, first, estimated: false, final: false });
  }
  if (!isRunning(sub.status)) return null;

  const ended: Period = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  const current = await billableItems(db, sub);
  const metered = sub.status === "trialing" ? [] : current.filter((i) => i.price.usage_type === "metered");
  const arrearsLines = metered.length
    ? cycleLines({
        ...none, items: metered, advance: null, arrears: ended, includeSetup: false,
        usage: await usageForPeriod(db, { organizationId: sub.organizationId, subscriptionId: sub.id, start: ended.start, end: at < ended.end ? at : ended.end }),
      })
    : [];
  if (sub.cancelAtPeriodEnd) {
    return finish(db, sub, { date: ended.end, period: null, charges: arrearsLines, first: false, estimated: metered.length > 0, final: true });
  }

  const renewal = await renewedTerms(db, sub, ended, current);
  const advanceLines = cycleLines({ ...none, items: renewal.items, advance: renewal.period, arrears: null, includeSetup: first });
  return finish(db, sub, { date: ended.end, period: renewal.period, charges: [...advanceLines, ...arrearsLines], first, estimated: metered.length > 0, final: false });
}

/** The items and period of the renewal: as renewSubscription decides them (a pending change applied). */
async function renewedTerms(db: DbOrTx, sub: SubscriptionWithItems, ended: Period, current: BillableItem[]) {
  const pending = sub.pendingChange && new Date(sub.pendingChange.effective_at) <= ended.end ? sub.pendingChange : null;
  let { billingInterval: interval, intervalCount: count, billingCycleAnchor: anchor } = sub;
  let items = current;
  if (pending) {
    const changed = pending.items.map((i, n) => ({ id: `pending-${n}`, priceId: i.price_id, quantity: i.quantity }) as unknown as SubscriptionItem);
    items = await billableItems(db, { ...sub, items: changed });
    const firstPrice = items[0]?.price;
    if (firstPrice && (firstPrice.recurring_interval !== interval || firstPrice.interval_count !== count)) {
      [interval, count, anchor] = [firstPrice.recurring_interval, firstPrice.interval_count, ended.end];
    }
  }
  const period = anchor.getTime() === ended.end.getTime()
    ? { start: ended.end, end: addInterval(ended.end, interval, count) }
    : periodContaining(anchor, interval, count, ended.end);
  return { items, period };
}

type Draft = { date: Date; period: Period | null; charges: DraftLine[]; first: boolean; estimated: boolean; final: boolean };

async function finish(db: DbOrTx, sub: SubscriptionWithItems, d: Draft): Promise<NextCharge | null> {
  if (d.charges.length === 0) return null;
  const promo = await promotions(db, sub, d.period?.start ?? d.date, d.first);
  const lines = [...d.charges, ...discountLines(d.charges, promo.coupon, promo.discountCode)];
  const totals = invoiceTotals(lines);
  const [balance] = (await creditBalance(db, { organizationId: sub.organizationId, billingAccountId: sub.billingAccountId, at: d.date }))
    .filter((b) => b.currency === sub.currency);
  const credit = Math.min(balance?.available_cents ?? 0, totals.total_cents);
  return {
    subscription_id: sub.id,
    date: d.date,
    currency: sub.currency,
    period: d.period,
    lines,
    subtotal_cents: totals.subtotal_cents,
    discount_cents: totals.discount_cents,
    total_cents: totals.total_cents,
    credit_cents: credit,
    amount_due_cents: totals.total_cents - credit,
    estimated: d.estimated,
    final: d.final,
  };
}
