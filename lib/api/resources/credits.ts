import { z } from "zod";
import { now } from "@/lib/clock";
import type { Credit } from "@/db/schema";
import type { AccountBalance } from "@/lib/credits/balance";
import { creditStatusFilter, creditTypes, grantCreditInput } from "@/lib/credits/input";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// Credits as the API shows them, and the account's balance that comes with the list.
export const creditObject = z
  .object({
    id: z.uuid(),
    object: z.literal("credit"),
    livemode: z.boolean(),
    billing_account_id: z.uuid(),
    credit_type: z.enum(creditTypes),
    amount_cents: z.number().int().meta({ description: "Amount granted" }),
    amount_remaining_cents: z.number().int().meta({ description: "What is left to apply to invoices (0 once voided)" }),
    currency: z.string(),
    expires_at: z.iso.datetime().nullable(),
    expired: z.boolean().meta({ description: "True once expires_at has passed: the remaining amount no longer counts" }),
    description: z.string().nullable(),
    status: z.enum(["active", "voided", "expired"]).meta({ description: "expired: its expires_at passed with something left (set by the credit-expiration job)" }),
    voided_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Credit" });

export const creditBalanceObject = z
  .object({
    currency: z.string(),
    available_cents: z.number().int().meta({ description: "Sum of what is left of active, unexpired credits" }),
    expiring: z
      .array(z.object({ credit_id: z.uuid(), amount_remaining_cents: z.number().int(), expires_at: z.iso.datetime() }))
      .meta({ description: "The next credits to expire (soonest first, at most 10)" }),
  })
  .meta({ id: "CreditBalance" });

export const creditListObject = listEnvelope(creditObject)
  .extend({
    balances: z
      .array(creditBalanceObject)
      .meta({ description: "The account's balance now, one entry per currency with something available (empty when nothing is); independent of the page and of `status`" }),
  })
  .meta({ id: "CreditList" });

const isExpired = (row: Credit, at: Date) => row.expiresAt !== null && row.expiresAt.getTime() <= at.getTime();

export function serializeCredit(row: Credit, mode: "live" | "test", at = now()): z.output<typeof creditObject> {
  return {
    id: row.id,
    object: "credit",
    livemode: mode === "live",
    billing_account_id: row.billingAccountId,
    credit_type: row.creditType,
    amount_cents: row.amountCents,
    amount_remaining_cents: row.amountRemainingCents,
    currency: row.currency,
    expires_at: iso(row.expiresAt),
    expired: isExpired(row, at),
    description: row.description,
    status: row.status,
    voided_at: iso(row.voidedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Last-Modified of a credit: its expiry changes what it shows (`expired`), like an update does. */
export function creditLastModified(row: Credit, at = now()): Date {
  return isExpired(row, at) && row.expiresAt! > row.updatedAt ? row.expiresAt! : row.updatedAt;
}

export function serializeBalances(balances: AccountBalance[]): z.output<typeof creditBalanceObject>[] {
  return balances.map((b) => ({
    currency: b.currency,
    available_cents: b.available_cents,
    expiring: b.expiring.map((e) => ({ credit_id: e.credit_id, amount_remaining_cents: e.amount_remaining_cents, expires_at: e.expires_at.toISOString() })),
  }));
}

const accountParams = z.strictObject({ id: z.uuid().meta({ description: "Billing account id" }) });
const creditParams = z.strictObject({ id: z.uuid().meta({ description: "Credit id" }) });
const tag = "credits";

export const creditOps = {
  create: defineOperation({
    operationId: "grantCredit",
    method: "POST",
    path: "/billing_accounts/{id}/credits",
    tag,
    resourceName: "billing account",
    summary: "Grant a credit to a billing account",
    description: "The whole amount is available at once (`amount_remaining_cents` = `amount_cents`). An archived account receives no credits (409).",
    scope: "credits:write",
    params: accountParams,
    body: grantCreditInput,
    response: creditObject,
    successStatus: 201,
    errors: ["resource_archived"],
  }),
  list: defineOperation({
    operationId: "listCredits",
    method: "GET",
    path: "/billing_accounts/{id}/credits",
    tag,
    resourceName: "billing account",
    summary: "List a billing account's credits, with its balance",
    description:
      "Newest first. `balances` holds what the account can spend now, per currency: the remaining amounts of active credits that have not expired, " +
      "with the next expirations.",
    scope: "credits:read",
    params: accountParams,
    query: z.strictObject({ ...listQueryShape, status: creditStatusFilter }),
    response: creditListObject,
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveCredit",
    method: "GET",
    path: "/credits/{id}",
    tag,
    summary: "Retrieve a credit",
    scope: "credits:read",
    params: creditParams,
    response: creditObject,
  }),
  void: defineOperation({
    operationId: "voidCredit",
    method: "POST",
    path: "/credits/{id}/void",
    tag,
    summary: "Void what is left of a credit",
    description: "The remaining amount drops to 0 and stops counting; what was already applied to invoices stays. Voiding twice, or a fully used credit, is a 409.",
    scope: "credits:write",
    params: creditParams,
    response: creditObject,
    errors: ["resource_conflict"],
  }),
};
