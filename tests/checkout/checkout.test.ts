import { and, eq, TransactionRollbackError } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { billingAccounts, coupons, invoices, portalUsers, subscriptions } from "@/db/schema";
import { CheckoutError } from "@/lib/checkout/errors";
import { completeCheckout } from "@/lib/checkout/complete";
import { CheckoutNotFoundError, loadCheckoutOffer } from "@/lib/checkout/offer";
import { quoteCheckout, type CheckoutQuote } from "@/lib/checkout/quote";
import { nextNumber } from "@/lib/invoices/sequences";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { cardToken, TEST_CARD } from "../helpers/payments";
import { buyer, cardCharges, checkoutTenant, context, counts, monthly } from "./fixtures";

// The checkout's services: the quote is the subscription service's own answer; a purchase
// writes one account, user, subscription and invoice, charges once under a double submit, and
// writes nothing when refused.
let c: Awaited<ReturnType<typeof checkoutTenant>>;
beforeAll(async () => {
  c = await checkoutTenant();
});
const db = () => getDb();
const slug = (s: string) => ({ ...c.scope, slug: s });

async function refusal(promise: Promise<unknown>): Promise<CheckoutError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CheckoutError);
  return error as CheckoutError;
}

describe("quote", () => {
  it("is what POST /subscriptions then invoices: add-ons, coupon, due today and the renewal", async () => {
    const seat = c.seats.prices[0].id;
    const quote = await quoteCheckout(db(), slug("pro"), { billing_cycle: monthly, add_ons: [{ price_id: seat, quantity: 2 }], promo_code: "bemvindo10" });
    // R$ 79.90 + 2 × R$ 19.90 = R$ 119.70, 10% off = R$ 11.97 (under the R$ 50 cap).
    expect(quote.due_today).toMatchObject({ subtotal_cents: 11_970, discount_cents: 1197, total_cents: 10_773 });
    expect(quote.promo).toEqual({ code: "BEMVINDO10", kind: "coupon" });
    expect(quote.trial).toBeNull();
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: c.key })).body;
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: account.id, plan_id: c.plan.id, add_ons: [{ price_id: seat, quantity: 2 }], coupon: "BEMVINDO10" }, { key: c.key })).body;
    const invoice = (await api.get(`/api/v1/invoices?subscription_id=${sub.id}`, { key: c.key })).body.data[0];
    expect(invoice.amount_due_cents).toBe(quote.due_today.total_cents);
    expect(invoice.lines.map((l: { amount_cents: number }) => l.amount_cents)).toEqual(quote.due_today.lines.map((l) => l.amount_cents));
    // A coupon applies to every invoice of the subscription: the renewal keeps it.
    expect(quote.recurring.total_cents).toBe(10_773);
  });

  it("a discount code, a trial, and a quote writes nothing", async () => {
    const before = await counts(c.t.live.id);
    const coded = await quoteCheckout(db(), slug("pro"), { billing_cycle: { interval: "year", interval_count: 1 }, promo_code: "BLACK20" });
    expect(coded.due_today).toMatchObject({ subtotal_cents: 79_900, discount_cents: 15_980, total_cents: 63_920 });
    expect(coded.promo?.kind).toBe("discount_code");
    const trial = await quoteCheckout(db(), slug("trial"), { billing_cycle: monthly });
    expect(trial.trial?.days).toBe(14);
    expect(trial.due_today.total_cents).toBe(0);
    expect(trial.after_trial?.total_cents).toBe(7990);
    expect(await counts(c.t.live.id)).toEqual(before);
  });

  it("reads only: a quote goes through while a finalization holds the invoice number and a purchase the coupon", async () => {
    // The quote used to be the purchase rolled back: it queued behind both locks (and every
    // checkout page view took them itself). It must answer while this transaction holds them.
    let quoted: CheckoutQuote | null = null;
    await db()
      .transaction(async (tx) => {
        await nextNumber(tx, c.t.live.id, "invoice");
        await tx.select().from(coupons).where(eq(coupons.organizationId, c.t.live.id)).for("update");
        quoted = await quoteCheckout(db(), slug("pro"), { billing_cycle: monthly, promo_code: "BEMVINDO10" });
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof TransactionRollbackError)) throw error;
      });
    expect(quoted!.due_today).toMatchObject({ subtotal_cents: 7990, discount_cents: 799, total_cents: 7191 });
  });

  it("refuses unknown codes and add-ons that are not the plan's, naming the field", async () => {
    expect((await refusal(quoteCheckout(db(), slug("pro"), { billing_cycle: monthly, promo_code: "NOPE123" }))).code).toBe("promo_invalid");
    const wrong = await refusal(quoteCheckout(db(), slug("pro"), { billing_cycle: monthly, add_ons: [{ price_id: c.pro.prices[0].id, quantity: 1 }] }));
    expect(Object.keys(wrong.fields)).toEqual(["add_ons[0].price_id"]);
  });
});

describe("which plans are on sale", () => {
  it("public and active plans of this organization only", async () => {
    const offer = await loadCheckoutOffer(db(), slug("pro"));
    expect(offer.cycles.map((x) => x.key)).toEqual(["month-1", "year-1"]);
    expect(offer.cycles[0]!.addOns.map((a) => a.priceId)).toEqual([c.seats.prices[0].id]);
    await expect(loadCheckoutOffer(db(), slug("internal"))).rejects.toBeInstanceOf(CheckoutNotFoundError);
    await expect(loadCheckoutOffer(db(), slug("old"))).rejects.toBeInstanceOf(CheckoutNotFoundError);
    await expect(completeCheckout(db(), slug("internal"), buyer(), context)).rejects.toBeInstanceOf(CheckoutNotFoundError);
    const other = await checkoutTenant();
    // The other tenant's "pro" is its own plan; its plan id never reaches this tenant.
    const theirs = await loadCheckoutOffer(db(), { organizationId: other.t.live.id, slug: "pro" });
    expect(theirs.planId).not.toBe(c.plan.id);
    await expect(loadCheckoutOffer(db(), { organizationId: c.t.sandbox.id, slug: "pro" })).rejects.toBeInstanceOf(CheckoutNotFoundError);
  });
});

describe("garbage from a server action's arguments", () => {
  it("a slug that is not a string is a 404; a selection that is not one names the form", async () => {
    for (const bad of [42, null, { slug: "pro" }, ["pro"]]) {
      const scope = { ...c.scope, slug: bad as unknown as string };
      await expect(quoteCheckout(db(), scope, { billing_cycle: monthly })).rejects.toBeInstanceOf(CheckoutNotFoundError);
      await expect(completeCheckout(db(), scope, buyer(), context)).rejects.toBeInstanceOf(CheckoutNotFoundError);
    }
    for (const bad of [null, "x", 7, [], { billing_cycle: "month" }]) expect((await refusal(quoteCheckout(db(), slug("pro"), bad))).code).toBe("invalid");
  });
});

describe("completeCheckout", () => {
  it("card: one account, owner, subscription and paid invoice; a double submit charges once", async () => {
    const before = await counts(c.t.live.id);
    const form = buyer({ payment: { type: "card", token: await cardToken() }, add_ons: [{ price_id: c.seats.prices[0].id, quantity: 1 }] });
    const [a, b] = await Promise.all([completeCheckout(db(), slug("pro"), form, context), completeCheckout(db(), slug("pro"), form, context)]);
    expect(a.result).toEqual(b.result);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.result.payment).toMatchObject({ method: "card", outcome: "paid", amount_cents: 9980 });
    const after = await counts(c.t.live.id);
    expect(after).toEqual({ accounts: before.accounts + 1, users: before.users + 1, subscriptions: before.subscriptions + 1, invoices: before.invoices + 1, payments: before.payments + 1 });
    expect(await cardCharges(c.t.live.id)).toBe(1);
    const [user] = await db().select().from(portalUsers).where(and(eq(portalUsers.organizationId, c.t.live.id), eq(portalUsers.id, a.result.portal_user_id)));
    expect(user).toMatchObject({ role: "owner", status: "active", email: form.customer.email, billingAccountId: a.result.billing_account_id });
    const [sub] = await db().select().from(subscriptions).where(and(eq(subscriptions.organizationId, c.t.live.id), eq(subscriptions.id, a.result.subscription_id)));
    expect(sub).toMatchObject({ status: "active", planId: c.plan.id });
    const [invoice] = await db().select().from(invoices).where(and(eq(invoices.organizationId, c.t.live.id), eq(invoices.id, a.result.invoice_id!)));
    expect(invoice).toMatchObject({ status: "paid", amountPaidCents: 9980 });
    // A third submit, later: the same outcome, still one charge.
    expect((await completeCheckout(db(), slug("pro"), form, context)).result).toEqual(a.result);
    expect(await cardCharges(c.t.live.id)).toBe(1);
  });

  it("bad CPF/CNPJ and CEP: field errors, nothing written", async () => {
    const before = await counts(c.t.live.id);
    const form = buyer();
    const bad = { ...form, customer: { ...form.customer, document: "111.444.777-00", tax_address: { ...form.customer.tax_address, postal_code: "0130" } } };
    const error = await refusal(completeCheckout(db(), slug("pro"), bad, context));
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fields).sort()).toEqual(["customer.document", "customer.tax_address.postal_code"]);
    expect(await counts(c.t.live.id)).toEqual(before);
  });

  it("a declined card token or unknown coupon writes nothing and frees the form to try again", async () => {
    const before = await counts(c.t.live.id);
    const form = buyer({ promo_code: "NOPE123" });
    expect((await refusal(completeCheckout(db(), slug("pro"), form, context))).code).toBe("promo_invalid");
    const badToken = await refusal(completeCheckout(db(), slug("pro"), { ...form, promo_code: null, payment: { type: "card", token: "tok_missing" } }, context));
    expect(Object.keys(badToken.fields)).toEqual(["payment.token"]);
    expect(await counts(c.t.live.id)).toEqual(before);
    // The same form, corrected, goes through.
    expect((await completeCheckout(db(), slug("pro"), { ...form, promo_code: "BEMVINDO10" }, context)).result.payment).toMatchObject({ outcome: "pending", amount_cents: 7191 });
  });

  it("applies a discount code to the first invoice", async () => {
    const { result } = await completeCheckout(db(), slug("pro"), buyer({ promo_code: "black20", payment: { type: "boleto" } }), context);
    const [invoice] = await db().select().from(invoices).where(and(eq(invoices.organizationId, c.t.live.id), eq(invoices.id, result.invoice_id!)));
    expect(invoice).toMatchObject({ discountCents: 1598, amountDueCents: 6392 });
  });

  it("an email with a portal user or a billing account already: refused, nothing attached", async () => {
    const first = buyer();
    await completeCheckout(db(), slug("pro"), first, context);
    const before = await counts(c.t.live.id);
    const again = await refusal(completeCheckout(db(), slug("pro"), buyer({ customer: { ...first.customer, email: first.customer.email.toUpperCase() } }), context));
    expect(again.code).toBe("account_exists");
    expect(Object.keys(again.fields)).toEqual(["customer.email"]);
    await api.post("/api/v1/billing_accounts", validAccount({ email: "known@cliente.com.br" }), { key: c.key });
    const known = buyer();
    const byAccount = await refusal(completeCheckout(db(), slug("pro"), { ...known, customer: { ...known.customer, email: "known@cliente.com.br" } }, context));
    expect(byAccount.code).toBe("account_exists");
    expect((await counts(c.t.live.id)).users).toBe(before.users);
  });

  it("two tabs (two forms) for one email: one purchase, the other refused", async () => {
    const a = buyer();
    const b = { ...buyer(), customer: a.customer };
    const results = await Promise.allSettled([completeCheckout(db(), slug("pro"), a, context), completeCheckout(db(), slug("pro"), b, context)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as CheckoutError).code).toBe("account_exists");
    const rows = await db().select().from(billingAccounts).where(and(eq(billingAccounts.organizationId, c.t.live.id), eq(billingAccounts.email, a.customer.email)));
    expect(rows).toHaveLength(1);
  });

  it("boleto and PIX: the invoice stays open with its payment data", async () => {
    const boleto = (await completeCheckout(db(), slug("pro"), buyer({ payment: { type: "boleto" } }), context)).result;
    expect(boleto.payment).toMatchObject({ method: "boleto", outcome: "pending", amount_cents: 7990, pix: null });
    expect(boleto.payment.boleto?.digitable_line).toMatch(/^\d{47}$/);
    expect(boleto.payment.pay_path).toMatch(/^\/pay\//);
    const pix = (await completeCheckout(db(), slug("pro"), buyer(), context)).result;
    expect(pix.payment).toMatchObject({ method: "pix", outcome: "pending", boleto: null });
    expect(pix.payment.pix?.payload).toMatch(/^000201/);
    const [invoice] = await db().select().from(invoices).where(and(eq(invoices.organizationId, c.t.live.id), eq(invoices.id, pix.invoice_id!)));
    expect(invoice!.status).toBe("open");
  });

  it("a trial charges nothing today; a declined card keeps the account with its invoice open", async () => {
    const trial = (await completeCheckout(db(), slug("trial"), buyer({ payment: { type: "card", token: await cardToken() } }), context)).result;
    expect(trial).toMatchObject({ subscription_status: "trialing", invoice_id: null, payment: { outcome: "none" } });
    const declined = (await completeCheckout(db(), slug("pro"), buyer({ payment: { type: "card", token: await cardToken(TEST_CARD.declined) } }), context)).result;
    expect(declined.payment).toMatchObject({ outcome: "failed", failure_code: "card_declined", pay_path: expect.stringMatching(/^\/pay\//) });
  });
});
