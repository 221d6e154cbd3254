import { z } from "zod";
import { billingReasons, invoiceLineKinds, invoiceStatuses, type InvoiceLine } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { addInvoiceLinesInput, createInvoiceInput, invoiceFilters, subscriptionInvoiceInput, updateInvoiceInput } from "@/lib/invoices/input";
import type { InvoiceWithLines } from "@/lib/invoices/store";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// Invoices as the API shows them.
const invoiceLineObject = z
  .object({
    id: z.uuid(),
    object: z.literal("invoice_line"),
    kind: z.enum(invoiceLineKinds),
    description: z.string(),
    quantity: z.number().int().nullable(),
    unit_amount_subcents: z.number().int().nullable().meta({ description: "Price per unit in 1/10 000 of the currency unit, when every unit costs the same" }),
    amount_cents: z.number().int().meta({ description: "Signed: discount and credit lines are negative" }),
    price_id: z.uuid().nullable(),
    subscription_item_id: z.uuid().nullable(),
    period_start: z.iso.datetime().nullable(),
    period_end: z.iso.datetime().nullable(),
    discount_source: z.enum(["coupon", "discount_code", "plan_change_bonus"]).nullable(),
    coupon_id: z.uuid().nullable(),
    discount_code_id: z.uuid().nullable(),
    credit_id: z.uuid().nullable().meta({ description: "The credit a `credit` line applied" }),
  })
  .meta({ id: "InvoiceLine" });

const addressObject = z.object({
  line1: z.string(), number: z.string().nullable(), complement: z.string().nullable(), district: z.string().nullable(),
  city: z.string(), state: z.string(), postal_code: z.string(), country: z.string(),
});

export const nfeObject = z
  .object({
    number: z.string().nullable(),
    series: z.string().nullable(),
    verification_url: z.string().nullable(),
    status: z.enum(["pending", "issued", "canceled", "error"]).nullable(),
  })
  .meta({ id: "InvoiceNfe", description: "The Brazilian electronic service invoice (NF-e / NFS-e) issued for this invoice, as reported by the merchant" });

export const invoiceObject = z
  .object({
    id: z.uuid(),
    object: z.literal("invoice"),
    livemode: z.boolean(),
    number: z.string().nullable().meta({ description: "Gapless per organization, set at finalization (null while draft)" }),
    status: z.enum(invoiceStatuses),
    billing_account_id: z.uuid(),
    subscription_id: z.uuid().nullable(),
    billing_reason: z.enum(billingReasons),
    collection_method: z.enum(["charge_automatically", "send_invoice"]),
    currency: z.string(),
    period_start: z.iso.datetime().nullable(),
    period_end: z.iso.datetime().nullable(),
    subtotal_cents: z.number().int(),
    discount_cents: z.number().int(),
    total_cents: z.number().int(),
    credit_applied_cents: z.number().int(),
    amount_due_cents: z.number().int(),
    amount_paid_cents: z.number().int(),
    amount_refunded_cents: z.number().int(),
    amount_remaining_cents: z.number().int().meta({ description: "amount_due_cents - amount_paid_cents" }),
    due_at: z.iso.datetime().nullable(),
    auto_finalize_at: z.iso.datetime().nullable().meta({ description: "A draft is finalized by the worker at this instant" }),
    finalized_at: z.iso.datetime().nullable(),
    paid_at: z.iso.datetime().nullable(),
    voided_at: z.iso.datetime().nullable(),
    marked_uncollectible_at: z.iso.datetime().nullable(),
    attempt_count: z.number().int(),
    next_payment_attempt_at: z.iso.datetime().nullable(),
    customer: z
      .object({
        name: z.string(), legal_name: z.string().nullable(), email: z.string(),
        document_type: z.enum(["cpf", "cnpj"]).nullable(), document: z.string().nullable(), tax_address: addressObject.nullable(),
      })
      .nullable()
      .meta({ description: "The customer as they were at finalization" }),
    nfe: nfeObject.nullable(),
    payment_url: z.string().nullable().meta({ description: "Public, unguessable payment page of an open invoice" }),
    pdf_url: z.string(),
    memo: z.string().nullable(),
    lines: z.array(invoiceLineObject),
    metadata: z.record(z.string(), z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Invoice" });

function serializeLine(l: InvoiceLine): z.output<typeof invoiceLineObject> {
  return {
    id: l.id, object: "invoice_line", kind: l.kind, description: l.description, quantity: l.quantity,
    unit_amount_subcents: l.unitAmountSubcents, amount_cents: l.amountCents, price_id: l.priceId,
    subscription_item_id: l.subscriptionItemId, period_start: iso(l.periodStart), period_end: iso(l.periodEnd),
    discount_source: l.discountSource, coupon_id: l.couponId, discount_code_id: l.discountCodeId, credit_id: l.creditId,
  };
}

export const paymentUrl = (token: string) => `${appUrl()}/pay/${token}`;

export function serializeInvoice(row: InvoiceWithLines, mode: "live" | "test"): z.output<typeof invoiceObject> {
  return {
    id: row.id,
    object: "invoice",
    livemode: mode === "live",
    number: row.number,
    status: row.status,
    billing_account_id: row.billingAccountId,
    subscription_id: row.subscriptionId,
    billing_reason: row.billingReason,
    collection_method: row.collectionMethod,
    currency: row.currency,
    period_start: iso(row.periodStart),
    period_end: iso(row.periodEnd),
    subtotal_cents: row.subtotalCents,
    discount_cents: row.discountCents,
    total_cents: row.totalCents,
    credit_applied_cents: row.creditAppliedCents,
    amount_due_cents: row.amountDueCents,
    amount_paid_cents: row.amountPaidCents,
    amount_refunded_cents: row.amountRefundedCents,
    amount_remaining_cents: row.amountDueCents - row.amountPaidCents,
    due_at: iso(row.dueAt),
    auto_finalize_at: iso(row.autoFinalizeAt),
    finalized_at: iso(row.finalizedAt),
    paid_at: iso(row.paidAt),
    voided_at: iso(row.voidedAt),
    marked_uncollectible_at: iso(row.markedUncollectibleAt),
    attempt_count: row.attemptCount,
    next_payment_attempt_at: iso(row.nextPaymentAttemptAt),
    customer: row.customer,
    nfe: row.nfe,
    payment_url: (row.status === "open" || row.status === "uncollectible") && row.paymentToken ? paymentUrl(row.paymentToken) : null,
    pdf_url: `${appUrl()}/api/v1/invoices/${row.id}/pdf`,
    memo: row.memo,
    lines: row.lines.map(serializeLine),
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const invoiceParams = z.strictObject({ id: z.uuid().meta({ description: "Invoice id" }) });
const tag = "invoices";
const action = (operationId: string, path: string, summary: string, description: string) =>
  defineOperation({ operationId, method: "POST", path, tag, summary, description, scope: "invoices:write", params: invoiceParams, response: invoiceObject, errors: ["resource_conflict"] });

export const invoiceOps = {
  create: defineOperation({
    operationId: "createInvoice",
    method: "POST",
    path: "/invoices",
    tag,
    summary: "Create a one-off invoice for a billing account",
    description: "A draft with the given lines, or finalized at once with `finalize: true`. Lines are charges (amount >= 0).",
    scope: "invoices:write",
    body: createInvoiceInput,
    response: invoiceObject,
    successStatus: 201,
    errors: ["reference_not_found", "resource_archived"],
  }),
  createForSubscription: defineOperation({
    operationId: "invoiceSubscription",
    method: "POST",
    path: "/subscriptions/{id}/invoices",
    tag,
    resourceName: "subscription",
    summary: "Invoice a subscription now (manual invoicing)",
    description: "One-off charges billed with the subscription (its coupon and discount code do not apply). The invoice is finalized and collected like a cycle invoice unless `finalize` is false.",
    scope: "invoices:write",
    params: invoiceParams.extend({ id: z.uuid().meta({ description: "Subscription id" }) }),
    body: subscriptionInvoiceInput,
    response: invoiceObject,
    successStatus: 201,
    errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listInvoices",
    method: "GET",
    path: "/invoices",
    tag,
    summary: "List invoices",
    description: "Newest first.",
    scope: "invoices:read",
    query: z.strictObject({ ...listQueryShape, ...invoiceFilters }),
    response: listEnvelope(invoiceObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveInvoice", method: "GET", path: "/invoices/{id}", tag, summary: "Retrieve an invoice", scope: "invoices:read", params: invoiceParams, response: invoiceObject,
  }),
  pdf: defineOperation({
    operationId: "retrieveInvoicePdf",
    method: "GET",
    path: "/invoices/{id}/pdf",
    tag,
    summary: "Download an invoice as PDF",
    description: "The invoice as the customer sees it (A4, in the organization's locale and brand), with the pending boleto or PIX when there is one. Answered inline as `<number>.pdf` (`draft-<id>.pdf` for a draft).",
    scope: "invoices:read",
    params: invoiceParams,
    response: z.string(),
    responseContentType: "application/pdf",
  }),
  update: defineOperation({
    operationId: "updateInvoice",
    method: "PATCH",
    path: "/invoices/{id}",
    tag,
    summary: "Update an invoice",
    description: "A draft: memo, collection_method, metadata. Finalized invoices are immutable except `nfe` (any time after finalization) and `metadata`.",
    scope: "invoices:write",
    params: invoiceParams,
    body: updateInvoiceInput,
    response: invoiceObject,
    errors: ["resource_conflict"],
  }),
  addLines: defineOperation({
    operationId: "addInvoiceLines", method: "POST", path: "/invoices/{id}/lines", tag, summary: "Add one-off lines to a draft",
    description: "The totals follow the lines. A finalized invoice is immutable (409).",
    scope: "invoices:write", params: invoiceParams, body: addInvoiceLinesInput, response: invoiceObject, errors: ["resource_conflict"],
  }),
  delete: defineOperation({
    operationId: "deleteInvoice", method: "DELETE", path: "/invoices/{id}", tag, summary: "Delete a draft invoice", description: "Only drafts; a finalized invoice is voided instead.",
    scope: "invoices:write", params: invoiceParams, response: z.object({ id: z.uuid(), object: z.literal("invoice"), deleted: z.literal(true) }), errors: ["resource_conflict"],
  }),
  finalize: action("finalizeInvoice", "/invoices/{id}/finalize", "Finalize a draft invoice", "Numbers it, applies the account's credits (oldest-expiring first) and opens it for payment; charged automatically when its collection method says so."),
  void: action("voidInvoice", "/invoices/{id}/void", "Void an open or uncollectible invoice", "Credits it consumed are restored; pending boleto/PIX payments are canceled. A paid invoice is refunded instead (409)."),
  markUncollectible: action("markInvoiceUncollectible", "/invoices/{id}/mark_uncollectible", "Mark an open invoice uncollectible", "Stops collection; it can still be paid or voided."),
};
