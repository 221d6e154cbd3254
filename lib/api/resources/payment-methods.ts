import { z } from "zod";
import { paymentMethodTypes, type PaymentMethod } from "@/db/schema";
import type { TokenizedCard } from "@/lib/payments/gateway";
import {
  attachPaymentMethodInput,
  cardTokenInput,
  paymentMethodRoles,
  paymentMethodStatusFilter,
  updatePaymentMethodInput,
} from "@/lib/payment-methods/input";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// Payment methods as the API shows them: a card is its brand, last4 and expiry, never its token.
const cardObject = z
  .object({
    brand: z.string().meta({ description: "visa, mastercard, amex, elo, hipercard, diners, discover, jcb or unknown" }),
    last4: z.string(),
    exp_month: z.number().int(),
    exp_year: z.number().int(),
  })
  .meta({ id: "CardDetails" });

export const paymentMethodObject = z
  .object({
    id: z.uuid(),
    object: z.literal("payment_method"),
    livemode: z.boolean(),
    billing_account_id: z.uuid(),
    type: z.enum(paymentMethodTypes),
    gateway: z.string(),
    role: z.enum(paymentMethodRoles).nullable().meta({ description: "`default` is charged first, `backup` when the default fails" }),
    card: cardObject.nullable().meta({ description: "For type card; null otherwise" }),
    status: z.enum(["active", "removed"]),
    removed_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PaymentMethod" });

export const cardTokenObject = z
  .object({ id: z.string().meta({ description: "The token (`tok_…`) to attach with POST /billing_accounts/{id}/payment_methods" }), object: z.literal("token"), card: cardObject })
  .meta({ id: "CardToken" });

export function serializePaymentMethod(row: PaymentMethod, mode: "live" | "test"): z.output<typeof paymentMethodObject> {
  return {
    id: row.id,
    object: "payment_method",
    livemode: mode === "live",
    billing_account_id: row.billingAccountId,
    type: row.type,
    gateway: row.gateway,
    role: row.role,
    card:
      row.type === "card"
        ? { brand: row.cardBrand ?? "unknown", last4: row.cardLast4 ?? "", exp_month: row.cardExpMonth ?? 0, exp_year: row.cardExpYear ?? 0 }
        : null,
    status: row.status,
    removed_at: iso(row.removedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function serializeCardToken(card: TokenizedCard): z.output<typeof cardTokenObject> {
  return { id: card.token, object: "token", card: { brand: card.brand, last4: card.last4, exp_month: card.exp_month, exp_year: card.exp_year } };
}

const accountParams = z.strictObject({ id: z.uuid().meta({ description: "Billing account id" }) });
const methodParams = z.strictObject({ id: z.uuid().meta({ description: "Payment method id" }) });
const tag = "payment_methods";

export const paymentMethodOps = {
  create: defineOperation({
    operationId: "attachPaymentMethod",
    method: "POST",
    path: "/billing_accounts/{id}/payment_methods",
    tag,
    resourceName: "billing account",
    summary: "Attach a payment method to a billing account",
    description:
      "A card is attached by its gateway token (an unknown or expired one is a 422 on `token`); boleto and PIX need nothing else. " +
      "The account's first active method becomes its `default`. `role: default` demotes the previous default; `role: backup` replaces the previous backup.",
    scope: "payment_methods:write",
    params: accountParams,
    body: attachPaymentMethodInput,
    response: paymentMethodObject,
    successStatus: 201,
    errors: ["resource_archived", "reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listPaymentMethods",
    method: "GET",
    path: "/billing_accounts/{id}/payment_methods",
    tag,
    resourceName: "billing account",
    summary: "List a billing account's payment methods",
    description: "Newest first; active ones unless `status` says otherwise; filter by `type`.",
    scope: "payment_methods:read",
    params: accountParams,
    query: z.strictObject({ ...listQueryShape, type: z.enum(paymentMethodTypes).optional(), status: paymentMethodStatusFilter }),
    response: listEnvelope(paymentMethodObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrievePaymentMethod",
    method: "GET",
    path: "/payment_methods/{id}",
    tag,
    summary: "Retrieve a payment method",
    scope: "payment_methods:read",
    params: methodParams,
    response: paymentMethodObject,
  }),
  update: defineOperation({
    operationId: "updatePaymentMethod",
    method: "PATCH",
    path: "/payment_methods/{id}",
    tag,
    summary: "Change a payment method's role",
    description:
      "`default` demotes the previous default to no role; `backup` replaces the previous backup. The default cannot become the backup nor lose its role " +
      "(make another method the default instead): 409. A removed method cannot change (409).",
    scope: "payment_methods:write",
    params: methodParams,
    body: updatePaymentMethodInput,
    response: paymentMethodObject,
    errors: ["resource_conflict"],
  }),
  delete: defineOperation({
    operationId: "removePaymentMethod",
    method: "DELETE",
    path: "/payment_methods/{id}",
    tag,
    summary: "Remove a payment method",
    description:
      "The method is kept as `removed` (payments refer to it). Removing the default promotes the backup (or, without one, the newest other active method). " +
      "The last active method of an account with a trialing, active, past_due or unpaid subscription cannot be removed (409).",
    scope: "payment_methods:write",
    params: methodParams,
    response: paymentMethodObject,
    errors: ["resource_conflict"],
  }),
  tokenize: defineOperation({
    operationId: "createSandboxCardToken",
    method: "POST",
    path: "/gateway/sandbox/tokens",
    tag: "gateway",
    summary: "Tokenize a card with the sandbox gateway",
    description:
      "No API key: the portal's card form calls it directly, so the card number goes to the gateway only (it is never stored, nor logged). " +
      "Validates the number (Luhn, 13-19 digits), expiry and CVC, naming the field on a 422. Test cards: docs/payments.md.",
    scope: null,
    body: cardTokenInput,
    response: cardTokenObject,
    successStatus: 201,
  }),
};
