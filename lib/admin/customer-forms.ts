import type { DbOrTx } from "@/db";
import { createBillingAccountInput, updateBillingAccountInput } from "@/lib/billing-accounts/input";
import { createBillingAccount, deleteBillingAccount, updateBillingAccount } from "@/lib/billing-accounts/service";
import { failureState, refused } from "./form-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// The Customers screens' account forms: the form read into the body POST/PATCH
// /api/v1/billing_accounts take, validated by the same schemas, saved by the same functions.
// Input names are the API's paths ("tax_address.postal_code"), so each issue lands on its field.

/** A create answer also names the new account, so the page can open it. */
export type CustomerFormState = AdminFormState & { createdId?: string };

export const ADDRESS_FIELDS = ["line1", "number", "complement", "district", "city", "state", "postal_code", "country"] as const;
const REQUIRED_ADDRESS = new Set(["line1", "city", "state", "postal_code"]);

/**
 * The tax address as the API takes it: null when every field but the country is blank (no address, or clear it);
 * otherwise an object where a blank optional field is null and a blank required one is "", which
 * the schema names ("must not be empty"). A blank country is Brazil, the schema's default.
 */
function taxAddressOf(form: FormData): Record<string, string | null> | null {
  const values = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, optionalText(form, `tax_address.${f}`)]));
  if (ADDRESS_FIELDS.every((f) => f === "country" || values[f] === null)) return null;
  const address: Record<string, string | null> = {};
  for (const f of ADDRESS_FIELDS) {
    if (f === "country") address.country = values.country ?? "BR";
    else address[f] = values[f] ?? (REQUIRED_ADDRESS.has(f) ? "" : null);
  }
  return address;
}

/** The account fields of the form; blank optional fields are null (the API's "clear"). */
function accountBody(form: FormData) {
  return {
    name: String(form.get("name") ?? ""),
    legal_name: optionalText(form, "legal_name"),
    email: String(form.get("email") ?? "").trim(),
    phone: optionalText(form, "phone"),
    document: optionalText(form, "document"),
    tax_address: taxAddressOf(form),
    external_id: optionalText(form, "external_id"),
  };
}

export async function createCustomerForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<CustomerFormState> {
  const values = echoValues(form);
  const parsed = createBillingAccountInput.safeParse(accountBody(form));
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const account = await createBillingAccount(db, org, parsed.data);
    return { ...successState(prev, `Customer “${account.name}” created.`), createdId: account.id };
  } catch (error) {
    return failureState(prev, error, values);
  }
}

export async function updateCustomerForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updateBillingAccountInput.safeParse(accountBody(form));
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await updateBillingAccount(db, { ...org, id: idOf(form) }, parsed.data);
    return successState(prev, "Customer saved.");
  } catch (error) {
    return refused(prev, error, "customer", values);
  }
}

/** A delete answer says whether the account is gone (the page then goes back to the list) or was archived. */
export type DeleteCustomerState = AdminFormState & { deleted?: boolean };

/**
 * DELETE /api/v1/billing_accounts/:id, confirmed: an account without history is deleted; one with
 * history (subscriptions, invoices, credits, portal users…) is archived and stays readable.
 */
export async function deleteCustomerForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<DeleteCustomerState> {
  if (form.get("confirm") !== "delete") return errorState(prev, "Confirm to delete the customer.");
  try {
    const outcome = await deleteBillingAccount(db, { ...org, id: idOf(form) });
    return outcome.deleted
      ? { ...successState(prev, "Customer deleted."), deleted: true }
      : successState(prev, "This customer has history (subscriptions, invoices, credits or portal users), so it was archived instead: it stays readable but can no longer change.");
  } catch (error) {
    return refused(prev, error, "customer");
  }
}
