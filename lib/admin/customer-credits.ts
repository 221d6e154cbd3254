import type { DbOrTx } from "@/db";
import { notFound } from "@/lib/api/errors";
import { grantCreditInput } from "@/lib/credits/input";
import { getCreditOrThrow, grantCredit, voidCredit } from "@/lib/credits/service";
import { formatMoney } from "@/lib/invoices/format";
import { organizationCurrency } from "@/lib/organizations/create";
import { parseMoneyToCents } from "./money-input";
import { refused } from "./form-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// A customer's credits (business:write): "Grant credit" reads the form into the body of
// POST /api/v1/billing_accounts/:id/credits (grantCreditInput) and calls grantCredit; "Void"
// is POST /api/v1/credits/:id/void. The amount is typed as money ("150,00") and turned into
// integer cents exactly (parseMoneyToCents, never a float); the expiry is a date.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date input's day as the instant the credit stops counting: the end of that day, UTC. */
export function endOfDayUtc(day: string): string {
  return DATE.test(day) ? `${day}T23:59:59Z` : day;
}

/** The currency the credit is granted in: the one typed, else the organization's. */
async function currencyOf(db: DbOrTx, org: OrgScope, form: FormData): Promise<string> {
  return optionalText(form, "currency")?.toUpperCase() ?? (await organizationCurrency(db, org.organizationId));
}

export async function grantCreditForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  const values = echoValues(form);
  const currency = await currencyOf(db, org, form);
  const amountText = optionalText(form, "amount");
  // A malformed currency has no minor unit to convert into: the schema then names `currency`.
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  const cents = amountText && currencyOk ? parseMoneyToCents(amountText, currency) : null;
  // What is wrong with the typed amount itself (unknowable while the currency is not valid).
  const amountProblem = !amountText ? "is required" : currencyOk && cents === null ? "must be an amount such as 150,00 or 150.00" : null;
  const expires = optionalText(form, "expires_on");
  const parsed = grantCreditInput.safeParse({
    credit_type: form.get("credit_type") ?? "",
    amount_cents: cents ?? 1, // a stand-in when the text is the problem: the schema then reports the other fields
    currency,
    expires_at: expires ? endOfDayUtc(expires) : null,
    description: optionalText(form, "description"),
  });
  const fields: Record<string, string> = parsed.success ? {} : issuesToFields(parsed.error.issues);
  // The form's names: `amount` (money) stands for amount_cents, `expires_on` (a day) for expires_at.
  if (amountProblem) fields.amount = amountProblem;
  else if (fields.amount_cents) fields.amount = cents !== null && cents > 0 ? "is too large" : "must be more than zero";
  delete fields.amount_cents;
  if (fields.expires_at) {
    fields.expires_on = fields.expires_at;
    delete fields.expires_at;
  }
  if (!parsed.success || Object.keys(fields).length > 0) return errorState(prev, INVALID_MESSAGE, fields, values);
  try {
    const credit = await grantCredit(db, { ...org, billingAccountId: idOf(form, "billing_account_id") }, parsed.data);
    return successState(prev, `Credit of ${formatMoney(credit.amountCents, credit.currency, "pt-BR")} granted.`);
  } catch (error) {
    return refused(prev, error, "customer", values);
  }
}

export async function voidCreditForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState): Promise<AdminFormState> {
  if (form.get("confirm") !== "void") return errorState(prev, "Confirm to void the credit.");
  try {
    const credit = await db.transaction(async (tx) => {
      const id = idOf(form);
      const current = await getCreditOrThrow(tx, { organizationId: org.organizationId, id }, { forUpdate: true });
      if (current.billingAccountId !== idOf(form, "billing_account_id")) throw notFound("credit", id);
      return voidCredit(tx, { ...org, id });
    });
    return successState(prev, `Credit of ${formatMoney(credit.amountCents, credit.currency, "pt-BR")} voided: what was left of it no longer counts (what was already applied stays applied).`);
  } catch (error) {
    return refused(prev, error, "credit");
  }
}
