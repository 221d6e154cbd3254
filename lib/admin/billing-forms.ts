import type { DbOrTx } from "@/db";
import type { StaffContext } from "@/lib/staff/access";
import { ApiError } from "@/lib/api/errors";
import { refundInput, simulatePaymentInput } from "@/lib/api/resources/payments";
import { deleteDraft, finalizeDraft, markUncollectible, voidInvoice } from "@/lib/invoices/service";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { formatMoney } from "@/lib/invoices/format";
import { collectInvoice } from "@/lib/payments/collect";
import { getPaymentOrThrow, refundPayment } from "@/lib/payments/refunds";
import { simulateInvoicePayment } from "@/lib/payments/simulate";
import { organizationLocale } from "./billing-lists";
import { parseMoneyToCents } from "./money-input";
import { actionRefused } from "./billing-errors";
import { echoValues, errorState, idOf, INVALID_MESSAGE, issuesToFields, optionalText, successState, type AdminFormState, type OrgScope } from "./form-state";

// The Invoices and Payments screens' forms: each calls the same service as the API's action
// (finalize, void, mark_uncollectible, pay, simulate_payment, refund) on the organization in the
// URL only. A refusal (wrong state, another organization's id) is a form state, never a 500.
type Org = OrgScope;
type Handler = (db: DbOrTx, org: Org, form: FormData, prev: AdminFormState, staff: StaffContext) => Promise<AdminFormState>;

const invoiceAction = (run: (db: DbOrTx, scope: Org & { id: string }) => Promise<unknown>, done: string, confirm?: string): Handler =>
  async (db, org, form, prev) => {
    if (confirm && form.get("confirm") !== confirm) return errorState(prev, `Confirm to ${confirm} the invoice.`);
    try {
      await run(db, { ...org, id: idOf(form) });
      return successState(prev, done);
    } catch (error) {
      return actionRefused(prev, error, "invoice");
    }
  };

/** POST /invoices/:id/finalize: number, customer snapshot, credits, payment link; collection starts. */
export const finalizeInvoiceForm = invoiceAction(finalizeDraft, "Invoice finalized: it has its number and is now open for payment.");
/** POST /invoices/:id/void (open or uncollectible): credits it used are restored, pending boleto/PIX canceled. */
export const voidInvoiceForm = invoiceAction(voidInvoice, "Invoice voided: nothing is owed on it any more.", "void");
/** POST /invoices/:id/mark_uncollectible (open only): collection stops. */
export const markUncollectibleForm = invoiceAction(markUncollectible, "Invoice marked uncollectible: automatic collection has stopped.", "mark");
/** DELETE /invoices/:id (drafts only). */
export const deleteDraftForm = invoiceAction(deleteDraft, "Draft deleted.", "delete");

const COLLECT_OUTCOME: Record<string, string> = {
  paid: "Payment captured: the invoice is paid.",
  failed: "The charge failed: see the payment below. The invoice stays open.",
  pending: "A boleto / PIX was issued: the invoice is paid when the customer pays it.",
  in_flight: "A charge for this invoice is already in progress: check again in a moment.",
  nothing_to_do: "There was nothing to collect on this invoice.",
};

/** POST /invoices/:id/pay: collect now (the default card, then the backup; or issue a boleto/PIX), outside the dunning schedule. */
export const collectInvoiceForm: Handler = async (db, org, form, prev) => {
  try {
    const invoice = await getInvoiceOrThrow(db, { organizationId: org.organizationId, id: idOf(form) });
    if (!["open", "uncollectible"].includes(invoice.status)) return errorState(prev, `This invoice is ${invoice.status}: there is nothing to collect.`);
    const result = await collectInvoice(db, { ...org, invoiceId: invoice.id }, { force: true });
    const message = result.outcome === "failed" && !result.payment
      ? "This customer has no payment method to charge: the attempt was counted as failed."
      : (COLLECT_OUTCOME[result.outcome] ?? "Collection attempted.");
    return result.outcome === "failed" ? errorState(prev, message) : successState(prev, message);
  } catch (error) {
    return actionRefused(prev, error, "invoice");
  }
};

/** POST /invoices/:id/simulate_payment (sandbox only): the customer pays the boleto / PIX. */
export const simulatePaymentForm: Handler = async (db, org, form, prev) => {
  const parsed = simulatePaymentInput.safeParse({ method: optionalText(form, "method") ?? undefined });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues));
  try {
    await simulateInvoicePayment(db, { ...org, invoiceId: idOf(form) }, parsed.data);
    return successState(prev, "Simulated: the customer paid and the invoice was settled by the sandbox gateway's webhook.");
  } catch (error) {
    return actionRefused(prev, error, "invoice");
  }
};

/**
 * POST /payments/:id/refund. The amount is typed as money in the payment's currency ("25,00") and
 * converted exactly to cents; empty refunds everything not refunded yet. Field names are the API's.
 */
export const refundPaymentForm: Handler = async (db, org, form, prev) => {
  const values = echoValues(form);
  const id = idOf(form);
  let currency = "BRL";
  const locale = await organizationLocale(db, org.organizationId);
  try {
    const payment = await getPaymentOrThrow(db, { organizationId: org.organizationId, id });
    currency = payment.currency;
    const typed = optionalText(form, "amount_cents");
    const amount = typed === null ? undefined : parseMoneyToCents(typed, currency);
    if (amount === null) return errorState(prev, INVALID_MESSAGE, { amount_cents: "must be an amount such as 25,00" }, values);
    const parsed = refundInput.safeParse({ amount_cents: amount, reason: optionalText(form, "reason"), as_credit: form.get("as_credit") === "on" });
    if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
    const refunded = await refundPayment(db, { ...org, id }, parsed.data);
    const last = refunded.refunds[refunded.refunds.length - 1]?.amountCents ?? 0;
    const where = parsed.data.as_credit ? "to the customer's credit balance" : "to the payment method";
    return successState(prev, `Refunded ${formatMoney(last, currency, locale)} ${where}.`);
  } catch (error) {
    // The service speaks cents ("at most 1000 can still be refunded"): say it in money.
    const most = error instanceof ApiError && error.param === "amount_cents" ? /at most (\d+)/.exec(error.message) : null;
    if (most) return errorState(prev, INVALID_MESSAGE, { amount_cents: `must be at most ${formatMoney(Number(most[1]), currency, locale)} (what is left to refund)` }, values);
    return actionRefused(prev, error, "payment", ["amount_cents", "reason", "as_credit"], values);
  }
};
