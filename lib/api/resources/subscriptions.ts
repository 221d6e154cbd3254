import { z } from "zod";
import type { SubscriptionVersion } from "@/db/schema";
import { createSubscriptionInput } from "@/lib/subscriptions/input";
import { applySubscriptionChangeInput, previewSubscriptionChangeInput, subscriptionChangePreviewObject } from "@/lib/subscriptions/change-input";
import { replaceItemsInput } from "@/lib/subscriptions/items";
import { cancelSubscriptionInput, noParamsInput, pauseSubscriptionInput } from "@/lib/subscriptions/lifecycle-input";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

const subscriptionItemObject = z
  .object({ id: z.uuid(), object: z.literal("subscription_item"), product_id: z.uuid(), price_id: z.uuid(), quantity: z.number().int() })
  .meta({ id: "SubscriptionItem" });

export const subscriptionObject = z
  .object({
    id: z.uuid(),
    object: z.literal("subscription"),
    livemode: z.boolean(),
    billing_account_id: z.uuid(),
    plan_id: z.uuid().nullable(),
    status: z.enum(["scheduled", "trialing", "active", "past_due", "unpaid", "canceled", "paused", "incomplete"]),
    currency: z.string(),
    billing_cycle: z.object({ interval: z.enum(["month", "year"]), interval_count: z.number().int() }),
    billing_cycle_anchor: z.iso.datetime(),
    current_period_start: z.iso.datetime(),
    current_period_end: z.iso.datetime(),
    start_at: z.iso.datetime(),
    trial_start: z.iso.datetime().nullable(),
    trial_end: z.iso.datetime().nullable(),
    cancel_at_period_end: z.boolean(),
    canceled_at: z.iso.datetime().nullable(),
    cancellation_reason: z.string().nullable(),
    ended_at: z.iso.datetime().nullable(),
    paused_at: z.iso.datetime().nullable(),
    resume_at: z.iso.datetime().nullable(),
    coupon_id: z.uuid().nullable(),
    discount_code_id: z.uuid().nullable(),
    pending_change: z.record(z.string(), z.unknown()).nullable().meta({ description: "A change that applies at the end of the period" }),
    items: z.array(subscriptionItemObject),
    version: z.number().int(),
    metadata: z.record(z.string(), z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Subscription" });

export function serializeSubscription(row: SubscriptionWithItems, mode: "live" | "test"): z.output<typeof subscriptionObject> {
  return {
    id: row.id,
    object: "subscription",
    livemode: mode === "live",
    billing_account_id: row.billingAccountId,
    plan_id: row.planId,
    status: row.status,
    currency: row.currency,
    billing_cycle: { interval: row.billingInterval, interval_count: row.intervalCount },
    billing_cycle_anchor: row.billingCycleAnchor.toISOString(),
    current_period_start: row.currentPeriodStart.toISOString(),
    current_period_end: row.currentPeriodEnd.toISOString(),
    start_at: row.startAt.toISOString(),
    trial_start: iso(row.trialStart),
    trial_end: iso(row.trialEnd),
    cancel_at_period_end: row.cancelAtPeriodEnd,
    canceled_at: iso(row.canceledAt),
    cancellation_reason: row.cancellationReason,
    ended_at: iso(row.endedAt),
    paused_at: iso(row.pausedAt),
    resume_at: iso(row.resumeAt),
    coupon_id: row.couponId,
    discount_code_id: row.discountCodeId,
    pending_change: row.pendingChange,
    items: row.items.map((i) => ({ id: i.id, object: "subscription_item" as const, product_id: i.productId, price_id: i.priceId, quantity: i.quantity })),
    version: row.version,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const subscriptionVersionObject = z
  .object({ id: z.uuid(), object: z.literal("subscription_version"), version: z.number().int(), reason: z.string(), actor: z.string(), snapshot: z.record(z.string(), z.unknown()), created_at: z.iso.datetime() })
  .meta({ id: "SubscriptionVersion" });

export function serializeVersion(row: SubscriptionVersion) {
  return { id: row.id, object: "subscription_version" as const, version: row.version, reason: row.reason, actor: row.actor, snapshot: row.snapshot, created_at: row.createdAt.toISOString() };
}

const tag = "subscriptions";
const read = "subscriptions:read";
const write = "subscriptions:write";

export const subscriptionOps = {
  create: defineOperation({
    operationId: "createSubscription", method: "POST", path: "/subscriptions", tag, summary: "Create a subscription",
    description: "From a plan (its items on the chosen billing_cycle, `add_ons` among its optional items, `quantities` overrides) or from explicit `items`. Trial: the plan's trial_days unless `trial_days` is sent. A future `start_at` schedules it. Coupons and discount codes are checked and counted atomically.",
    scope: write, body: createSubscriptionInput, response: subscriptionObject, successStatus: 201, errors: ["reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listSubscriptions", method: "GET", path: "/subscriptions", tag, summary: "List subscriptions",
    scope: read,
    query: z.strictObject({
      ...listQueryShape,
      billing_account_id: z.uuid().optional(),
      plan_id: z.uuid().optional(),
      status: z.enum(["scheduled", "trialing", "active", "past_due", "unpaid", "canceled", "paused", "incomplete"]).optional(),
    }),
    response: listEnvelope(subscriptionObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveSubscription", method: "GET", path: "/subscriptions/{id}", tag, summary: "Retrieve a subscription",
    scope: read, params: idParams, response: subscriptionObject,
  }),
  versions: defineOperation({
    operationId: "listSubscriptionVersions", method: "GET", path: "/subscriptions/{id}/versions", tag, summary: "A subscription's history: every change, with a full snapshot",
    scope: read, params: idParams, query: z.strictObject({ ...listQueryShape }), response: listEnvelope(subscriptionVersionObject), list: true, resourceName: "subscription",
  }),
  replaceItems: defineOperation({
    operationId: "replaceSubscriptionItems", method: "PUT", path: "/subscriptions/{id}/items", tag, summary: "Replace the subscription's items atomically",
    description: "The new set takes effect for the next period's invoice; no proration (use the change endpoints for that). Items whose price stays keep their id.",
    scope: write, params: idParams, body: replaceItemsInput, response: subscriptionObject, resourceName: "subscription",
  }),
  pause: defineOperation({
    operationId: "pauseSubscription", method: "POST", path: "/subscriptions/{id}/pause", tag, summary: "Pause a subscription",
    description: "From trialing, active or past_due. No invoices while paused. With `resume_at`, billing resumes by itself then.",
    scope: write, params: idParams, body: pauseSubscriptionInput, response: subscriptionObject, resourceName: "subscription",
  }),
  resume: defineOperation({
    operationId: "resumeSubscription", method: "POST", path: "/subscriptions/{id}/resume", tag, summary: "Resume a paused subscription",
    description: "A fresh period starts now (the billing cycle anchor moves to now): the paused time is not billed. Back to trialing when the trial has not ended (the period then runs to trial_end), else active.",
    scope: write, params: idParams, body: noParamsInput, response: subscriptionObject, resourceName: "subscription",
  }),
  cancel: defineOperation({
    operationId: "cancelSubscription", method: "POST", path: "/subscriptions/{id}/cancel", tag, summary: "Cancel a subscription",
    description: "Now (default): status canceled, ended_at now, event `subscription.canceled`. With `at_period_end`: it keeps running until current_period_end (`cancel_at_period_end`), undo with reactivate.",
    scope: write, params: idParams, body: cancelSubscriptionInput, response: subscriptionObject, resourceName: "subscription",
  }),
  reactivate: defineOperation({
    operationId: "reactivateSubscription", method: "POST", path: "/subscriptions/{id}/reactivate", tag, summary: "Undo a cancellation at period end",
    description: "Only while `cancel_at_period_end` is set and the period has not ended.",
    scope: write, params: idParams, body: noParamsInput, response: subscriptionObject, resourceName: "subscription",
  }),
  previewChange: defineOperation({
    operationId: "previewSubscriptionChange", method: "POST", path: "/subscriptions/{id}/change/preview", tag, summary: "Preview a plan, cycle, items or quantity change",
    description: "Writes nothing. The plan change rule for (current plan -> target plan) applies, else the default rule (longer cycle or dearer: upgrade, prorated, now; cheaper: downgrade at the end of the cycle). In a trial the change is immediate and not prorated.",
    scope: read, params: idParams, body: previewSubscriptionChangeInput, response: subscriptionChangePreviewObject, resourceName: "subscription", errors: ["reference_not_found"],
  }),
  change: defineOperation({
    operationId: "changeSubscription", method: "POST", path: "/subscriptions/{id}/change", tag, summary: "Change the plan, cycle, items or quantities",
    description: "The same computation as the preview. Immediate: items, plan, cycle and period change now (bonus_days extend the period); the preview's lines are what the change invoice charges. End of cycle: stored as `pending_change`, nothing else changes. Send `expected_amount_due_now_cents` to refuse (409) if the amount moved since the preview.",
    scope: write, params: idParams, body: applySubscriptionChangeInput,
    response: z
      .object({
        subscription: subscriptionObject,
        preview: subscriptionChangePreviewObject,
        invoice_id: z.uuid().nullable().meta({ description: "The invoice of what an immediate change charges now (null when it charges nothing)" }),
      })
      .meta({ id: "SubscriptionChange" }),
    resourceName: "subscription", errors: ["reference_not_found"],
  }),
};
