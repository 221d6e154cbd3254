import { z } from "zod";
import type { BillingAccount } from "@/db/schema";
import { createBillingAccountInput, updateBillingAccountInput } from "@/lib/billing-accounts/input";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// The billing account as the API shows it: a contract, serialized explicitly from the row.
export const billingAccountObject = z
  .object({
    id: z.uuid(),
    object: z.literal("billing_account"),
    livemode: z.boolean(),
    name: z.string(),
    legal_name: z.string().nullable(),
    email: z.string(),
    phone: z.string().nullable(),
    document: z.string().nullable().meta({ description: "Normalized CPF/CNPJ (no punctuation)" }),
    document_type: z.enum(["cpf", "cnpj"]).nullable(),
    tax_address: z
      .object({
        line1: z.string(),
        number: z.string().nullable(),
        complement: z.string().nullable(),
        district: z.string().nullable(),
        city: z.string(),
        state: z.string(),
        postal_code: z.string(),
        country: z.string(),
      })
      .nullable(),
    external_id: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    status: z.enum(["active", "archived"]),
    archived_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "BillingAccount" });

export const deletedBillingAccountObject = z
  .object({ id: z.uuid(), object: z.literal("billing_account"), deleted: z.literal(true) })
  .meta({ id: "DeletedBillingAccount" });

export function serializeBillingAccount(row: BillingAccount, mode: "live" | "test"): z.output<typeof billingAccountObject> {
  return {
    id: row.id,
    object: "billing_account",
    livemode: mode === "live",
    name: row.name,
    legal_name: row.legalName,
    email: row.email,
    phone: row.phone,
    document: row.document,
    document_type: row.documentType,
    tax_address: row.taxAddress,
    external_id: row.externalId,
    metadata: row.metadata,
    status: row.status,
    archived_at: iso(row.archivedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "billing_accounts";

export const billingAccountOps = {
  create: defineOperation({
    operationId: "createBillingAccount",
    method: "POST",
    path: "/billing_accounts",
    tag,
    summary: "Create a billing account",
    description: "Creates the customer you bill. `document` accepts a CPF or a CNPJ (numeric or alphanumeric), validated by its check digits.",
    scope: "billing_accounts:write",
    body: createBillingAccountInput,
    response: billingAccountObject,
    successStatus: 201,
    errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listBillingAccounts",
    method: "GET",
    path: "/billing_accounts",
    tag,
    summary: "List billing accounts",
    description:
      "Newest first. Filter by exact `email` (case-insensitive) or `external_id`; archived accounts with `status=archived`. `q` searches name, legal name and email (contains), CPF/CNPJ (starts with, punctuation optional) and external_id (exact).",
    scope: "billing_accounts:read",
    query: z.strictObject({
      ...listQueryShape,
      email: z.string().max(254).optional(),
      external_id: z.string().max(255).optional(),
      q: z.string().trim().min(1).max(200).optional().meta({ description: "Search text: name, legal name, email, CPF/CNPJ or external_id" }),
      status: z.enum(["active", "archived"]).default("active"),
    }),
    response: listEnvelope(billingAccountObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveBillingAccount",
    method: "GET",
    path: "/billing_accounts/{id}",
    tag,
    summary: "Retrieve a billing account",
    scope: "billing_accounts:read",
    params: idParams,
    response: billingAccountObject,
  }),
  update: defineOperation({
    operationId: "updateBillingAccount",
    method: "PATCH",
    path: "/billing_accounts/{id}",
    tag,
    summary: "Update a billing account",
    description: "Changes only the fields sent; `null` clears an optional field. `metadata` is merged.",
    scope: "billing_accounts:write",
    params: idParams,
    body: updateBillingAccountInput,
    response: billingAccountObject,
    errors: ["resource_conflict", "resource_archived"],
  }),
  delete: defineOperation({
    operationId: "deleteBillingAccount",
    method: "DELETE",
    path: "/billing_accounts/{id}",
    tag,
    summary: "Delete a billing account",
    description:
      "Deletes an account that has no history. One with history (subscriptions, invoices…) is archived instead and returned with `status: archived`.",
    scope: "billing_accounts:write",
    params: idParams,
    response: z.union([deletedBillingAccountObject, billingAccountObject]),
  }),
};
