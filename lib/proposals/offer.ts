import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, type Proposal } from "@/db/schema";
import { ApiError, invalid } from "@/lib/api/errors";
import { getPlanWithItemsOrThrow } from "@/lib/plans/plans";
import { currentRequestId, withRequestContext } from "@/lib/request-context";
import { createSubscription } from "@/lib/subscriptions/create";
import type { CreateSubscriptionInput } from "@/lib/subscriptions/input";
import type { SubscriptionWithItems, SubscriptionWriter } from "@/lib/subscriptions/versions";

// The bridge between a proposal and the subscription service: what an offer resolves to when
// it is made, and the CreateSubscriptionInput that reproduces it when it is accepted.
export type OfferedTerms = {
  items: Array<{ price_id: string; quantity: number }>;
  billingInterval: "month" | "year";
  intervalCount: number;
  trialDays: number;
  couponId: string | null;
  discountCodeId: string | null;
};

class OfferChecked extends Error {}
const DAY_MS = 86_400_000;

/**
 * Runs createSubscription on the offer and rolls it back, so the offer is checked by the very
 * code that runs at acceptance (account, plan, cycle, items, prices, currency, coupon and code
 * limits; errors name the same fields), and the proposal stores what it resolves to: every item
 * with its quantity, the cycle, the trial, the promotions. What the customer is shown is what
 * accepting creates.
 */
export async function resolveOffer(db: DbOrTx, scope: SubscriptionWriter, input: CreateSubscriptionInput): Promise<OfferedTerms> {
  let sub: SubscriptionWithItems | undefined;
  try {
    // Its own request context: the after-commit work of what is rolled back (webhook enqueues) goes with it.
    await withRequestContext(currentRequestId() ?? "proposal-offer", () =>
      db.transaction(async (savepoint) => {
        sub = await createSubscription(savepoint, scope, input);
        throw new OfferChecked();
      }),
    );
  } catch (error) {
    if (!(error instanceof OfferChecked)) throw error;
  }
  const s = sub!;
  return {
    items: s.items.map((i) => ({ price_id: i.priceId, quantity: i.quantity })),
    billingInterval: s.billingInterval,
    intervalCount: s.intervalCount,
    trialDays: s.trialEnd && s.trialStart ? Math.round((s.trialEnd.getTime() - s.trialStart.getTime()) / DAY_MS) : 0,
    couponId: s.couponId,
    discountCodeId: s.discountCodeId,
  };
}

async function promoCode(db: DbOrTx, organizationId: string, kind: "coupon" | "discount_code", id: string | null): Promise<string | undefined> {
  if (!id) return undefined;
  const table = kind === "coupon" ? coupons : discountCodes;
  const [row] = await db.select({ code: table.code }).from(table).where(and(eq(table.id, id), eq(table.organizationId, organizationId)));
  if (!row) throw invalid(kind, "no longer exists");
  return row.code.toUpperCase();
}

/**
 * The subscription input that reproduces the offer. With a plan, the stored items split by the
 * plan's own items: its optional ones are add-ons, the others quantity overrides.
 */
export async function subscriptionInputFor(db: DbOrTx, scope: { organizationId: string }, p: Proposal): Promise<CreateSubscriptionInput> {
  const items = p.items ?? [];
  const base = {
    billing_account_id: p.billingAccountId,
    billing_cycle: p.billingInterval ? { interval: p.billingInterval, interval_count: p.intervalCount ?? 1 } : undefined,
    trial_days: p.trialDays ?? undefined,
    coupon: await promoCode(db, scope.organizationId, "coupon", p.couponId),
    discount_code: await promoCode(db, scope.organizationId, "discount_code", p.discountCodeId),
  };
  if (!p.planId) return { ...base, items };
  const plan = await getPlanWithItemsOrThrow(db, { organizationId: scope.organizationId, id: p.planId });
  const optional = new Set(plan.items.filter((i) => i.optional).map((i) => i.priceId));
  return {
    ...base,
    plan_id: p.planId,
    quantities: Object.fromEntries(items.filter((i) => !optional.has(i.price_id)).map((i) => [i.price_id, i.quantity])),
    add_ons: items.filter((i) => optional.has(i.price_id)),
  };
}

/** A plan that gained a required item since the offer would bill for more than was offered: refuse. */
export function assertMatchesOffer(sub: SubscriptionWithItems, p: Proposal): void {
  const offered = new Map((p.items ?? []).map((i) => [i.price_id, i.quantity]));
  const same = sub.items.length === offered.size && sub.items.every((i) => offered.get(i.priceId) === i.quantity);
  if (!same) {
    throw new ApiError("resource_conflict", "The plan's items changed since this proposal was made, so it can no longer be accepted as offered; make a new proposal", { param: "plan_id" });
  }
}
