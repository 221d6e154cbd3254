import { z } from "zod";
import { invoiceStatuses } from "@/db/schema";
import { currencyField, futureDatetimeInput, positiveCents, text } from "@/lib/api/fields";
import { metadataInput, metadataPatchInput } from "@/lib/api/metadata";
import { MAX_QUANTITY } from "@/lib/billing/price-terms";

// Input rules for invoices created by hand and for the fields that stay editable.
const manualLine = z.strictObject({
  description: text(500),
  quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1),
  unit_amount_cents: positiveCents.meta({ description: "Price of one unit, in cents of the invoice's currency" }),
});

const lines = z.array(manualLine).min(1).max(100);
const collectionMethod = z.enum(["charge_automatically", "send_invoice"]).meta({
  description: "charge_automatically: the account's default payment method is charged at finalization; send_invoice: the customer pays through the payment link",
});

const autoFinalizeAt = futureDatetimeInput.meta({ description: "The finalization worker finalizes the draft at this instant (and collects it)" });

export const createInvoiceInput = z.strictObject({
  billing_account_id: z.uuid(),
  currency: currencyField.optional().meta({ description: "Defaults to the organization's currency" }),
  lines,
  collection_method: collectionMethod.default("charge_automatically"),
  memo: text(2000).nullish(),
  metadata: metadataInput.optional(),
  finalize: z.boolean().default(false).meta({ description: "Finalize at once instead of leaving a draft" }),
  auto_finalize_at: autoFinalizeAt.optional(),
}).superRefine((v, ctx) => {
  if (v.finalize && v.auto_finalize_at) ctx.addIssue({ code: "custom", path: ["auto_finalize_at"], message: "a finalized invoice has nothing left to finalize; send finalize or auto_finalize_at" });
});

export const addInvoiceLinesInput = z.strictObject({ lines });

export const subscriptionInvoiceInput = z.strictObject({
  lines,
  memo: text(2000).nullish(),
  metadata: metadataInput.optional(),
  finalize: z.boolean().default(true),
});

export const nfeInput = z.strictObject({
  number: text(40).nullable(),
  series: text(10).nullable(),
  verification_url: z.url({ protocol: /^https?$/ }).max(2000).nullable(),
  status: z.enum(["pending", "issued", "canceled", "error"]).nullable(),
}).partial();

export const updateInvoiceInput = z.strictObject({
  memo: text(2000).nullable(),
  auto_finalize_at: autoFinalizeAt.nullable(),
  collection_method: collectionMethod,
  metadata: metadataPatchInput,
  nfe: nfeInput,
}).partial();

export const invoiceFilters = {
  billing_account_id: z.uuid().optional(),
  subscription_id: z.uuid().optional(),
  status: z.enum(invoiceStatuses).optional(),
};

export type CreateInvoiceInput = z.output<typeof createInvoiceInput>;
export type SubscriptionInvoiceInput = z.output<typeof subscriptionInvoiceInput>;
export type UpdateInvoiceInput = z.output<typeof updateInvoiceInput>;
export type AddInvoiceLinesInput = z.output<typeof addInvoiceLinesInput>;
