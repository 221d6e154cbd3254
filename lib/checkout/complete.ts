import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { billingAccounts, invoices } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey, requestFingerprint } from "@/lib/api/idempotency";
import { createBillingAccount } from "@/lib/billing-accounts/service";
import type { Locale } from "@/lib/i18n/locale";
import { attachPaymentMethod } from "@/lib/payment-methods/service";
import type { PaymentGateway } from "@/lib/payments/gateway";
import { getGateway } from "@/lib/payments/gateways";
import type { PlanWithItems } from "@/lib/plans/plans";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { findUserByEmail } from "@/lib/portal-auth/lookup";
import { createPortalUser } from "@/lib/portal-auth/portal-users";
import { createSubscription } from "@/lib/subscriptions/create";
import { CheckoutError, fromApiError, parseOrThrow } from "./errors";
import { completeCheckoutInput, type CompleteCheckoutInput } from "./input";
import { getCheckoutPlanOrThrow } from "./offer";
import { collectFirstInvoice, type CheckoutPayment } from "./payment";
import { checkoutErrorOf, subscriptionInputFor } from "./terms";

// Buying a public plan, as an anonymous visitor of the merchant's portal host. In ONE
// transaction: the billing account (CPF/CNPJ and CEP checked), its first portal user (owner),
// the payment method and the subscription — through the same services as the API, so the first
// invoice is issued exactly as POST /subscriptions issues it. Then, committed, the first invoice
// is collected the way POST /invoices/:id/pay does (card charged now; boleto/PIX issued, open).
//
// Double submits: every form carries an idempotency key (claimed in idempotency_keys as
// `checkout:<key>`); a second submit waits for the first and gets its outcome, never a second
// account or charge. An email that already has a portal user or a billing account in this
// organization is refused ("sign in instead"): an anonymous buyer never attaches to, nor learns
// anything about, an existing account beyond that it exists.
type Scope = { organizationId: string; mode: "live" | "test" };

export type CheckoutResult = {
  billing_account_id: string;
  portal_user_id: string;
  subscription_id: string;
  subscription_status: string;
  invoice_id: string | null;
  payment: CheckoutPayment;
  /** When the purchase was made; a replay may sign in only shortly after (see REPLAY_SIGN_IN_MS). */
  completed_at: string;
};

/** A replayed outcome still signs the buyer in within this window (the form's key is the credential). */
export const REPLAY_SIGN_IN_MS = 15 * 60_000;
const WAIT_STEP_MS = 250;
const WAIT_LIMIT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Claimed = { kind: "claimed"; id: string } | { kind: "replay"; result: CheckoutResult };

/** Claims the form's key; a submit already running with it is waited for, then replayed. */
async function claim(db: Db, organizationId: string, input: CompleteCheckoutInput, slug: string): Promise<Claimed> {
  const hash = requestFingerprint("POST", `checkout/${slug.toLowerCase()}`, { email: input.customer.email });
  const started = Date.now();
  for (;;) {
    try {
      const claimed = await claimIdempotencyKey(db, organizationId, `checkout:${input.idempotency_key}`, hash);
      return claimed.kind === "claimed" ? claimed : { kind: "replay", result: claimed.body as CheckoutResult };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === "idempotency_key_reused") throw new CheckoutError("invalid", { form: "this form was already used for another purchase: reload the page" });
      if (error.code !== "idempotency_request_in_progress" || Date.now() - started > WAIT_LIMIT_MS) throw new CheckoutError("in_progress");
      await sleep(WAIT_STEP_MS);
    }
  }
}

async function assertNewCustomer(db: DbOrTx, organizationId: string, email: string): Promise<void> {
  const refuse = () => new CheckoutError("account_exists", { "customer.email": "an account with this email already exists: sign in instead" });
  if (await findUserByEmail(db, organizationId, email)) throw refuse();
  const [account] = await db
    .select({ id: billingAccounts.id })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.organizationId, organizationId), sql`lower(${billingAccounts.email}) = ${email}`, ne(billingAccounts.status, "archived")))
    .limit(1);
  if (account) throw refuse();
}

type Created = Omit<CheckoutResult, "payment" | "completed_at">;

async function createAll(db: Db, scope: Scope, plan: PlanWithItems, input: CompleteCheckoutInput, context: { request: RequestInfo; locale: Locale | null; gateway: PaymentGateway }): Promise<Created> {
  const { customer } = input;
  return db.transaction(async (tx) => {
    // Two purchases for one email (two tabs, two keys) take turns, so the second sees the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checkout:${scope.organizationId}:${customer.email}`}))`);
    await assertNewCustomer(tx, scope.organizationId, customer.email);
    const account = await createBillingAccount(tx, scope, {
      name: customer.name, email: customer.email, phone: customer.phone ?? null, document: customer.document, tax_address: customer.tax_address, metadata: { source: "checkout" },
    });
    const user = await createPortalUser(
      tx, { organizationId: scope.organizationId, billingAccountId: account.id },
      { email: customer.email, name: customer.name, role: "owner", locale: context.locale, send_invite: false, status: "active" },
      context.request, { method: "portal" },
    );
    await attachPaymentMethod(tx, { ...scope, billingAccountId: account.id }, input.payment.type === "card" ? { type: "card", token: input.payment.token } : { type: input.payment.type }, context.gateway)
      .catch((error: unknown) => {
        throw error instanceof ApiError ? (fromApiError(error, { token: "payment.token" }) ?? error) : error;
      });
    const { input: subInput } = await subscriptionInputFor(tx, scope.organizationId, plan, input, account.id, { checkout_plan: plan.slug });
    const sub = await createSubscription(tx, { ...scope, actor: `checkout:${user.id}` }, subInput).catch((error: unknown) => {
      throw checkoutErrorOf(error);
    });
    const [invoice] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.organizationId, scope.organizationId), eq(invoices.subscriptionId, sub.id)));
    return {
      billing_account_id: account.id, portal_user_id: user.id, subscription_id: sub.id, subscription_status: sub.status,
      invoice_id: invoice?.id ?? null,
    };
  });
}

export type CompleteCheckoutOutcome = { result: CheckoutResult; replayed: boolean };

export async function completeCheckout(
  db: Db,
  scope: Scope & { slug: string },
  raw: unknown,
  context: { request: RequestInfo; locale?: Locale | null; gateway?: PaymentGateway },
): Promise<CompleteCheckoutOutcome> {
  const input = parseOrThrow(completeCheckoutInput, raw);
  const gateway = context.gateway ?? getGateway();
  // The plan is checked before the key is claimed: a wrong slug is a 404, not a stored outcome.
  const plan = await getCheckoutPlanOrThrow(db, { organizationId: scope.organizationId, slug: scope.slug });
  const claimed = await claim(db, scope.organizationId, input, scope.slug);
  if (claimed.kind === "replay") return { result: claimed.result, replayed: true };
  let created: Created;
  try {
    created = await createAll(db, scope, plan, input, { request: context.request, locale: context.locale ?? null, gateway });
  } catch (error) {
    // Nothing was written: the same form may be sent again once corrected.
    await releaseIdempotencyKey(db, claimed.id);
    throw error;
  }
  const payment = await collectFirstInvoice(db, scope, { invoiceId: created.invoice_id, method: input.payment.type, gateway });
  const result: CheckoutResult = { ...created, payment, completed_at: new Date().toISOString() };
  await completeIdempotencyKey(db, claimed.id, 201, result);
  return { result, replayed: false };
}
