import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { invoices, portalUsers, type PortalRole } from "@/db/schema";
import { runRenewals } from "@/lib/billing-runs/renew";
import { resetClock, setClock } from "@/lib/clock";
import { accountScope, type PortalActor } from "@/lib/portal/account";
import { loadPortalCredits } from "@/lib/portal/credits";
import { getPortalInvoiceOrThrow, listPortalInvoices, loadPortalInvoice, portalInvoicePdf } from "@/lib/portal/invoices";
import { setPortalUserLocale } from "@/lib/portal/locale-preference";
import { nextCharge } from "@/lib/portal/next-charge";
import { loadOverview } from "@/lib/portal/overview";
import { issuePortalInstrument, payInvoiceWithCard, portalPayPanel, simulatePortalPayment } from "@/lib/portal/pay";
import { accountRefunds, listPortalPayments, scheduledRetries } from "@/lib/portal/payments";
import { enabledSections, isSectionEnabled } from "@/lib/portal/sections";
import { getPortalSettings, updatePortalSettings } from "@/lib/portal/settings";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { attachCard, TEST_CARD } from "../helpers/payments";
import { createWhatsappPrice, tenantWithCatalog } from "./subscriptions-factories";

// The portal's billing sections (lib/portal): everything scoped to the signed-in customer's
// billing account, the next charge as the renewal will invoice it, payments by role, sections on/off.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
beforeAll(async () => {
  c = await tenantWithCatalog();
});
afterEach(() => resetClock());

const db = () => getDb();
const at = (iso: string) => {
  const d = new Date(iso);
  setClock(d);
  return d;
};
const newAccount = async (key = c.key) => (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
const actor = (billingAccountId: string, role: PortalRole = "owner", organizationId = c.t.live.id, mode: "live" | "test" = "live"): PortalActor => ({
  tenant: { id: organizationId, mode }, user: { id: crypto.randomUUID(), billingAccountId, role }, locale: "en",
});
const scope = (...args: Parameters<typeof actor>) => accountScope(actor(...args));
const manualInvoice = async (account: string, cents = 12_345, key = c.key) => {
  const res = await api.post("/api/v1/invoices", { billing_account_id: account, lines: [{ description: "Consultoria", quantity: 1, unit_amount_cents: cents }], finalize: true }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string };
};

describe("scoping to the signed-in billing account", () => {
  it("shows an account its own invoices, payments, refunds and credits, and another account of the same tenant nothing", async () => {
    const mine = await newAccount();
    const other = await newAccount();
    await attachCard(c.key, mine);
    const invoice = await manualInvoice(mine);
    expect(await payInvoiceWithCard(db(), actor(mine, "finance"), invoice.id)).toEqual({ ok: true });
    const payment = (await listPortalPayments(db(), scope(mine), {})).rows[0]!;
    expect(payment).toMatchObject({ status: "succeeded", invoiceNumber: invoice.number, receiptNumber: expect.any(String), methodType: "card", cardLast4: "4242" });
    expect((await api.post(`/api/v1/payments/${payment.id}/refund`, { amount_cents: 1_000, as_credit: true, reason: "Desconto" }, { key: c.key })).status).toBe(200);
    await api.post(`/api/v1/billing_accounts/${mine}/credits`, { credit_type: "promotional", amount_cents: 5_000, expires_at: "2099-01-01T00:00:00Z" }, { key: c.key });
    const creditedInvoice = await manualInvoice(mine, 2_000); // consumes 2 000 of the credit at finalization

    const own = scope(mine);
    expect((await listPortalInvoices(db(), own, {})).rows.map((r) => r.id)).toEqual([creditedInvoice.id, invoice.id]);
    expect((await loadPortalInvoice(db(), own, invoice.id)).payments).toHaveLength(1);
    expect((await accountRefunds(db(), own)).map((r) => [r.amountCents, r.asCredit, r.invoiceNumber])).toEqual([[1_000, true, invoice.number]]);
    const credits = await loadPortalCredits(db(), own, new Date());
    expect(credits.balances).toEqual([expect.objectContaining({ currency: "BRL", available_cents: 1_000 + 5_000 - 2_000 })]);
    expect(credits.history.map((h) => [h.invoiceNumber, h.appliedCents])).toEqual([[creditedInvoice.number, 2_000]]);

    const stranger = scope(other);
    expect((await listPortalInvoices(db(), stranger, {})).rows).toEqual([]);
    expect((await listPortalPayments(db(), stranger, {})).rows).toEqual([]);
    expect(await accountRefunds(db(), stranger)).toEqual([]);
    expect(await scheduledRetries(db(), stranger)).toEqual([]);
    expect(await loadPortalCredits(db(), stranger, new Date())).toMatchObject({ balances: [], received: [], history: [] });
    expect(await loadOverview(db(), stranger, new Date())).toMatchObject({ subscriptions: [], pending_invoice: null, pending_count: 0, default_payment_method: null });
    for (const read of [getPortalInvoiceOrThrow, loadPortalInvoice, portalInvoicePdf, portalPayPanel]) {
      await expect(read(db(), stranger, invoice.id)).rejects.toMatchObject({ status: 404 });
    }
    await expect(getPortalInvoiceOrThrow(db(), stranger, "not-a-uuid")).rejects.toMatchObject({ status: 404 });
  });

  it("refuses to pay or issue PIX for another account's (or another tenant's) invoice", async () => {
    const mine = await newAccount();
    await attachCard(c.key, mine);
    const invoice = await manualInvoice(mine);
    const elsewhere = await createTenant();
    for (const intruder of [actor(await newAccount(), "owner"), actor(mine, "owner", elsewhere.live.id)]) {
      expect(await payInvoiceWithCard(db(), intruder, invoice.id)).toEqual({ ok: false, error: "not_found" });
      expect(await issuePortalInstrument(db(), intruder, invoice.id, "pix")).toEqual({ ok: false, error: "not_found" });
    }
    expect((await api.get(`/api/v1/invoices/${invoice.id}`, { key: c.key })).body.status).toBe("open");
  });

  it("never lists a draft", async () => {
    const mine = await newAccount();
    const res = await api.post("/api/v1/invoices", { billing_account_id: mine, lines: [{ description: "Rascunho", quantity: 1, unit_amount_cents: 100 }] }, { key: c.key });
    expect(res.body.status).toBe("draft");
    expect((await listPortalInvoices(db(), scope(mine), {})).rows).toEqual([]);
    await expect(getPortalInvoiceOrThrow(db(), scope(mine), res.body.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("overview", () => {
  it("shows a running subscription however many newer ended ones the account has", async () => {
    at("2026-05-01T00:00:00Z");
    const account = await newAccount();
    const res = await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 21 newer, ended subscriptions of the same account (copies of the running one's row).
    await db().execute(sql`
      insert into subscriptions
      select (jsonb_populate_record(null::subscriptions, to_jsonb(s) || jsonb_build_object('id', gen_random_uuid(), 'status', 'canceled', 'created_at', s.created_at + make_interval(secs => g)))).*
      from subscriptions s, generate_series(1, 21) g where s.id = ${res.body.id}`);
    const overview = await loadOverview(db(), scope(account), new Date());
    expect(overview.subscriptions).toEqual([expect.objectContaining({ id: res.body.id, status: "active" })]);
  });
});

describe("paying from the portal", () => {
  it("lets owner, admin and finance pay, and refuses a viewer on the server", async () => {
    const mine = await newAccount();
    await attachCard(c.key, mine);
    const invoice = await manualInvoice(mine);
    expect(await payInvoiceWithCard(db(), actor(mine, "viewer"), invoice.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await issuePortalInstrument(db(), actor(mine, "viewer"), invoice.id, "pix")).toEqual({ ok: false, error: "forbidden" });
    expect((await api.get(`/api/v1/invoices/${invoice.id}`, { key: c.key })).body).toMatchObject({ status: "open", attempt_count: 0 });
    expect(await payInvoiceWithCard(db(), actor(mine, "admin"), invoice.id)).toEqual({ ok: true });
    expect(await payInvoiceWithCard(db(), actor(mine, "admin"), invoice.id)).toEqual({ ok: false, error: "not_payable" });
  });

  it("reports a declined card with its code, and the retry the dunning schedule sets", async () => {
    const mine = await newAccount();
    await attachCard(c.key, mine, TEST_CARD.insufficientFunds);
    const invoice = await manualInvoice(mine);
    expect(await payInvoiceWithCard(db(), actor(mine, "finance"), invoice.id)).toEqual({ ok: false, error: "declined", failureCode: "insufficient_funds" });
    const { rows } = await listPortalPayments(db(), scope(mine), {});
    expect(rows.map((p) => [p.status, p.failureCode])).toEqual([["failed", "insufficient_funds"]]);
    const [row] = await db().select().from(invoices).where(eq(invoices.id, invoice.id));
    const retries = await scheduledRetries(db(), scope(mine));
    expect(retries).toEqual([expect.objectContaining({ invoiceId: invoice.id, attemptCount: 1, nextAttemptAt: row!.nextPaymentAttemptAt })]);
  });

  it("issues PIX through the payment link's service and, in a sandbox, simulates the payment", async () => {
    const mine = await newAccount(c.t.testKey);
    const invoice = await manualInvoice(mine, 4_990, c.t.testKey);
    const sandbox = actor(mine, "finance", c.t.sandbox.id, "test");
    expect(await payInvoiceWithCard(db(), sandbox, invoice.id)).toEqual({ ok: false, error: "no_card" });
    expect(await issuePortalInstrument(db(), sandbox, invoice.id, "pix")).toEqual({ ok: true });
    expect((await portalPayPanel(db(), accountScope(sandbox), invoice.id))?.pending.pix?.payload).toMatch(/^000201/);
    expect(await simulatePortalPayment(db(), sandbox, invoice.id)).toEqual({ ok: true });
    expect((await api.get(`/api/v1/invoices/${invoice.id}`, { key: c.t.testKey })).body.status).toBe("paid");
  });
});

describe("next charge", () => {
  const money = (inv: { subtotalCents: number; discountCents: number; totalCents: number; creditAppliedCents: number; amountDueCents: number }) =>
    ({ subtotal_cents: inv.subtotalCents, discount_cents: inv.discountCents, total_cents: inv.totalCents, credit_cents: inv.creditAppliedCents, amount_due_cents: inv.amountDueCents });

  async function renewalInvoice(subscriptionId: string, periodStart: Date) {
    const [row] = await db().select().from(invoices).where(and(eq(invoices.subscriptionId, subscriptionId), eq(invoices.periodStart, periodStart), eq(invoices.billingReason, "subscription_cycle")));
    return row!;
  }

  it("is what the renewal then invoices: items with add-on seats, coupon, credit balance", async () => {
    at("2026-03-10T00:00:00Z");
    const account = await newAccount();
    await api.post("/api/v1/coupons", { code: "PORTAL10", discount_type: "percentage", percent_off_bps: 1000 }, { key: c.key });
    const res = await api.post("/api/v1/subscriptions", {
      billing_account_id: account, plan_id: c.plan.id, trial_days: 0, coupon: "PORTAL10",
      add_ons: [{ price_id: c.seats.prices[0].id, quantity: 3 }],
    }, { key: c.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await api.post(`/api/v1/billing_accounts/${account}/credits`, { credit_type: "promotional", amount_cents: 1_000 }, { key: c.key });

    at("2026-03-20T00:00:00Z");
    const sub = await getSubscriptionOrThrow(db(), { organizationId: c.t.live.id, id: res.body.id });
    const charge = (await nextCharge(db(), sub, new Date()))!;
    // Pro R$ 79,90 + 3 seats × R$ 19,90 = R$ 139,60; coupon 10 % = R$ 13,96; R$ 10,00 of credit.
    expect(charge).toMatchObject({ date: sub.currentPeriodEnd, currency: "BRL", subtotal_cents: 13_960, discount_cents: 1_396, total_cents: 12_564, credit_cents: 1_000, amount_due_cents: 11_564, estimated: false, final: false });
    expect(charge.period).toEqual({ start: new Date("2026-04-10T00:00:00Z"), end: new Date("2026-05-10T00:00:00Z") });
    const overview = await loadOverview(db(), scope(account), new Date());
    expect(overview.subscriptions).toEqual([expect.objectContaining({ id: sub.id, plan_name: "Pro", status: "active", next_charge: charge })]);

    await runRenewals(db(), at("2026-04-10T00:00:00Z"));
    const invoice = await renewalInvoice(sub.id, charge.period!.start);
    expect(money(invoice)).toEqual({ subtotal_cents: charge.subtotal_cents, discount_cents: charge.discount_cents, total_cents: charge.total_cents, credit_cents: charge.credit_cents, amount_due_cents: charge.amount_due_cents });
  });

  it("adds metered usage recorded so far, billed in arrears by the same pricing", async () => {
    at("2026-05-01T00:00:00Z");
    const whatsapp = (await createWhatsappPrice(c.key)).id;
    const res = await api.post("/api/v1/subscriptions", {
      billing_account_id: await newAccount(), items: [{ price_id: c.pro.prices[0].id }, { price_id: whatsapp }],
    }, { key: c.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const metered = (res.body.items as Array<{ id: string; price_id: string }>).find((i) => i.price_id === whatsapp)!.id;
    at("2026-05-15T00:00:00Z");
    await api.post("/api/v1/usage_records", { subscription_item_id: metered, quantity: 1500, idempotency_key: "portal-1" }, { key: c.key });
    const sub = await getSubscriptionOrThrow(db(), { organizationId: c.t.live.id, id: res.body.id });
    const charge = (await nextCharge(db(), sub, new Date()))!;
    // Pro R$ 79,90 in advance + WhatsApp R$ 29,00 with 1 000 included + 500 × R$ 0,05 in arrears.
    expect(charge).toMatchObject({ total_cents: 7_990 + 2_900 + 2_500, estimated: true });
    expect(charge.lines.map((l) => [l.kind, l.amount_cents])).toEqual([["recurring", 7_990], ["usage", 5_400]]);

    await runRenewals(db(), at("2026-06-01T00:00:00Z"));
    const invoice = await renewalInvoice(sub.id, charge.period!.start);
    expect(invoice.totalCents).toBe(charge.total_cents);
  });

  it("is nothing for a canceled subscription, and only the usage for one ending at period end", async () => {
    at("2026-07-01T00:00:00Z");
    const res = await api.post("/api/v1/subscriptions", { billing_account_id: await newAccount(), plan_id: c.plan.id, trial_days: 0 }, { key: c.key });
    await api.post(`/api/v1/subscriptions/${res.body.id}/cancel`, { at_period_end: true }, { key: c.key });
    const ending = await getSubscriptionOrThrow(db(), { organizationId: c.t.live.id, id: res.body.id });
    expect(ending.cancelAtPeriodEnd).toBe(true);
    expect(await nextCharge(db(), ending, new Date())).toBeNull(); // no metered items: no final charge
    expect(await nextCharge(db(), { ...ending, status: "canceled" }, new Date())).toBeNull();
  });
});

describe("sections", () => {
  it("lists Overview and the enabled sections in order; a disabled one is gone", async () => {
    const t = await createTenant();
    expect(enabledSections(await getPortalSettings(db(), t.live.id))).toEqual([
      "overview", "subscriptions", "invoices", "payments", "payment_methods", "credits", "products", "usage", "proposals", "account", "profile", "settings",
    ]);
    const settings = await updatePortalSettings(db(), t.live.id, { features: { credits: false, usage: false } });
    expect(enabledSections(settings)).not.toContain("credits");
    expect(enabledSections(settings)).not.toContain("usage");
    expect(isSectionEnabled(settings, "overview")).toBe(true);
    const { requireSection } = await import("@/app/(portal)/portal/[host]/(app)/section");
    expect(() => requireSection({ settings }, "invoices")).not.toThrow();
    expect(() => requireSection({ settings }, "credits")).toThrow(expect.objectContaining({ digest: expect.stringContaining("404") }));
  });
});

describe("language preference", () => {
  it("stores the user's own locale, and nothing for another tenant's user or an unknown locale", async () => {
    const account = await newAccount();
    const [user] = await db().insert(portalUsers).values({ organizationId: c.t.live.id, billingAccountId: account, email: `ana-${Date.now()}@example.com` }).returning();
    const other = await createTenant();
    expect(await setPortalUserLocale(db(), { organizationId: other.live.id, portalUserId: user!.id }, "en")).toBeNull();
    expect(await setPortalUserLocale(db(), { organizationId: c.t.live.id, portalUserId: user!.id }, "fr")).toBeNull();
    expect(await setPortalUserLocale(db(), { organizationId: c.t.live.id, portalUserId: user!.id }, "en")).toBe("en");
    const viewer = { tenant: { id: c.t.live.id, mode: "live" as const }, user: { id: user!.id, billingAccountId: account, role: "viewer" as const } };
    expect(accountScope(viewer)).toEqual({ organizationId: c.t.live.id, mode: "live", billingAccountId: account });
  });
});
