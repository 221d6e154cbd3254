import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { subscriptions, type Subscription } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { serializeSubscription } from "@/lib/api/resources/subscriptions";
import { addInterval } from "@/lib/billing/periods";
import { now as clockNow } from "@/lib/clock";
import type { EventType } from "@/lib/webhooks/event-types";
import { emitEvent } from "@/lib/webhooks/emit";
import { invoiceResumedPeriod, invoiceUsageToPause } from "@/lib/billing-runs/renew";
import type { CancelSubscriptionInput, PauseSubscriptionInput } from "./lifecycle-input";
import { assertStatus, getSubscriptionOrThrow, writeVersion, type SubscriptionWithItems, type SubscriptionWriter } from "./versions";

// Pause, resume, cancel, reactivate: each locks the subscription, checks its state (409 when
// the action does not apply), writes, records a version and emits an event, in one transaction.
type Writer = SubscriptionWriter;
type Scope = Writer & { id: string };
export type Change = Partial<Pick<typeof subscriptions.$inferInsert,
  "status" | "currentPeriodStart" | "currentPeriodEnd" | "billingCycleAnchor" | "cancelAtPeriodEnd" | "canceledAt" | "cancellationReason" | "endedAt" | "pausedAt" | "resumeAt" | "pendingChange">>;

const conflict = (message: string, param: string | null = "status") => new ApiError("resource_conflict", message, { param });
const billable: Subscription["status"][] = ["trialing", "active", "past_due"];

async function act(
  db: DbOrTx,
  scope: Scope,
  action: { reason: string; event?: EventType },
  decide: (sub: SubscriptionWithItems, at: Date) => Change,
  after?: (tx: DbOrTx, updated: SubscriptionWithItems) => Promise<unknown>,
): Promise<SubscriptionWithItems> {
  return db.transaction(async (tx) => {
    const sub = await getSubscriptionOrThrow(tx, scope, { forUpdate: true });
    const change = decide(sub, clockNow());
    await tx.update(subscriptions).set(change).where(and(eq(subscriptions.id, sub.id), eq(subscriptions.organizationId, scope.organizationId)));
    const updated = await writeVersion(tx, scope, action.reason, scope.actor);
    if (after) await after(tx, updated);
    await emitEvent(tx, { organizationId: scope.organizationId, type: action.event ?? "subscription.updated", data: serializeSubscription(updated, scope.mode) });
    return updated;
  });
}

/** Stops billing: the usage so far is invoiced, then nothing while paused (the renewal run skips paused subscriptions). */
export function pauseSubscription(db: DbOrTx, scope: Scope, input: PauseSubscriptionInput) {
  return act(db, scope, { reason: "paused" }, (sub, at) => {
    assertStatus(sub, billable, "pause");
    if (input.resume_at && input.resume_at.getTime() <= at.getTime()) {
      throw new ApiError("validation_failed", "Invalid resume_at: must be in the future", { param: "resume_at" });
    }
    return { status: "paused", pausedAt: at, resumeAt: input.resume_at ?? null };
  }, (tx, paused) => invoiceUsageToPause(tx, scope, paused));
}

/**
 * Billing restarts now with a fresh period (the anchor moves to now): the customer does not pay
 * for the paused time, and what they had paid for before the pause is not carried over either.
 * Back in a trial that has not ended, the period runs to trial_end (as when the trial began).
 * A pending end-of-cycle change moves to the new period's end. The fresh period is invoiced at once.
 */
export function resumeSubscription(db: DbOrTx, scope: Scope) {
  return act(db, scope, { reason: "resumed" }, (sub, at) => {
    assertStatus(sub, ["paused"], "resume");
    return resumedState(sub, at);
  }, (tx, resumed) => invoiceResumedPeriod(tx, scope, resumed));
}

/** The subscription's state when it resumes at `at` (by hand or at its resume_at). */
export function resumedState(sub: SubscriptionWithItems, at: Date): Change {
  const inTrial = sub.trialEnd !== null && sub.trialEnd.getTime() > at.getTime();
  const end = inTrial ? sub.trialEnd! : addInterval(at, sub.billingInterval, sub.intervalCount);
  return {
    status: inTrial ? "trialing" : "active",
    pausedAt: null,
    resumeAt: null,
    currentPeriodStart: at,
    currentPeriodEnd: end,
    billingCycleAnchor: inTrial ? end : at,
    pendingChange: sub.pendingChange ? { ...sub.pendingChange, effective_at: end.toISOString() } : null,
  };
}

/**
 * Now: the subscription ends (status canceled, canceled_at = ended_at = now; a pending change is
 * dropped) and `subscription.canceled` is emitted. At period end: it keeps running until
 * current_period_end (cancel_at_period_end, canceled_at = now) and `subscription.updated` is
 * emitted; the renewal worker ends it then. Only a running subscription (trialing, active,
 * past_due) can be set to cancel at period end; any subscription not yet canceled can be ended now.
 */
export function cancelSubscription(db: DbOrTx, scope: Scope, input: CancelSubscriptionInput) {
  const reason = input.cancellation_reason ?? null;
  if (!input.at_period_end) {
    return act(db, scope, { reason: "canceled", event: "subscription.canceled" }, (sub, at) => {
      if (sub.status === "canceled") throw conflict("This subscription is already canceled");
      return { status: "canceled", canceledAt: at, endedAt: at, cancelAtPeriodEnd: false, cancellationReason: reason ?? sub.cancellationReason, pendingChange: null };
    });
  }
  return act(db, scope, { reason: "cancel_scheduled" }, (sub, at) => {
    if (sub.status === "canceled") throw conflict("This subscription is already canceled");
    assertStatus(sub, billable, "cancel at period end");
    if (sub.cancelAtPeriodEnd) throw conflict("This subscription is already set to cancel at the end of the period", "at_period_end");
    return { cancelAtPeriodEnd: true, canceledAt: at, cancellationReason: reason };
  });
}

/** Undoes a cancel-at-period-end while the period it ends has not ended yet. */
export function reactivateSubscription(db: DbOrTx, scope: Scope) {
  return act(db, scope, { reason: "reactivated" }, (sub, at) => {
    if (sub.status === "canceled") throw conflict("A canceled subscription cannot be reactivated; create a new one");
    if (!sub.cancelAtPeriodEnd) throw conflict("This subscription is not set to cancel at the end of the period", "cancel_at_period_end");
    if (at.getTime() >= sub.currentPeriodEnd.getTime()) throw conflict("The period this cancellation ends has already ended", "current_period_end");
    return { cancelAtPeriodEnd: false, canceledAt: null, cancellationReason: null };
  });
}
