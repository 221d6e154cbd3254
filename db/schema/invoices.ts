import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { billingAccounts, type TaxAddress } from "./billing-accounts";
import { prices } from "./catalog";
import { createdAt, id, ts, updatedAt } from "./columns";
import { credits } from "./credits";
import { organizations } from "./organizations";
import { coupons, discountCodes } from "./promotions";
import { subscriptionItems, subscriptions } from "./subscriptions";

// Invoices: draft -> open (finalized: numbered per organization without gaps, immutable)
// -> paid | void | uncollectible. Lines carry signed amounts; the invoice's totals are the sums
// of its lines (see lib/invoices/totals.ts, checked by a constraint on the totals' arithmetic).
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });
const money = (name: string) => bigint(name, { mode: "number" });

export const invoiceStatuses = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];
export const billingReasons = ["subscription_create", "subscription_cycle", "subscription_update", "subscription_final", "manual"] as const;
export type BillingReason = (typeof billingReasons)[number];

/** What the customer was when the invoice was finalized (an open invoice never changes). */
export type CustomerSnapshot = {
  name: string;
  legal_name: string | null;
  email: string;
  document_type: "cpf" | "cnpj" | null;
  document: string | null;
  tax_address: TaxAddress | null;
};

export type NfeFields = {
  number: string | null;
  series: string | null;
  verification_url: string | null;
  status: "pending" | "issued" | "canceled" | "error" | null;
};

/** Per organization and purpose, the last number handed out (invoice numbers, receipt numbers). */
export const numberSequences = pgTable(
  "number_sequences",
  {
    organizationId: org(),
    name: text("name", { enum: ["invoice", "receipt"] }).notNull(),
    lastValue: integer("last_value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.name] })],
);

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    organizationId: org(),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    subscriptionId: uuid("subscription_id").references(() => subscriptions.id, { onDelete: "restrict" }),
    status: text("status", { enum: invoiceStatuses }).notNull().default("draft"),
    number: text("number"),
    currency: text("currency").notNull(),
    billingReason: text("billing_reason", { enum: billingReasons }).notNull(),
    collectionMethod: text("collection_method", { enum: ["charge_automatically", "send_invoice"] }).notNull().default("charge_automatically"),
    periodStart: ts("period_start"),
    periodEnd: ts("period_end"),
    subtotalCents: money("subtotal_cents").notNull().default(0),
    discountCents: money("discount_cents").notNull().default(0),
    creditAppliedCents: money("credit_applied_cents").notNull().default(0),
    totalCents: money("total_cents").notNull().default(0),
    amountDueCents: money("amount_due_cents").notNull().default(0),
    amountPaidCents: money("amount_paid_cents").notNull().default(0),
    amountRefundedCents: money("amount_refunded_cents").notNull().default(0),
    dueAt: ts("due_at"),
    // A draft the finalization worker finalizes at this instant (null: finalized by hand).
    autoFinalizeAt: ts("auto_finalize_at"),
    finalizedAt: ts("finalized_at"),
    paidAt: ts("paid_at"),
    voidedAt: ts("voided_at"),
    markedUncollectibleAt: ts("marked_uncollectible_at"),
    customer: jsonb("customer").$type<CustomerSnapshot>(),
    nfe: jsonb("nfe").$type<NfeFields>(),
    // Capability token of the public payment link (/pay/<token>): 160 random bits, base64url.
    // Kept once the invoice is paid or void, so the link then says so (the API shows it only while payable).
    paymentToken: text("payment_token"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextPaymentAttemptAt: ts("next_payment_attempt_at"),
    memo: text("memo"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("invoices_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("invoices_account_idx").on(t.organizationId, t.billingAccountId),
    index("invoices_subscription_idx").on(t.subscriptionId),
    uniqueIndex("invoices_org_number_key").on(t.organizationId, t.number),
    uniqueIndex("invoices_payment_token_key").on(t.paymentToken),
    // A subscription is invoiced once per cycle: a renewal that runs twice finds the first invoice.
    uniqueIndex("invoices_subscription_cycle_key").on(t.subscriptionId, t.periodStart).where(sql`billing_reason in ('subscription_cycle', 'subscription_create')`),
    index("invoices_auto_finalize_idx").on(t.autoFinalizeAt).where(sql`status = 'draft' and auto_finalize_at is not null`),
    index("invoices_retry_idx").on(t.nextPaymentAttemptAt).where(sql`status = 'open' and next_payment_attempt_at is not null`),
    check("invoices_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("invoices_numbered", sql`(${t.status} = 'draft') = (${t.number} is null)`),
    check(
      "invoices_totals",
      sql`${t.subtotalCents} >= 0 and ${t.discountCents} between 0 and ${t.subtotalCents}
        and ${t.totalCents} = ${t.subtotalCents} - ${t.discountCents}
        and ${t.creditAppliedCents} between 0 and ${t.totalCents}
        and ${t.amountDueCents} = ${t.totalCents} - ${t.creditAppliedCents}
        and ${t.amountPaidCents} between 0 and ${t.amountDueCents}
        and ${t.amountRefundedCents} between 0 and ${t.amountPaidCents}`,
    ),
  ],
);

export const invoiceLineKinds = ["recurring", "proration", "setup_fee", "usage", "manual", "discount", "credit"] as const;
export type InvoiceLineKind = (typeof invoiceLineKinds)[number];

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: id(),
    organizationId: org(),
    invoiceId: uuid("invoice_id").notNull().references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: invoiceLineKinds }).notNull(),
    description: text("description").notNull(),
    quantity: bigint("quantity", { mode: "number" }),
    unitAmountSubcents: money("unit_amount_subcents"),
    // Signed: charges are >= 0, discount and credit lines < 0.
    amountCents: money("amount_cents").notNull(),
    priceId: uuid("price_id").references(() => prices.id, { onDelete: "restrict" }),
    subscriptionItemId: uuid("subscription_item_id").references(() => subscriptionItems.id, { onDelete: "set null" }),
    periodStart: ts("period_start"),
    periodEnd: ts("period_end"),
    discountSource: text("discount_source", { enum: ["coupon", "discount_code", "plan_change_bonus"] }),
    couponId: uuid("coupon_id").references(() => coupons.id, { onDelete: "restrict" }),
    discountCodeId: uuid("discount_code_id").references(() => discountCodes.id, { onDelete: "restrict" }),
    creditId: uuid("credit_id").references(() => credits.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("invoice_lines_invoice_position_key").on(t.invoiceId, t.position),
    check(
      "invoice_lines_sign",
      sql`(${t.kind} in ('discount', 'credit') and ${t.amountCents} < 0) or (${t.kind} not in ('discount', 'credit') and ${t.amountCents} >= 0)`,
    ),
    check("invoice_lines_discount_source", sql`(${t.kind} = 'discount') = (${t.discountSource} is not null)`),
    check("invoice_lines_credit", sql`(${t.kind} = 'credit') = (${t.creditId} is not null)`),
  ],
);

/** Credit consumed by an invoice at finalization; reversed (credit restored) when the invoice is voided. */
export const creditApplications = pgTable(
  "credit_applications",
  {
    id: id(),
    organizationId: org(),
    creditId: uuid("credit_id").notNull().references(() => credits.id, { onDelete: "restrict" }),
    invoiceId: uuid("invoice_id").notNull().references(() => invoices.id, { onDelete: "restrict" }),
    amountCents: money("amount_cents").notNull(),
    reversedAt: ts("reversed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("credit_applications_credit_invoice_key").on(t.creditId, t.invoiceId),
    index("credit_applications_invoice_idx").on(t.invoiceId),
    index("credit_applications_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("credit_applications_amount", sql`${t.amountCents} > 0`),
  ],
);

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type CreditApplicationRow = typeof creditApplications.$inferSelect;
