import type { DbOrTx } from "@/db";
import { addInvoiceLinesInput, createInvoiceInput } from "@/lib/invoices/input";
import { addDraftLines, createInvoice } from "@/lib/invoices/service";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { organizationCurrency } from "@/lib/organizations/create";
import { actionRefused } from "./billing-errors";
import { parseMoneyToCents } from "./money-input";
import { failureState } from "./form-errors";
import { checked, echoValues, errorState, fieldName, idOf, integer, INVALID_MESSAGE, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// Invoices made by hand (POST /invoices) and more lines on a draft (POST /invoices/:id/lines),
// through the API's schemas and services. Each line's inputs are named by the API's path with
// its index ("lines.0.unit_amount_cents"), so an error shows under the very line; the unit
// price is typed as money and converted exactly to cents. Wholly empty lines are left out.
type Issue = { path: ReadonlyArray<PropertyKey>; message: string };
type Line = { description: string; quantity: number | string; unit_amount_cents: number | string | undefined };
/** The lines for the schema, the form index each came from (blank rows shift them), and unreadable prices. */
type Lines = { lines: Line[]; indexes: string[]; fields: Record<string, string> };

const INDEX = /^lines\.(\d{1,2})\.(description|quantity|unit_amount_cents)$/;

/** The form's lines (by index, blank rows skipped) and the unit prices it could not read. */
export function readLines(form: FormData, currency: string): Lines {
  const indexes = [...new Set([...form.keys()].map((k) => INDEX.exec(k)?.[1]).filter((i): i is string => i !== undefined))].sort((a, b) => Number(a) - Number(b));
  const lines: Line[] = [];
  const used: string[] = [];
  const fields: Record<string, string> = {};
  for (const i of indexes) {
    const description = optionalText(form, `lines.${i}.description`);
    const quantity = optionalText(form, `lines.${i}.quantity`);
    const price = optionalText(form, `lines.${i}.unit_amount_cents`);
    if (description === null && price === null && (quantity === null || quantity === "1")) continue;
    const cents = price === null ? undefined : parseMoneyToCents(price, currency);
    if (price === null) fields[`lines.${i}.unit_amount_cents`] = "is required";
    else if (cents === null) fields[`lines.${i}.unit_amount_cents`] = "must be an amount such as 150,00";
    lines.push({ description: description ?? "", quantity: quantity === null ? 1 : integer(form, `lines.${i}.quantity`), unit_amount_cents: cents ?? undefined });
    used.push(i);
  }
  return { lines, indexes: used, fields };
}

/** Zod's issues as field names: a line's issue under that line's inputs, anything else as usual. */
function lineFields(issues: ReadonlyArray<Issue>, indexOf: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const [first, position, key] = issue.path;
    const name = first === "lines" && typeof position === "number" && typeof key === "string" ? `lines.${indexOf[position] ?? position}.${key}` : fieldName(issue.path);
    fields[name] ??= /expected number/.test(issue.message) ? "must be a whole number" : issue.message;
  }
  return fields;
}

export async function createInvoiceForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const currency = await organizationCurrency(db, org.organizationId);
  const { lines, indexes, fields } = readLines(form, currency);
  const parsed = createInvoiceInput.safeParse({
    billing_account_id: optionalText(form, "billing_account_id") ?? "",
    lines,
    collection_method: optionalText(form, "collection_method") ?? undefined,
    memo: optionalText(form, "memo"),
    finalize: checked(form, "finalize"),
  });
  if (!parsed.success || Object.keys(fields).length) {
    const all = { ...(parsed.success ? {} : lineFields(parsed.error.issues, indexes)), ...fields };
    if (all.billing_account_id && !values.billing_account_id) all.billing_account_id = "choose a customer";
    return errorState(prev, INVALID_MESSAGE, all, values);
  }
  try {
    const invoice = await createInvoice(db, org, parsed.data);
    return successState(prev, parsed.data.finalize ? "Invoice created and finalized." : "Draft invoice created.", { id: invoice.id });
  } catch (error) {
    return failureState(prev, error, values);
  }
}

export async function addDraftLinesForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const id = idOf(form);
  try {
    const draft = await getInvoiceOrThrow(db, { organizationId: org.organizationId, id });
    const { lines, indexes, fields } = readLines(form, draft.currency);
    const parsed = addInvoiceLinesInput.safeParse({ lines });
    if (!parsed.success || Object.keys(fields).length) {
      return errorState(prev, INVALID_MESSAGE, { ...(parsed.success ? {} : lineFields(parsed.error.issues, indexes)), ...fields }, values);
    }
    await addDraftLines(db, { ...org, id }, parsed.data);
    return successState(prev, `${parsed.data.lines.length === 1 ? "Line" : `${parsed.data.lines.length} lines`} added to the draft.`);
  } catch (error) {
    return actionRefused(prev, error, "invoice", [], values);
  }
}
