import type { DbOrTx } from "@/db";
import type { BillingAccount } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { formatDocument } from "@/lib/billing-accounts/documents";
import { UFS, updateBillingAccountInput, type UpdateBillingAccountInput } from "@/lib/billing-accounts/input";
import { getBillingAccountOrThrow, updateBillingAccount } from "@/lib/billing-accounts/service";
import { formatPostalCode } from "@/lib/invoices/format";
import { fieldIssues, formFail, formOk, type FormResult } from "./form-result";
import type { PortalActor } from "./account";
import { can } from "./permissions";

// The Account section: the billing account's own data (name, legal name, email, phone, CPF or
// CNPJ, tax address) as its portal users see and edit it. The edit goes through the same zod
// input and service as PATCH /api/v1/billing_accounts/:id (check digits, UF, CEP), so the
// portal can never store what the API would refuse. Editing needs manage_account.
export const BRAZIL_STATES = UFS;

export const ACCOUNT_FIELDS = ["name", "legal_name", "email", "phone", "document", "line1", "number", "complement", "district", "city", "state", "postal_code", "country"] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
/** The form's values, as text: what the page shows and what a submission carries. */
export type AccountValues = Record<AccountField, string>;

const ADDRESS_FIELDS = ["line1", "number", "complement", "district", "city", "state", "postal_code"] as const;

/** The account as form values: the document with its punctuation, the CEP as 00000-000. */
export function accountValues(account: BillingAccount): AccountValues {
  const address = account.taxAddress;
  const country = address?.country ?? "BR";
  return {
    name: account.name,
    legal_name: account.legalName ?? "",
    email: account.email,
    phone: account.phone ?? "",
    document: account.document && account.documentType ? formatDocument(account.documentType, account.document) : "",
    line1: address?.line1 ?? "",
    number: address?.number ?? "",
    complement: address?.complement ?? "",
    district: address?.district ?? "",
    city: address?.city ?? "",
    state: address?.state ?? "",
    postal_code: address ? formatPostalCode(address.postal_code, country) : "",
    country,
  };
}

/** The viewer's billing account (this tenant, this account: nothing else is reachable from here). */
export async function getPortalAccount(db: DbOrTx, actor: PortalActor): Promise<{ values: AccountValues; archived: boolean }> {
  const account = await getBillingAccountOrThrow(db, { organizationId: actor.tenant.id, id: actor.user.billingAccountId });
  return { values: accountValues(account), archived: account.status === "archived" };
}

const orNull = (value: string | undefined) => (value === undefined || value.trim() === "" ? null : value);

/**
 * The form's text as the API's PATCH body: blanks clear the optional fields; an address with
 * every field blank is removed; the country stays what it was (BR by default).
 */
export function accountPatch(values: Partial<AccountValues>): Record<string, unknown> {
  const address = ADDRESS_FIELDS.some((f) => (values[f] ?? "").trim() !== "")
    ? {
        line1: values.line1 ?? "",
        number: orNull(values.number),
        complement: orNull(values.complement),
        district: orNull(values.district),
        city: values.city ?? "",
        state: values.state ?? "",
        postal_code: values.postal_code ?? "",
        country: (values.country ?? "").trim() || "BR",
      }
    : null;
  return {
    name: values.name ?? "",
    legal_name: orNull(values.legal_name),
    email: (values.email ?? "").trim(),
    phone: orNull(values.phone),
    document: orNull(values.document),
    tax_address: address,
  };
}

/** Validates like the API (errors per field) and saves through updateBillingAccount. */
export async function updatePortalAccount(db: DbOrTx, actor: PortalActor, values: Partial<AccountValues>): Promise<FormResult<AccountValues>> {
  if (!can(actor.user.role, "manage_account")) return formFail("forbidden");
  const parsed = updateBillingAccountInput.safeParse(accountPatch(values));
  if (!parsed.success) return formFail("invalid", fieldIssues(parsed.error.issues));
  const input: UpdateBillingAccountInput = parsed.data;
  try {
    const saved = await updateBillingAccount(db, { organizationId: actor.tenant.id, mode: actor.tenant.mode, id: actor.user.billingAccountId }, input);
    return formOk(accountValues(saved));
  } catch (error) {
    if (error instanceof ApiError && error.code === "resource_archived") return formFail("state_conflict");
    if (error instanceof ApiError && error.code === "resource_missing") return formFail("not_found");
    throw error;
  }
}
