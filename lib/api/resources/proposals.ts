import { z } from "zod";
import { proposalStatuses, type Proposal } from "@/db/schema";
import { now } from "@/lib/clock";
import { createProposalInput, listProposalsQuery, rejectProposalInput, updateProposalInput } from "@/lib/proposals/input";
import { effectiveStatus, isLapsed } from "@/lib/proposals/status";
import { noParamsInput } from "@/lib/subscriptions/lifecycle-input";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope } from "../pagination";
import { iso } from "../response";

export const proposalObject = z
  .object({
    id: z.uuid(),
    object: z.literal("proposal"),
    livemode: z.boolean(),
    billing_account_id: z.uuid(),
    plan_id: z.uuid().nullable(),
    items: z
      .array(z.object({ price_id: z.uuid(), quantity: z.number().int() }))
      .meta({ description: "Every item the subscription will have, with its quantity (with a plan: its items on the cycle, add-ons included)" }),
    billing_cycle: z.object({ interval: z.enum(["month", "year"]), interval_count: z.number().int() }),
    trial_days: z.number().int().meta({ description: "Days of trial from acceptance; 0 for none" }),
    coupon_id: z.uuid().nullable(),
    discount_code_id: z.uuid().nullable(),
    message: z.string().nullable(),
    valid_until: z.iso.datetime(),
    status: z.enum(proposalStatuses).meta({ description: "`expired` as soon as valid_until has passed" }),
    accepted_at: z.iso.datetime().nullable(),
    rejected_at: z.iso.datetime().nullable(),
    rejection_reason: z.string().nullable(),
    expired_at: z.iso.datetime().nullable().meta({ description: "valid_until, once expired" }),
    canceled_at: z.iso.datetime().nullable(),
    subscription_id: z.uuid().nullable().meta({ description: "The subscription accepting created" }),
    metadata: z.record(z.string(), z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Proposal" });

/** The proposal as the API shows it at `at` (business time): past valid_until, an open one reads as expired. */
export function serializeProposal(row: Proposal, mode: "live" | "test", at = now()): z.output<typeof proposalObject> {
  return {
    id: row.id,
    object: "proposal",
    livemode: mode === "live",
    billing_account_id: row.billingAccountId,
    plan_id: row.planId,
    items: row.items ?? [],
    billing_cycle: { interval: row.billingInterval ?? "month", interval_count: row.intervalCount ?? 1 },
    trial_days: row.trialDays ?? 0,
    coupon_id: row.couponId,
    discount_code_id: row.discountCodeId,
    message: row.message,
    valid_until: row.validUntil.toISOString(),
    status: effectiveStatus(row, at),
    accepted_at: iso(row.acceptedAt),
    rejected_at: iso(row.rejectedAt),
    rejection_reason: row.rejectionReason,
    expired_at: iso(row.expiredAt ?? (isLapsed(row, at) ? row.validUntil : null)),
    canceled_at: iso(row.canceledAt),
    subscription_id: row.subscriptionId,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "proposals";
const read = "proposals:read";
const write = "proposals:write";

export const proposalOps = {
  create: defineOperation({
    operationId: "createProposal", method: "POST", path: "/proposals", tag, summary: "Offer a subscription to a billing account",
    description: "Takes what POST /subscriptions takes (plan with `quantities` and `add_ons`, or `items`; `billing_cycle`, `trial_days`, `coupon`, `discount_code`) and checks it the same way, plus `valid_until` and a `message`. The proposal stores the offer as resolved now: every item with its quantity, the cycle, the trial days. Event `proposal.created`.",
    scope: write, body: createProposalInput, response: proposalObject, successStatus: 201, errors: ["reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listProposals", method: "GET", path: "/proposals", tag, summary: "List proposals",
    scope: read, query: listProposalsQuery, response: listEnvelope(proposalObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveProposal", method: "GET", path: "/proposals/{id}", tag, summary: "Retrieve a proposal",
    scope: read, params: idParams, response: proposalObject,
  }),
  update: defineOperation({
    operationId: "updateProposal", method: "PATCH", path: "/proposals/{id}", tag, summary: "Change an open proposal's message, valid_until or metadata",
    description: "The offer itself cannot change: cancel the proposal and make a new one. 409 unless the proposal is open and unexpired.",
    scope: write, params: idParams, body: updateProposalInput, response: proposalObject, errors: ["resource_conflict"],
  }),
  accept: defineOperation({
    operationId: "acceptProposal", method: "POST", path: "/proposals/{id}/accept", tag, summary: "Accept a proposal: create its subscription",
    description: "Creates the subscription through the same service as POST /subscriptions, exactly once, and returns the proposal with `subscription_id` (GET /subscriptions/{id} for the subscription). The key also needs `subscriptions:write`. 409 when the proposal is not open or its valid_until has passed; a 422 from creating the subscription (a coupon used up meanwhile…) leaves the proposal open. Events `subscription.created` and `proposal.accepted`.",
    scope: write, params: idParams, body: noParamsInput, response: proposalObject, errors: ["resource_conflict"],
  }),
  reject: defineOperation({
    operationId: "rejectProposal", method: "POST", path: "/proposals/{id}/reject", tag, summary: "Reject a proposal (the customer declines)",
    description: "Only while open and unexpired. Event `proposal.rejected`.",
    scope: write, params: idParams, body: rejectProposalInput, response: proposalObject, errors: ["resource_conflict"],
  }),
  cancel: defineOperation({
    operationId: "cancelProposal", method: "POST", path: "/proposals/{id}/cancel", tag, summary: "Cancel a proposal (the merchant withdraws it)",
    description: "Only while open and unexpired. Event `proposal.canceled`.",
    scope: write, params: idParams, body: noParamsInput, response: proposalObject, errors: ["resource_conflict"],
  }),
};
