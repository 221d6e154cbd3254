import type { DbOrTx } from "@/db";
import { ApiError } from "@/lib/api/errors";
import { now } from "@/lib/clock";
import { log } from "@/lib/log";
import type { PayLinkPage } from "@/lib/pay-link/lookup";
import { issuePayLinkInstrument, simulatePayLinkPayment, type PayLinkError, type PayMethod } from "@/lib/pay-link/pay";
import { collectInvoice } from "@/lib/payments/collect";
import { pendingInstruments } from "@/lib/payments/pending";
import { accountScope, type PortalAccountScope, type PortalActor } from "./account";
import { getPortalInvoiceOrThrow, loadPortalInvoice, type PortalInvoiceDetail } from "./invoices";
import { accountPaymentMethods, type PaymentMethodSummary } from "./overview";
import { can } from "./permissions";

// Paying an invoice from the portal, through the services the API and the payment link use:
// a card charge is collectInvoice(force) — what POST /invoices/:id/pay does — and PIX/boleto are
// the payment link's own issue/simulate (the invoice's payment token), so the portal and the
// link can never disagree. Every call checks the role first (manage_billing), then that the
// invoice is the signed-in account's; nothing here throws at the caller.
export type PortalPayError = PayLinkError | "forbidden" | "no_card" | "declined" | "in_flight";
export type PortalPayOutcome = { ok: true } | { ok: false; error: PortalPayError; failureCode?: string | null };

const OPEN = ["open", "uncollectible"];

/** The card a "pay now" charges: the default method when it is a card, else a backup card. */
export function cardToCharge(methods: PaymentMethodSummary[]): PaymentMethodSummary | null {
  return methods.find((m) => m.role === "default" && m.type === "card") ?? methods.find((m) => m.role === "backup" && m.type === "card") ?? null;
}

async function ownOpenInvoice(db: DbOrTx, scope: PortalAccountScope, invoiceId: string) {
  try {
    return await getPortalInvoiceOrThrow(db, scope, invoiceId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Charges the account's card (cardToCharge) for what is left to pay; that card only, no fallback to another method. */
export async function payInvoiceWithCard(db: DbOrTx, actor: PortalActor, invoiceId: string): Promise<PortalPayOutcome> {
  if (!can(actor.user.role, "manage_billing")) return { ok: false, error: "forbidden" };
  const scope = accountScope(actor);
  const invoice = await ownOpenInvoice(db, scope, invoiceId);
  if (!invoice) return { ok: false, error: "not_found" };
  if (!OPEN.includes(invoice.status) || invoice.amountDueCents - invoice.amountPaidCents <= 0) return { ok: false, error: "not_payable" };
  const card = cardToCharge(await accountPaymentMethods(db, scope));
  if (!card) return { ok: false, error: "no_card" };
  try {
    const result = await collectInvoice(
      db,
      { organizationId: scope.organizationId, mode: scope.mode, invoiceId },
      { force: true, paymentMethodId: card.id },
    );
    switch (result.outcome) {
      case "paid":
        return { ok: true };
      case "failed":
        return { ok: false, error: "declined", failureCode: result.payment?.failureCode ?? null };
      case "in_flight":
        return { ok: false, error: "in_flight" };
      case "nothing_to_do":
        return { ok: false, error: "not_payable" };
      case "pending": // not for a card; a boleto/PIX would show on the page
        return { ok: true };
    }
  } catch (error) {
    if (!(error instanceof ApiError)) log.error("portal: card payment failed", { error, invoiceId });
    return { ok: false, error: "unavailable" };
  }
}

async function withToken(db: DbOrTx, actor: PortalActor, invoiceId: string, run: (token: string) => Promise<PortalPayOutcome>): Promise<PortalPayOutcome> {
  if (!can(actor.user.role, "manage_billing")) return { ok: false, error: "forbidden" };
  const invoice = await ownOpenInvoice(db, accountScope(actor), invoiceId);
  if (!invoice) return { ok: false, error: "not_found" };
  if (!invoice.paymentToken || !OPEN.includes(invoice.status)) return { ok: false, error: "not_payable" };
  return run(invoice.paymentToken);
}

/** Issues (or keeps) the PIX or boleto to pay the invoice with, like the payment link's buttons. */
export function issuePortalInstrument(db: DbOrTx, actor: PortalActor, invoiceId: string, method: PayMethod): Promise<PortalPayOutcome> {
  return withToken(db, actor, invoiceId, (token) => issuePayLinkInstrument(db, token, method));
}

/** Sandbox only: pays the invoice as its customer would (the payment link's simulate). */
export function simulatePortalPayment(db: DbOrTx, actor: PortalActor, invoiceId: string): Promise<PortalPayOutcome> {
  return withToken(db, actor, invoiceId, (token) => simulatePayLinkPayment(db, token));
}

/**
 * What the payment link page shows for the invoice (its document and the PIX/boleto issued), or
 * null when it has no payment link. The invoice page passes the detail it already loaded (same
 * document, same payable rule as lib/pay-link/lookup.ts) so nothing is read twice; an id is
 * looked up for the account first.
 */
export async function portalPayPanel(db: DbOrTx, scope: PortalAccountScope, invoice: string | PortalInvoiceDetail): Promise<PayLinkPage | null> {
  const detail = typeof invoice === "string" ? await loadPortalInvoice(db, scope, invoice) : invoice;
  if (!detail.invoice.paymentToken) return null;
  const invoiceId = detail.invoice.id;
  const pending = await pendingInstruments(db, { organizationId: scope.organizationId, invoiceId }, now());
  return {
    target: { organizationId: scope.organizationId, mode: scope.mode, invoiceId, status: detail.invoice.status },
    doc: detail.doc,
    pending,
    payable: detail.payable,
    amountRemainingCents: detail.amountRemainingCents,
  };
}
