import { z } from "zod";
import { paymentMethodTypes, paymentStatuses, type Payment, type Refund } from "@/db/schema";
import { formatDigitableLine } from "@/lib/payments/boleto";
import { cents, positiveCents, text } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// Payments (attempts to collect an invoice) and refunds, as the API shows them.
export const refundObject = z
  .object({
    id: z.uuid(),
    object: z.literal("refund"),
    payment_id: z.uuid(),
    invoice_id: z.uuid(),
    amount_cents: z.number().int(),
    reason: z.string().nullable(),
    as_credit: z.boolean().meta({ description: "Refunded to the account's credit balance instead of the payment method" }),
    credit_id: z.uuid().nullable(),
    status: z.enum(["succeeded", "failed"]),
    failure_code: z.string().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: "Refund" });

export const paymentObject = z
  .object({
    id: z.uuid(),
    object: z.literal("payment"),
    livemode: z.boolean(),
    invoice_id: z.uuid(),
    billing_account_id: z.uuid(),
    payment_method_id: z.uuid().nullable(),
    method_type: z.enum(paymentMethodTypes),
    amount_cents: z.number().int(),
    currency: z.string(),
    status: z.enum(paymentStatuses).meta({ description: "processing: sent to the gateway; pending: boleto/PIX waiting for the payer; succeeded; failed; canceled" }),
    attempt_number: z.number().int().meta({ description: "The invoice's collection round this attempt belongs to" }),
    failure_code: z.string().nullable().meta({ description: "insufficient_funds, card_declined, expired_card, processing_error, …" }),
    failure_message: z.string().nullable(),
    receipt_number: z.string().nullable(),
    captured_at: z.iso.datetime().nullable(),
    amount_refunded_cents: z.number().int(),
    boleto: z.object({ barcode: z.string(), digitable_line: z.string(), digitable_line_formatted: z.string(), due_date: z.string() }).nullable(),
    pix: z.object({ payload: z.string().meta({ description: "PIX copia e cola (BR Code)" }), txid: z.string(), expires_at: z.iso.datetime() }).nullable(),
    refunds: z.array(refundObject),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Payment" });

export function serializeRefund(r: Refund): z.output<typeof refundObject> {
  return {
    id: r.id, object: "refund", payment_id: r.paymentId, invoice_id: r.invoiceId, amount_cents: r.amountCents, reason: r.reason,
    as_credit: r.asCredit, credit_id: r.creditId, status: r.status, failure_code: r.failureCode, created_at: r.createdAt.toISOString(),
  };
}

export function serializePayment(p: Payment, mode: "live" | "test", refunds: Refund[] = []): z.output<typeof paymentObject> {
  return {
    id: p.id,
    object: "payment",
    livemode: mode === "live",
    invoice_id: p.invoiceId,
    billing_account_id: p.billingAccountId,
    payment_method_id: p.paymentMethodId,
    method_type: p.methodType,
    amount_cents: p.amountCents,
    currency: p.currency,
    status: p.status,
    attempt_number: p.attemptNumber,
    failure_code: p.failureCode,
    failure_message: p.failureMessage,
    receipt_number: p.receiptNumber,
    captured_at: iso(p.capturedAt),
    amount_refunded_cents: p.amountRefundedCents,
    boleto: p.boleto ? { ...p.boleto, digitable_line_formatted: formatDigitableLine(p.boleto.digitable_line) } : null,
    pix: p.pix,
    refunds: refunds.map(serializeRefund),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export const refundInput = z.strictObject({
  amount_cents: positiveCents.optional().meta({ description: "Defaults to everything not refunded yet" }),
  reason: text(500).nullish(),
  as_credit: z.boolean().default(false).meta({ description: "Give the amount to the account as credit (used by its next invoices) instead of returning it to the payment method" }),
});

export const payInvoiceInput = z.strictObject({
  payment_method_id: z.uuid().optional().meta({ description: "Charge this method of the invoice's account; by default the default method, then the backup" }),
});

export const simulatePaymentInput = z.strictObject({
  method: z.enum(["boleto", "pix"]).optional().meta({ description: "Which pending instrument to pay; issued first when the invoice has none. Defaults to the pending one, else pix" }),
});

const paymentParams = z.strictObject({ id: z.uuid().meta({ description: "Payment id" }) });
const invoiceParams = z.strictObject({ id: z.uuid().meta({ description: "Invoice id" }) });
const payResult = z.object({ invoice_id: z.uuid(), invoice_status: z.string(), amount_remaining_cents: cents, payment: paymentObject.nullable() }).meta({ id: "InvoicePaymentResult" });
const tag = "payments";

export const paymentOps = {
  list: defineOperation({
    operationId: "listPayments", method: "GET", path: "/payments", tag, summary: "List payments", description: "Newest first.",
    scope: "payments:read",
    query: z.strictObject({ ...listQueryShape, invoice_id: z.uuid().optional(), billing_account_id: z.uuid().optional(), status: z.enum(paymentStatuses).optional() }),
    response: listEnvelope(paymentObject), list: true,
  }),
  retrieve: defineOperation({ operationId: "retrievePayment", method: "GET", path: "/payments/{id}", tag, summary: "Retrieve a payment", scope: "payments:read", params: paymentParams, response: paymentObject }),
  refund: defineOperation({
    operationId: "refundPayment", method: "POST", path: "/payments/{id}/refund", tag, summary: "Refund a captured payment, fully or partly",
    description: "Never more than what was captured minus earlier refunds (422 on amount_cents). With `as_credit` the amount becomes account credit instead.",
    scope: "payments:write", params: paymentParams, body: refundInput, response: paymentObject, errors: ["resource_conflict"],
  }),
  pay: defineOperation({
    operationId: "payInvoice", method: "POST", path: "/invoices/{id}/pay", tag, resourceName: "invoice", summary: "Collect an open invoice now",
    description: "Charges a card at once (the default method, then the backup), or issues a boleto / PIX to be paid. Outside the dunning schedule.",
    scope: "payments:write", params: invoiceParams, body: payInvoiceInput, response: payResult, errors: ["resource_conflict"],
  }),
  gatewayWebhook: defineOperation({
    operationId: "receiveGatewayWebhook", method: "POST", path: "/gateway/webhooks/{gateway}", tag, resourceName: "gateway",
    summary: "Gateway webhook: a boleto or PIX was paid",
    description: "Called by the payment gateway, not with an API key: the raw body must carry a valid signature (`Sandbox-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">` for the sandbox, 5-minute tolerance; 400 invalid_signature otherwise). Idempotent: a redelivery answers `already_settled`.",
    scope: null,
    params: z.strictObject({ gateway: z.enum(["sandbox"]) }),
    body: z.strictObject({ id: z.string(), type: z.literal("charge.paid"), reference: z.string(), amount_cents: z.number().int(), paid_at: z.iso.datetime() }),
    response: z.object({ received: z.literal(true), outcome: z.enum(["settled", "already_settled", "credited", "ignored"]) }),
    errors: ["invalid_signature"],
  }),
  simulate: defineOperation({
    operationId: "simulateInvoicePayment", method: "POST", path: "/invoices/{id}/simulate_payment", tag, resourceName: "invoice",
    summary: "Sandbox: the customer pays the invoice's boleto or PIX",
    description: "Sandbox organizations only (403 sandbox_only otherwise). The sandbox gateway marks the charge paid and sends its signed webhook, which settles the invoice exactly as a real payment would.",
    scope: "payments:write", params: invoiceParams, body: simulatePaymentInput, response: payResult, errors: ["resource_conflict", "sandbox_only"],
  }),
};
