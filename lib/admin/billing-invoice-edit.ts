import type { DbOrTx } from "@/db";
import { updateInvoiceInput } from "@/lib/invoices/input";
import { updateInvoice } from "@/lib/invoices/service";
import { actionRefused } from "./billing-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// What can still change on an invoice, as PATCH /invoices/:id allows: a draft's memo; on a
// finalized invoice, its NF-e record (number, series, verification link, status) once the merchant
// has issued the nota fiscal. Same schema, same service (which refuses the rest with its reason).

/** The NF-e record typed on a finalized invoice (`nfe.<field>`; a blank field clears it). */
export async function recordNfeForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updateInvoiceInput.safeParse({
    nfe: {
      number: optionalText(form, "nfe.number"),
      series: optionalText(form, "nfe.series"),
      verification_url: optionalText(form, "nfe.verification_url"),
      status: optionalText(form, "nfe.status"),
    },
  });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await updateInvoice(db, { ...org, id: idOf(form) }, parsed.data);
    return successState(prev, "NF-e saved.");
  } catch (error) {
    return actionRefused(prev, error, "invoice", ["nfe"], values);
  }
}

/** A draft's memo (printed on the invoice; blank removes it). */
export async function editMemoForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const parsed = updateInvoiceInput.safeParse({ memo: optionalText(form, "memo") });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    await updateInvoice(db, { ...org, id: idOf(form) }, parsed.data);
    return successState(prev, parsed.data.memo ? "Memo saved." : "Memo removed.");
  } catch (error) {
    return actionRefused(prev, error, "invoice", ["memo"], values);
  }
}
