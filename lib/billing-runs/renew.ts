import { and, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations, subscriptions } from "@/db/schema";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { addInterval, periodContaining, type Period } from "@/lib/billing/periods";
import { getPricesByIds } from "@/lib/catalog/prices";
import { log } from "@/lib/log";
import { syncItems } from "@/lib/subscriptions/items";
import { resumedState } from "@/lib/subscriptions/lifecycle";
import { getSubscriptionOrThrow, writeVersion, type SubscriptionWithItems } from "@/lib/subscriptions/versions";
import type { EventType } from "@/lib/webhooks/event-types";
import { emitEvent } from "@/lib/webhooks/emit";
import { billableItems, issueCycleInvoice } from "./cycle-invoice";

// The renewal worker's unit of work: one subscription, one transaction, one step:
// - scheduled and start_at reached: starts (trialing, or active with its first invoice);
// - paused and resume_at reached: resumes with a fresh period, invoiced;
// - running (trialing, active, past_due) and current_period_end reached: bills the period that
//   ended (metered usage, in arrears; nothing for a trial), applies a pending end-of-cycle
//   change, moves to the next period and bills it in advance; or, set to cancel at period end,
//   ends with a final invoice for the usage.
// Re-running it is harmless: the subscription is locked and re-checked, and the cycle invoice is
// unique per (subscription, period start). A subscription several periods behind catches up one
// period per call (runRenewals loops).
export const RENEWAL_ACTOR = "system:renewal";
type Scope = { organizationId: string; mode: "live" | "test" };
export type RenewalOutcome = "started" | "resumed" | "renewed" | "canceled" | "skipped";

const where = (sub: SubscriptionWithItems) => and(eq(subscriptions.id, sub.id), eq(subscriptions.organizationId, sub.organizationId));

async function record(tx: DbOrTx, scope: Scope, sub: SubscriptionWithItems, reason: string, event: EventType) {
  const updated = await writeVersion(tx, { organizationId: scope.organizationId, id: sub.id }, reason, RENEWAL_ACTOR);
  await emitEvent(tx, { organizationId: scope.organizationId, type: event, data: serializeSubscription(updated, scope.mode) });
  return updated;
}

/** Invoices the fresh period of a subscription that has just resumed active (not in a trial). */
export async function invoiceResumedPeriod(tx: DbOrTx, scope: Scope, sub: SubscriptionWithItems) {
  if (sub.status !== "active") return null;
  return issueCycleInvoice(tx, scope, { reason: "subscription_cycle", advance: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd }, arrears: null, subscription: sub });
}

/**
 * A subscription that pauses bills the metered usage of its period so far (up to the pause):
 * nothing is billed while paused, and the period that resumes starts afresh. A trial's usage is free.
 */
export async function invoiceUsageToPause(tx: DbOrTx, scope: Scope, sub: SubscriptionWithItems) {
  const pausedAt = sub.pausedAt!;
  if (sub.trialEnd && sub.trialEnd > pausedAt) return null;
  const items = await billableItems(tx, sub);
  if (!items.some((i) => i.price.usage_type === "metered")) return null;
  return issueCycleInvoice(tx, scope, { reason: "subscription_update", advance: null, arrears: { period: { start: sub.currentPeriodStart, end: pausedAt }, items }, subscription: sub });
}

export async function renewSubscription(db: DbOrTx, scope: Scope & { id: string }, at: Date): Promise<RenewalOutcome> {
  return db.transaction(async (tx) => {
    const sub = await getSubscriptionOrThrow(tx, scope, { forUpdate: true });
    if (sub.status === "scheduled" && sub.startAt <= at) {
      const status = sub.trialEnd ? "trialing" : "active";
      await tx.update(subscriptions).set({ status }).where(where(sub));
      const started = await record(tx, scope, { ...sub, status }, "started", "subscription.updated");
      if (status === "active") {
        await issueCycleInvoice(tx, scope, { reason: "subscription_create", advance: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd }, arrears: null, subscription: started });
      }
      return "started";
    }
    if (sub.status === "paused" && sub.resumeAt && sub.resumeAt <= at) {
      await tx.update(subscriptions).set(resumedState(sub, sub.resumeAt)).where(where(sub));
      const resumed = await record(tx, scope, sub, "resumed", "subscription.updated");
      await invoiceResumedPeriod(tx, scope, resumed);
      return "resumed";
    }
    if (!["trialing", "active", "past_due"].includes(sub.status) || sub.currentPeriodEnd > at) return "skipped";

    const ended: Period = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
    const inTrial = sub.status === "trialing";
    const arrears = inTrial ? null : { period: ended, items: await billableItems(tx, sub) };
    if (sub.cancelAtPeriodEnd) {
      await issueCycleInvoice(tx, scope, { reason: "subscription_final", advance: null, arrears, subscription: sub });
      await tx.update(subscriptions).set({ status: "canceled", endedAt: ended.end, pendingChange: null }).where(where(sub));
      await record(tx, scope, sub, "canceled", "subscription.canceled");
      return "canceled";
    }

    let { planId, billingInterval: interval, intervalCount: count, billingCycleAnchor: anchor } = sub;
    const pending = sub.pendingChange && new Date(sub.pendingChange.effective_at) <= ended.end ? sub.pendingChange : null;
    if (pending) {
      const found = await getPricesByIds(tx, { organizationId: sub.organizationId }, pending.items.map((i) => i.price_id));
      await syncItems(tx, sub, pending.items.map((i) => ({ priceId: i.price_id, productId: found.get(i.price_id)!.productId, quantity: i.quantity })));
      const first = found.get(pending.items[0]!.price_id)!;
      planId = pending.plan_id;
      if (first.recurringInterval !== interval || first.intervalCount !== count) {
        [interval, count, anchor] = [first.recurringInterval, first.intervalCount, ended.end];
      }
    }
    const next = anchor.getTime() === ended.end.getTime()
      ? { start: ended.end, end: addInterval(ended.end, interval, count) }
      : periodContaining(anchor, interval, count, ended.end);
    await tx
      .update(subscriptions)
      .set({
        planId, billingInterval: interval, intervalCount: count, billingCycleAnchor: anchor,
        currentPeriodStart: next.start, currentPeriodEnd: next.end,
        status: inTrial ? "active" : sub.status,
        pendingChange: pending ? null : sub.pendingChange,
      })
      .where(where(sub));
    const renewed = await record(tx, scope, sub, pending ? "renewed_with_change" : "renewed", "subscription.updated");
    // Without a pending change the items billed in advance are the ones just read for the arrears.
    await issueCycleInvoice(tx, scope, { reason: "subscription_cycle", advance: next, arrears, subscription: renewed, items: pending ? undefined : arrears?.items });
    return "renewed";
  });
}

/** Subscriptions with something due at `at`, oldest first. */
export async function dueSubscriptions(db: DbOrTx, at: Date, limit: number, exclude: string[] = []) {
  return db
    .select({ id: subscriptions.id, organizationId: subscriptions.organizationId, mode: organizations.mode })
    .from(subscriptions)
    .innerJoin(organizations, eq(organizations.id, subscriptions.organizationId))
    .where(
      and(
        or(
          and(inArray(subscriptions.status, ["trialing", "active", "past_due"]), sql`${subscriptions.currentPeriodEnd} <= ${at.toISOString()}::timestamptz`),
          and(eq(subscriptions.status, "scheduled"), sql`${subscriptions.startAt} <= ${at.toISOString()}::timestamptz`),
          and(eq(subscriptions.status, "paused"), sql`${subscriptions.resumeAt} <= ${at.toISOString()}::timestamptz`),
        ),
        exclude.length ? notInArray(subscriptions.id, exclude) : undefined,
      ),
    )
    .orderBy(subscriptions.currentPeriodEnd)
    .limit(limit);
}

/**
 * Renews everything due at `at`, `concurrency` subscriptions at a time, until nothing is due
 * (a subscription behind by several periods is renewed once per pass). A subscription whose
 * renewal fails is logged and left for the next run.
 */
export async function runRenewals(db: DbOrTx, at: Date, options: { concurrency?: number; batch?: number } = {}) {
  const concurrency = options.concurrency ?? 4;
  const counts: Record<RenewalOutcome | "failed", number> = { started: 0, resumed: 0, renewed: 0, canceled: 0, skipped: 0, failed: 0 };
  const failed: string[] = [];
  for (;;) {
    const due = await dueSubscriptions(db, at, options.batch ?? 500, failed);
    if (due.length === 0) return counts;
    let next = 0;
    let progress = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, due.length) }, async () => {
        while (next < due.length) {
          const item = due[next++]!;
          try {
            const outcome = await renewSubscription(db, item, at);
            counts[outcome]++;
            if (outcome !== "skipped") progress++;
          } catch (error) {
            counts.failed++;
            failed.push(item.id);
            log.error("subscription renewal failed", { subscriptionId: item.id, error });
          }
        }
      }),
    );
    // Nothing moved (all skipped or failed): stop rather than fetch the same rows again.
    if (progress === 0) return counts;
  }
}
