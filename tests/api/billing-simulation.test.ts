import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { priceAmount } from "@/lib/billing/amount";
import type { PriceTerms } from "@/lib/billing/price-terms";
import { runRenewals } from "@/lib/billing-runs/renew";
import { resetClock, setClock } from "@/lib/clock";
import { runCollections } from "@/lib/payments/collect";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { attachCard, TEST_CARD } from "../helpers/payments";
import { createWhatsappPrice, tenantWithCatalog } from "./subscriptions-factories";

// A year of billing, end to end through the API and the workers' functions with the business
// clock: 13 monthly cycles of Pro + seats + metered WhatsApp, with an immediate upgrade, a pause,
// a declined default card recovered by the backup, and a refund. Every invoice's total is checked
// against the pricing library (priceAmount) and the change preview.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let whatsapp: { id: string };
const terms: Record<string, PriceTerms> = {};
beforeAll(async () => {
  c = await tenantWithCatalog();
  whatsapp = await createWhatsappPrice(c.key);
  for (const id of [c.pro.prices[0].id, c.seats.prices[0].id, whatsapp.id]) {
    const p = (await api.get(`/api/v1/prices/${id}`, { key: c.key })).body;
    terms[id] = {
      billing_scheme: p.billing_scheme, usage_type: p.usage_type, unit_amount_subcents: p.unit_amount_subcents, package_size: p.package_size,
      tiers: p.tiers, tiers_mode: p.tiers_mode, included_quantity: p.included_quantity, excess_amount_subcents: p.excess_amount_subcents,
      setup_amount_subcents: p.setup_amount_subcents, recurring_interval: p.recurring_interval, interval_count: p.interval_count, currency: p.currency,
    };
  }
});
afterAll(() => resetClock());

const DAY = 86_400_000;
const key = () => c.key;
const get = async (path: string) => (await api.get(path, { key: key() })).body;
const advance = async (to: Date) => {
  setClock(to);
  await runRenewals(getDb(), to);
  await runCollections(getDb(), to);
};
const cents = (priceId: string, quantity: number) => priceAmount(terms[priceId]!, quantity).amount_cents;

describe("13 monthly cycles", () => {
  it("bills every cycle as the pricing library says, through an upgrade, a pause, a recovered payment and a refund", async () => {
    const pro = c.pro.prices[0].id;
    const seats = c.seats.prices[0].id;
    setClock(new Date("2027-01-15T09:00:00Z"));
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: key() })).body.id;
    const goodCard = await attachCard(key(), account, TEST_CARD.ok);
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: account, items: [{ price_id: pro }, { price_id: seats, quantity: 1 }, { price_id: whatsapp.id }] }, { key: key() })).body;
    await advance(new Date("2027-01-15T09:00:00Z"));
    const metered = sub.items.find((i: any) => i.price_id === whatsapp.id).id;

    // What each invoice must be, by cycle invoice period start: licensed quantities in advance,
    // the usage of the period that ended in arrears.
    const expected = new Map<string, number>();
    let seatCount = 1;
    let usageOfEndedPeriod = 0;
    expected.set("2027-01-15T09:00:00.000Z", cents(pro, 1) + cents(seats, 1));
    const notes: Record<string, string> = {};
    let cycles = 1;
    let upgradeInvoice: any = null;
    let pausedUsageInvoiceTotal = 0;

    while (cycles < 13) {
      const current = await get(`/api/v1/subscriptions/${sub.id}`);
      const start = new Date(current.current_period_start);
      const end = new Date(current.current_period_end);
      // Usage in the middle of the period: a different amount every month.
      const usage = 800 + cycles * 137;
      setClock(new Date(start.getTime() + 3 * DAY));
      await api.post("/api/v1/usage_records", { subscription_item_id: metered, quantity: usage, idempotency_key: `m-${cycles}` }, { key: key() });
      usageOfEndedPeriod = usage;

      if (cycles === 3) {
        // Upgrade mid-period: +2 seats now, prorated as previewed.
        setClock(new Date(start.getTime() + 10 * DAY));
        const body = { items: [{ price_id: pro, quantity: 1 }, { price_id: seats, quantity: 3 }, { price_id: whatsapp.id, quantity: 1 }] };
        const preview = (await api.post(`/api/v1/subscriptions/${sub.id}/change/preview`, body, { key: key() })).body;
        expect(preview.timing).toBe("immediate");
        const applied = (await api.post(`/api/v1/subscriptions/${sub.id}/change`, { ...body, expected_amount_due_now_cents: preview.amount_due_now_cents }, { key: key() })).body;
        upgradeInvoice = await get(`/api/v1/invoices/${applied.invoice_id}`);
        const charged = preview.lines.filter((l: any) => l.kind !== "credit_unused").reduce((s: number, l: any) => s + l.amount_cents, 0);
        expect(upgradeInvoice.total_cents).toBe(charged);
        expect(upgradeInvoice.amount_due_cents).toBe(preview.amount_due_now_cents);
        seatCount = 3;
        await advance(new Date(start.getTime() + 10 * DAY));
        expect((await get(`/api/v1/invoices/${applied.invoice_id}`)).status).toBe("paid");
      }
      if (cycles === 5) {
        // The default card starts declining; the old good card becomes the backup.
        await attachCard(key(), account, TEST_CARD.insufficientFunds, "default");
        await api.patch(`/api/v1/payment_methods/${goodCard}`, { role: "backup" }, { key: key() });
        notes.recovered = "pending";
      }
      if (cycles === 7) {
        // Pause for 40 days from day 5 of the period: the usage so far is billed now, nothing while paused.
        const pauseAt = new Date(start.getTime() + 5 * DAY);
        setClock(pauseAt);
        const resumeAt = new Date(pauseAt.getTime() + 40 * DAY);
        const paused = await api.post(`/api/v1/subscriptions/${sub.id}/pause`, { resume_at: resumeAt.toISOString() }, { key: key() });
        expect(paused.status, JSON.stringify(paused.body)).toBe(200);
        const usageInvoice = (await get(`/api/v1/invoices?subscription_id=${sub.id}&limit=1`)).data[0];
        expect(usageInvoice).toMatchObject({ billing_reason: "subscription_update", total_cents: cents(whatsapp.id, usage) });
        pausedUsageInvoiceTotal = usageInvoice.total_cents;
        await advance(end); // the old period end passes while paused: nothing is invoiced
        await advance(resumeAt); // resumes with a fresh period, billed in advance
        expected.set(resumeAt.toISOString(), cents(pro, 1) + cents(seats, seatCount));
        usageOfEndedPeriod = 0;
        cycles++;
        continue;
      }
      await advance(end);
      expected.set(end.toISOString(), cents(pro, 1) + cents(seats, seatCount) + cents(whatsapp.id, usageOfEndedPeriod));
      cycles++;
    }

    const invoices = ((await api.get(`/api/v1/invoices?subscription_id=${sub.id}&limit=100`, { key: key() })).body.data as any[]).reverse();
    const cycle = invoices.filter((i) => ["subscription_create", "subscription_cycle"].includes(i.billing_reason));
    expect(cycle.length).toBe(13);
    for (const inv of cycle) {
      expect(inv.total_cents, `invoice for the period from ${inv.period_start}`).toBe(expected.get(inv.period_start));
      // Totals reconcile with the lines.
      expect(inv.lines.reduce((s: number, l: any) => s + l.amount_cents, 0)).toBe(inv.amount_due_cents);
      expect(inv.status).toBe("paid");
    }
    expect(invoices.filter((i) => i.billing_reason === "subscription_update").map((i) => i.total_cents)).toEqual([upgradeInvoice.total_cents, pausedUsageInvoiceTotal]);

    // From cycle 5 on the default card declines and the backup pays, in the same round.
    const payments = ((await api.get(`/api/v1/payments?billing_account_id=${account}&limit=100`, { key: key() })).body.data as any[]).reverse();
    const declined = payments.filter((p) => p.status === "failed");
    expect(declined.length).toBeGreaterThan(0);
    expect(declined.every((p) => p.failure_code === "insufficient_funds")).toBe(true);
    for (const failed of declined) {
      expect(payments.some((p) => p.invoice_id === failed.invoice_id && p.status === "succeeded" && p.payment_method_id === goodCard)).toBe(true);
    }
    expect((await get(`/api/v1/subscriptions/${sub.id}`)).status).toBe("active");

    // A refund of half of the last payment.
    const last = payments.filter((p) => p.status === "succeeded").at(-1);
    const refunded = await api.post(`/api/v1/payments/${last.id}/refund`, { amount_cents: Math.floor(last.amount_cents / 2) }, { key: key() });
    expect(refunded.body.amount_refunded_cents).toBe(Math.floor(last.amount_cents / 2));
    expect((await get(`/api/v1/invoices/${last.invoice_id}`)).amount_refunded_cents).toBe(Math.floor(last.amount_cents / 2));

    // Money in = money invoiced (every invoice paid), and numbers have no gaps.
    const paidTotal = payments.filter((p) => p.status === "succeeded").reduce((s, p) => s + p.amount_cents, 0);
    expect(paidTotal).toBe(invoices.reduce((s, i) => s + i.amount_due_cents, 0));
    const numbers = invoices.map((i) => Number(i.number.split("-").at(-1))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });
});
