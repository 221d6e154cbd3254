import { z } from "zod";
import type { DbOrTx } from "@/db";
import { invalid } from "@/lib/api/errors";
import { applySubscriptionChange, computeChange } from "@/lib/subscriptions/change";
import type { SubscriptionChangeInput } from "@/lib/subscriptions/change-input";
import { cancelSubscription, pauseSubscription, reactivateSubscription, resumeSubscription } from "@/lib/subscriptions/lifecycle";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";
import type { CancelReason } from "./cancel-reasons";
import { summarizeChange, type ChangeSummary } from "./change-summary";
import { itemQuantitiesInput } from "./item-change";
import { loadPriceViews } from "./items";
import type { PortalActor } from "./account";
import { fail, guarded, ok, writerOf, type PortalResult } from "./outcome";
import { ownsSubscription, planOptions } from "./subscriptions";

// What a customer does to a subscription in the portal, through the same services as the API:
// computeChange for the preview, applySubscriptionChange (with the previewed amount) to apply,
// and the lifecycle actions. Each checks manage_subscriptions and that the subscription is the
// viewer's account's before the service sees its id.

/** The change form: a plan, a cycle ("month:1") and quantities by price id, as the customer left them. */
export const portalChangeRequest = z.strictObject({
  plan_id: z.uuid().optional(),
  cycle: z.string().regex(/^(month|year):([1-9]|[1-2][0-9]|3[0-6])$/).optional(),
  quantities: z.record(z.uuid(), z.number().int().min(0).max(1_000_000)).optional(),
});
export type PortalChangeRequest = z.output<typeof portalChangeRequest>;

const parseCycle = (cycle: string) => {
  const [interval, count] = cycle.split(":");
  return { interval: interval as "month" | "year", interval_count: Number(count) };
};

/**
 * The service input for what the customer changed. A new plan or cycle is a plan change (the
 * engine carries the add-ons over); otherwise the quantities that differ from the current ones
 * (see itemQuantitiesInput: the other items keep theirs). A new plan must be one the page offers
 * (planOptions): a private plan is the merchant's to give, by link or by the API, never by a
 * plan id typed into the form.
 */
async function toChangeInput(db: DbOrTx, actor: PortalActor, subscriptionId: string, request: PortalChangeRequest): Promise<SubscriptionChangeInput | null> {
  const sub = await getSubscriptionOrThrow(db, { organizationId: actor.tenant.id, id: subscriptionId });
  const current = `${sub.billingInterval}:${sub.intervalCount}`;
  const planChanged = request.plan_id !== undefined && request.plan_id !== sub.planId;
  const cycleChanged = request.cycle !== undefined && request.cycle !== current;
  if (planChanged || cycleChanged) {
    if (planChanged && !(await planOptions(db, actor, sub)).some((p) => p.id === request.plan_id)) throw invalid("plan_id", "this plan is not offered in the portal");
    return {
      ...(planChanged ? { plan_id: request.plan_id } : sub.planId ? { plan_id: sub.planId } : {}),
      ...(cycleChanged ? { billing_cycle: parseCycle(request.cycle!) } : {}),
    };
  }
  const changed = Object.entries(request.quantities ?? {}).filter(([priceId, q]) => sub.items.some((i) => i.priceId === priceId && i.quantity !== q));
  return changed.length ? itemQuantitiesInput(db, sub, Object.fromEntries(changed)) : null;
}

async function preview(db: DbOrTx, actor: PortalActor, subscriptionId: string, input: SubscriptionChangeInput): Promise<ChangeSummary> {
  const { preview, subscription, target } = await computeChange(db, { organizationId: actor.tenant.id, id: subscriptionId }, input);
  const priceIds = [...subscription.items.map((i) => i.priceId), ...target.items.map((t) => t.price.id)];
  const names = await loadPriceViews(db, actor.tenant.id, priceIds);
  return summarizeChange(preview, names, subscription.currency, actor.locale);
}

/** The proration preview of a change: computeChange, as POST /subscriptions/:id/change/preview answers it. */
export function previewPortalChange(db: DbOrTx, actor: PortalActor, subscriptionId: string, request: PortalChangeRequest): Promise<PortalResult<ChangeSummary>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await ownsSubscription(db, actor, subscriptionId))) return fail("not_found");
    const input = await toChangeInput(db, actor, subscriptionId, request);
    if (!input) return fail("no_change");
    return ok(await preview(db, actor, subscriptionId, input));
  });
}

/** Previews an explicit service input (the products section builds its own). */
export function previewPortalChangeInput(db: DbOrTx, actor: PortalActor, subscriptionId: string, input: SubscriptionChangeInput): Promise<PortalResult<ChangeSummary>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await ownsSubscription(db, actor, subscriptionId))) return fail("not_found");
    return ok(await preview(db, actor, subscriptionId, input));
  });
}

export type AppliedChange = { timing: "immediate" | "end_of_cycle"; invoiceId: string | null };

/** Applies a change, refused when the amount due now is no longer the one the customer saw. */
export function applyPortalChangeInput(db: DbOrTx, actor: PortalActor, subscriptionId: string, input: SubscriptionChangeInput, expectedAmountDueNowCents: number): Promise<PortalResult<AppliedChange>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await ownsSubscription(db, actor, subscriptionId))) return fail("not_found");
    const result = await applySubscriptionChange(db, { ...writerOf(actor), id: subscriptionId }, { ...input, expected_amount_due_now_cents: expectedAmountDueNowCents });
    return ok({ timing: result.preview.timing, invoiceId: result.invoice?.id ?? null });
  });
}

export function applyPortalChange(db: DbOrTx, actor: PortalActor, subscriptionId: string, request: PortalChangeRequest, expectedAmountDueNowCents: number): Promise<PortalResult<AppliedChange>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await ownsSubscription(db, actor, subscriptionId))) return fail("not_found");
    const input = await toChangeInput(db, actor, subscriptionId, request);
    if (!input) return fail("no_change");
    return applyPortalChangeInput(db, actor, subscriptionId, input, expectedAmountDueNowCents);
  });
}

type Done = PortalResult<{ status: string }>;

function lifecycle(db: DbOrTx, actor: PortalActor, subscriptionId: string, run: (scope: ReturnType<typeof writerOf> & { id: string }) => Promise<{ status: string }>): Promise<Done> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await ownsSubscription(db, actor, subscriptionId))) return fail("not_found");
    const updated = await run({ ...writerOf(actor), id: subscriptionId });
    return ok({ status: updated.status });
  });
}

/** Pauses billing; with a date, billing resumes by itself on that day (00:00 UTC). */
export function pausePortalSubscription(db: DbOrTx, actor: PortalActor, subscriptionId: string, input: { resumeAt: Date | null }): Promise<Done> {
  return lifecycle(db, actor, subscriptionId, (scope) => pauseSubscription(db, scope, input.resumeAt ? { resume_at: input.resumeAt } : {}));
}

export function resumePortalSubscription(db: DbOrTx, actor: PortalActor, subscriptionId: string): Promise<Done> {
  return lifecycle(db, actor, subscriptionId, (scope) => resumeSubscription(db, scope));
}

/** Cancels now or at the period's end; the reason is stored as "<code>: <the customer's words>". */
export function cancelPortalSubscription(
  db: DbOrTx,
  actor: PortalActor,
  subscriptionId: string,
  input: { atPeriodEnd: boolean; reason: CancelReason; details: string },
): Promise<Done> {
  const details = input.details.trim().slice(0, 480);
  const reason = details ? `${input.reason}: ${details}` : input.reason;
  return lifecycle(db, actor, subscriptionId, (scope) => cancelSubscription(db, scope, { at_period_end: input.atPeriodEnd, cancellation_reason: reason }));
}

export function reactivatePortalSubscription(db: DbOrTx, actor: PortalActor, subscriptionId: string): Promise<Done> {
  return lifecycle(db, actor, subscriptionId, (scope) => reactivateSubscription(db, scope));
}
