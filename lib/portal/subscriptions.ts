import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { plans, subscriptionItems, subscriptions, type BillingCycle, type Subscription } from "@/db/schema";
import { loadPlanItems } from "@/lib/plans/items";
import { loadPriceViews, periodAmountCents, type PriceView } from "./items";
import { isUuid, type PortalActor } from "./account";

// The Subscriptions section's reads: the viewer's billing account's subscriptions only (every
// query filters by organization AND billing account), with plan, items and prices by name.
export type PortalSubscriptionItem = {
  id: string;
  priceId: string;
  quantity: number;
  price: Omit<PriceView, "row">;
  /** Per period; null for metered items (billed on usage). */
  amountCents: number | null;
};

export type PortalSubscription = {
  id: string;
  status: Subscription["status"];
  planId: string | null;
  planName: string | null;
  currency: string;
  cycle: BillingCycle;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  pausedAt: Date | null;
  resumeAt: Date | null;
  pendingChange: { effectiveAt: Date; planName: string | null } | null;
  items: PortalSubscriptionItem[];
  /** The licensed items' amount per period (metered usage comes on top). */
  recurringCents: number;
  createdAt: Date;
};

const ofAccount = (actor: PortalActor) =>
  and(eq(subscriptions.organizationId, actor.tenant.id), eq(subscriptions.billingAccountId, actor.user.billingAccountId));

/** The account's subscriptions, newest first: running ones before ended ones. */
export async function listPortalSubscriptions(db: DbOrTx, actor: PortalActor): Promise<PortalSubscription[]> {
  const rows = await db.select().from(subscriptions).where(ofAccount(actor)).orderBy(desc(subscriptions.createdAt), desc(subscriptions.id)).limit(100);
  const views = await describe(db, actor, rows);
  const ended = (s: PortalSubscription) => (s.status === "canceled" ? 1 : 0);
  return views.sort((a, b) => ended(a) - ended(b));
}

/** One subscription of the account, or null (another account's or tenant's id is not found). */
export async function getPortalSubscription(db: DbOrTx, actor: PortalActor, id: string): Promise<PortalSubscription | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(subscriptions).where(and(eq(subscriptions.id, id), ofAccount(actor)));
  if (!row) return null;
  return (await describe(db, actor, [row]))[0]!;
}

/** True when the subscription belongs to the viewer's account: every action checks it before calling a service. */
export async function ownsSubscription(db: DbOrTx, actor: PortalActor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.id, id), ofAccount(actor)));
  return row !== undefined;
}

async function describe(db: DbOrTx, actor: PortalActor, rows: Subscription[]): Promise<PortalSubscription[]> {
  if (rows.length === 0) return [];
  const organizationId = actor.tenant.id;
  const items = await db
    .select()
    .from(subscriptionItems)
    .where(and(eq(subscriptionItems.organizationId, organizationId), inArray(subscriptionItems.subscriptionId, rows.map((r) => r.id))))
    .orderBy(asc(subscriptionItems.createdAt), asc(subscriptionItems.id));
  const priceViews = await loadPriceViews(db, organizationId, items.map((i) => i.priceId));
  const planIds = [...new Set(rows.flatMap((r) => [r.planId, r.pendingChange?.plan_id ?? null]).filter((id): id is string => id !== null))];
  const planNames = new Map(
    planIds.length
      ? (await db.select({ id: plans.id, name: plans.name }).from(plans).where(and(eq(plans.organizationId, organizationId), inArray(plans.id, planIds)))).map((p) => [p.id, p.name])
      : [],
  );
  return rows.map((row) => {
    const own = items
      .filter((i) => i.subscriptionId === row.id && priceViews.has(i.priceId))
      .map((i): PortalSubscriptionItem => {
        const { row: _raw, ...price } = priceViews.get(i.priceId)!;
        void _raw;
        return { id: i.id, priceId: i.priceId, quantity: i.quantity, price, amountCents: periodAmountCents(priceViews.get(i.priceId)!, i.quantity) };
      });
    return {
      id: row.id,
      status: row.status,
      planId: row.planId,
      planName: row.planId ? (planNames.get(row.planId) ?? null) : null,
      currency: row.currency,
      cycle: { interval: row.billingInterval, interval_count: row.intervalCount },
      currentPeriodStart: row.currentPeriodStart,
      currentPeriodEnd: row.currentPeriodEnd,
      trialEnd: row.trialEnd,
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      canceledAt: row.canceledAt,
      endedAt: row.endedAt,
      pausedAt: row.pausedAt,
      resumeAt: row.resumeAt,
      pendingChange: row.pendingChange
        ? { effectiveAt: new Date(row.pendingChange.effective_at), planName: row.pendingChange.plan_id ? (planNames.get(row.pendingChange.plan_id) ?? null) : null }
        : null,
      items: own,
      recurringCents: own.reduce((sum, i) => sum + (i.amountCents ?? 0), 0),
      createdAt: row.createdAt,
    };
  });
}

export type PlanOption = { id: string; name: string; cycles: BillingCycle[] };

/**
 * The plans a customer may move to: the organization's active public plans with a price in the
 * subscription's currency, and the current plan (even when private). The service decides the rest.
 */
export async function planOptions(db: DbOrTx, actor: PortalActor, sub: Pick<PortalSubscription, "planId" | "currency">): Promise<PlanOption[]> {
  const organizationId = actor.tenant.id;
  const visible = sub.planId ? or(and(eq(plans.status, "active"), eq(plans.visibility, "public")), eq(plans.id, sub.planId)) : and(eq(plans.status, "active"), eq(plans.visibility, "public"));
  const rows = await db.select().from(plans).where(and(eq(plans.organizationId, organizationId), visible)).orderBy(asc(plans.createdAt)).limit(50);
  const itemsByPlan = await loadPlanItems(db, organizationId, rows.map((p) => p.id));
  const priceViews = await loadPriceViews(db, organizationId, [...itemsByPlan.values()].flat().map((i) => i.priceId));
  return rows
    .filter((p) => p.id === sub.planId || (itemsByPlan.get(p.id) ?? []).some((i) => priceViews.get(i.priceId)?.currency === sub.currency))
    .map((p) => ({ id: p.id, name: p.name, cycles: p.billingCycles }));
}
