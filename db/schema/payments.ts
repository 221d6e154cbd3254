import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { billingAccounts } from "./billing-accounts";
import { createdAt, id, ts, updatedAt } from "./columns";
import { credits } from "./credits";
import { invoices } from "./invoices";
import { organizations } from "./organizations";

// Payment methods, payment attempts, refunds; and the built-in sandbox gateway's own books
// (what a real processor keeps on its side: tokens and charges by idempotency key).
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });
const money = (name: string) => bigint(name, { mode: "number" });

export const paymentMethodTypes = ["card", "boleto", "pix"] as const;
export type PaymentMethodType = (typeof paymentMethodTypes)[number];

/** A card is stored only as the gateway's token plus brand, last4 and expiry. */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: id(),
    organizationId: org(),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    type: text("type", { enum: paymentMethodTypes }).notNull(),
    gateway: text("gateway").notNull().default("sandbox"),
    // 'default' is charged first, 'backup' when the default fails; at most one of each per account.
    role: text("role", { enum: ["default", "backup"] }),
    cardToken: text("card_token"),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    cardExpMonth: integer("card_exp_month"),
    cardExpYear: integer("card_exp_year"),
    status: text("status", { enum: ["active", "removed"] }).notNull().default("active"),
    removedAt: ts("removed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payment_methods_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("payment_methods_account_idx").on(t.organizationId, t.billingAccountId, t.status),
    uniqueIndex("payment_methods_account_role_key").on(t.billingAccountId, t.role).where(sql`status = 'active' and role is not null`),
    check(
      "payment_methods_card_fields",
      sql`(${t.type} = 'card') = (${t.cardToken} is not null and ${t.cardLast4} is not null and ${t.cardBrand} is not null
        and ${t.cardExpMonth} between 1 and 12 and ${t.cardExpYear} is not null)`,
    ),
    check("payment_methods_removed", sql`(${t.status} = 'removed') = (${t.removedAt} is not null) and (${t.status} = 'active' or ${t.role} is null)`),
  ],
);

export const paymentStatuses = ["processing", "pending", "succeeded", "failed", "canceled"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export type BoletoDetails = { barcode: string; digitable_line: string; due_date: string };
export type PixDetails = { payload: string; txid: string; expires_at: string };

/**
 * One attempt to collect an invoice. `processing`: sent to the gateway, answer not recorded yet;
 * `pending`: boleto/PIX issued, waiting for the customer. The idempotency key is what the gateway
 * sees, so a retried job or a second worker can never capture twice.
 */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    organizationId: org(),
    invoiceId: uuid("invoice_id").notNull().references(() => invoices.id, { onDelete: "restrict" }),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    paymentMethodId: uuid("payment_method_id").references(() => paymentMethods.id, { onDelete: "restrict" }),
    methodType: text("method_type", { enum: paymentMethodTypes }).notNull(),
    gateway: text("gateway").notNull().default("sandbox"),
    amountCents: money("amount_cents").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: paymentStatuses }).notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    gatewayReference: text("gateway_reference"),
    failureCode: text("failure_code"),
    failureMessage: text("failure_message"),
    boleto: jsonb("boleto").$type<BoletoDetails>(),
    pix: jsonb("pix").$type<PixDetails>(),
    receiptNumber: text("receipt_number"),
    capturedAt: ts("captured_at"),
    amountRefundedCents: money("amount_refunded_cents").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payments_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("payments_invoice_idx").on(t.invoiceId),
    uniqueIndex("payments_org_idempotency_key").on(t.organizationId, t.idempotencyKey),
    uniqueIndex("payments_gateway_reference_key").on(t.gateway, t.gatewayReference),
    uniqueIndex("payments_org_receipt_key").on(t.organizationId, t.receiptNumber),
    // The guards against a double charge: one capture per invoice, one card charge in flight.
    uniqueIndex("payments_one_capture_per_invoice").on(t.invoiceId).where(sql`status = 'succeeded'`),
    uniqueIndex("payments_one_in_flight_per_invoice").on(t.invoiceId).where(sql`status = 'processing'`),
    check("payments_amount", sql`${t.amountCents} > 0 and ${t.amountRefundedCents} between 0 and ${t.amountCents}`),
    check("payments_refund_needs_capture", sql`${t.amountRefundedCents} = 0 or ${t.status} = 'succeeded'`),
    check("payments_failure", sql`(${t.status} = 'failed') = (${t.failureCode} is not null)`),
    check("payments_receipt", sql`(${t.status} = 'succeeded') = (${t.receiptNumber} is not null and ${t.capturedAt} is not null)`),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    organizationId: org(),
    paymentId: uuid("payment_id").notNull().references(() => payments.id, { onDelete: "restrict" }),
    invoiceId: uuid("invoice_id").notNull().references(() => invoices.id, { onDelete: "restrict" }),
    amountCents: money("amount_cents").notNull(),
    reason: text("reason"),
    // A refund to the account's credit balance instead of the payment method.
    asCredit: boolean("as_credit").notNull().default(false),
    creditId: uuid("credit_id").references(() => credits.id, { onDelete: "restrict" }),
    status: text("status", { enum: ["succeeded", "failed"] }).notNull(),
    gatewayReference: text("gateway_reference"),
    failureCode: text("failure_code"),
    createdAt: createdAt(),
  },
  (t) => [
    index("refunds_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("refunds_payment_idx").on(t.paymentId),
    check("refunds_amount", sql`${t.amountCents} > 0`),
    check("refunds_credit", sql`${t.asCredit} = (${t.creditId} is not null) or ${t.status} = 'failed'`),
  ],
);

/** The sandbox processor's vault: the card number never leaves it (we keep the token only). */
export const sandboxGatewayTokens = pgTable("sandbox_gateway_tokens", {
  token: text("token").primaryKey(),
  brand: text("brand").notNull(),
  last4: text("last4").notNull(),
  expMonth: integer("exp_month").notNull(),
  expYear: integer("exp_year").notNull(),
  // What the test card does when charged: null = succeeds, else the decline code.
  outcome: text("outcome"),
  createdAt: createdAt(),
});

/** The sandbox processor's charges, keyed by our idempotency key: one capture per key, ever. */
export const sandboxGatewayCharges = pgTable(
  "sandbox_gateway_charges",
  {
    reference: text("reference").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull(),
    kind: text("kind", { enum: ["card", "boleto", "pix", "refund"] }).notNull(),
    amountCents: money("amount_cents").notNull(),
    status: text("status", { enum: ["succeeded", "failed", "pending", "paid"] }).notNull(),
    failureCode: text("failure_code"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sandbox_gateway_charges_idempotency_key").on(t.idempotencyKey)],
);

export type PaymentMethod = typeof paymentMethods.$inferSelect;
export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
