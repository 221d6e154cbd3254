import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, invoices, type BillingCycle } from "@/db/schema";
import { addInterval } from "@/lib/billing/periods";
import { billableItems, promotions } from "@/lib/billing-runs/cycle-invoice";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { cycleLines, discountLines } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import { takeAfterSuccessTasks, withRequestContext } from "@/lib/request-context";
import { createSubscription } from "@/lib/subscriptions/create";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { parseOrThrow } from "./errors";
import { checkoutSelectionInput, type CheckoutSelection } from "./input";
import { getCheckoutPlanOrThrow } from "./offer";
import { checkoutErrorOf, subscriptionInputFor, type PromoKind } from "./terms";

// The checkout's quote is the purchase itself, rolled back: createSubscription (the API's
// service) runs in a transaction for a placeholder billing account, its first invoice is read
// back, and the transaction is undone. So the quote cannot disagree with what the purchase
// charges — items, cycle, setup fees, coupon and discount code rules, rounding — and there is
// no second implementation of pricing. The renewal amount comes from the renewal's own line
// builder (lib/billing-runs/cycle-invoice.ts). Side effects are transactional (events, emails,
// counters, invoice numbers) and the after-commit hooks of the dry run are dropped.
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

class DryRun extends Error {
  constructor(readonly quote: CheckoutQuote) {
    super("checkout quote (rolled back)");
  }
}

const toQuote = (lines: Array<{ kind: string; description: string; amount_cents: number }>): InvoiceQuote => {
  const t = invoiceTotals(lines as Parameters<typeof invoiceTotals>[0]);
  return { lines: lines.map((l) => ({ kind: l.kind, description: l.description, amount_cents: l.amount_cents })), subtotal_cents: t.subtotal_cents, discount_cents: t.discount_cents, total_cents: t.amount_due_cents };
};

/** The invoice the renewal would issue for the period starting at `start` (lib/invoices/lines.ts). */
async function projectedInvoice(tx: DbOrTx, sub: SubscriptionWithItems, start: Date, first: boolean): Promise<InvoiceQuote> {
  const items = await billableItems(tx, sub);
  const period = { start, end: addInterval(start, sub.billingInterval, sub.intervalCount) };
  const charges = cycleLines({ items, advance: period, arrears: null, usage: new Map(), includeSetup: first, coupon: null, discountCode: null });
  const promo = await promotions(tx, sub, start, first);
  return toQuote([...charges, ...discountLines(charges, promo.coupon, promo.discountCode)]);
}

async function dryRun(db: DbOrTx, scope: Scope, slug: string, selection: CheckoutSelection): Promise<CheckoutQuote> {
  const plan = await getCheckoutPlanOrThrow(db, { organizationId: scope.organizationId, slug });
  try {
    await db.transaction(async (tx) => {
      const [account] = await tx.insert(billingAccounts).values({ organizationId: scope.organizationId, name: "Checkout quote", email: "quote@checkout.invalid" }).returning();
      const { input, promo } = await subscriptionInputFor(tx, scope.organizationId, plan, selection, account!.id);
      const sub = await createSubscription(tx, { ...scope, actor: "checkout:quote" }, input).catch((error: unknown) => {
        throw checkoutErrorOf(error);
      });
      const [first] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.organizationId, scope.organizationId), eq(invoices.subscriptionId, sub.id)));
      const today = first ? toQuote((await getInvoiceOrThrow(tx, { organizationId: scope.organizationId, id: first.id })).lines.map((l) => ({ kind: l.kind, description: l.description, amount_cents: l.amountCents }))) : toQuote([]);
      const afterTrial = sub.trialEnd ? await projectedInvoice(tx, sub, sub.trialEnd, true) : null;
      const renewalStart = sub.trialEnd ? addInterval(sub.trialEnd, sub.billingInterval, sub.intervalCount) : sub.currentPeriodEnd;
      const recurring = await projectedInvoice(tx, sub, renewalStart, false);
      throw new DryRun({
        plan: { id: plan.id, slug: plan.slug, name: plan.name },
        currency: sub.currency,
        billing_cycle: { interval: sub.billingInterval, interval_count: sub.intervalCount },
        promo,
        trial: sub.trialEnd && sub.trialStart ? { days: Math.round((sub.trialEnd.getTime() - sub.trialStart.getTime()) / 86_400_000), ends_at: sub.trialEnd.toISOString() } : null,
        due_today: today,
        after_trial: afterTrial,
        recurring: { ...recurring, starts_at: renewalStart.toISOString() },
      });
    });
  } catch (error) {
    if (error instanceof DryRun) return error.quote;
    throw error;
  }
  throw new Error("unreachable: the dry run always rolls back");
}

/** The price of these choices: line items, discount, due today, the trial and the recurring amount. */
export async function quoteCheckout(db: DbOrTx, scope: Scope & { slug: string }, selection: unknown): Promise<CheckoutQuote> {
  const parsed = parseOrThrow(checkoutSelectionInput, selection);
  // A context of its own: whatever the dry run queued to run after commit is dropped with it.
  return withRequestContext(`checkout-quote-${crypto.randomUUID()}`, async () => {
    try {
      return await dryRun(db, scope, scope.slug, parsed);
    } finally {
      takeAfterSuccessTasks();
    }
  });
}
