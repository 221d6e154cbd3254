import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { emailOutbox, portalUsers } from "@/db/schema";
import { resetClock, setClock } from "@/lib/clock";
import { deliverEmail } from "@/lib/email/send";
import { closeSmtpTransports } from "@/lib/email/transport";
import { announceUpcomingRenewals } from "@/lib/email/upcoming-renewals";
import { runCollections } from "@/lib/payments/collect";
import { api } from "../helpers/api";
import { validAccount } from "../helpers/factories";
import { attachCard, TEST_CARD } from "../helpers/payments";
import { linkAfter, startSmtpSink, type SmtpSink } from "../helpers/smtp-sink";
import { tenantWithCatalog } from "./subscriptions-factories";

// Billing notifications: who gets them (portal users who want them, else the account's email),
// in which locale, with which content; and the upcoming-renewal notice, announced once.
let c: Awaited<ReturnType<typeof tenantWithCatalog>>;
let sink: SmtpSink;
beforeAll(async () => {
  c = await tenantWithCatalog();
  sink = await startSmtpSink();
});
afterEach(() => resetClock());
afterAll(async () => {
  closeSmtpTransports();
  await sink.close();
});

const DAY = 86_400_000;
const newAccount = async (email = "financeiro@paoquente.com.br") => (await api.post("/api/v1/billing_accounts", validAccount({ email }), { key: c.key })).body.id as string;
const addUser = (billingAccountId: string, email: string, o: Partial<typeof portalUsers.$inferInsert> = {}) =>
  getDb().insert(portalUsers).values({ organizationId: c.t.live.id, billingAccountId, email, ...o });
const outbox = (template: string) =>
  getDb().select().from(emailOutbox).where(and(eq(emailOutbox.organizationId, c.t.live.id), eq(emailOutbox.template, template))).orderBy(emailOutbox.createdAt);
const emailsAbout = async (template: string, needle: string) => (await outbox(template)).filter((r) => r.text.includes(needle));
const sendInvoice = async (account: string, amount = 123_456) => {
  const res = await api.post("/api/v1/invoices", { billing_account_id: account, lines: [{ description: "Implantação", unit_amount_cents: amount }], finalize: true, collection_method: "send_invoice" }, { key: c.key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe("invoice issued", () => {
  it("emails the account's active portal users who want it, each in their locale; not the one who opted out", async () => {
    const account = await newAccount();
    await addUser(account, "ana@paoquente.com.br", { locale: "en" });
    await addUser(account, "bruno@paoquente.com.br", { notificationPrefs: { invoice_issued: false, payment_failed: true, upcoming_renewal: true, usage_threshold: false } });
    await addUser(account, "carla@paoquente.com.br", { status: "removed" });
    const invoice = await sendInvoice(account);
    const rows = await emailsAbout("invoice_issued", invoice.number);
    expect(rows.map((r) => r.toAddress)).toEqual(["ana@paoquente.com.br"]);
    expect(rows[0]!.subject).toBe(`Invoice ${invoice.number} from Tenant ${c.t.slug}`);

    await deliverEmail(getDb(), rows[0]!.id, { smtpUrl: sink.url });
    const mail = sink.messages.find((m) => m.envelope.to.includes("ana@paoquente.com.br"))!.mail;
    expect(mail.text).toContain("Total: R$1,234.56");
    expect(mail.text).toContain(`Invoice: ${invoice.number}`);
    expect(linkAfter(mail.text!, "Pay invoice")).toBe(invoice.payment_url);
    expect(linkAfter(mail.text!, "Download the PDF")).toBe(`${invoice.payment_url}/pdf`);
  });

  it("an account without portal users gets it at its billing email, in the portal's default locale (pt-BR)", async () => {
    const account = await newAccount("contas@padaria.example");
    const invoice = await sendInvoice(account, 5_000);
    const [row] = await emailsAbout("invoice_issued", invoice.number);
    expect(row).toMatchObject({ toAddress: "contas@padaria.example", subject: `Fatura ${invoice.number} de Tenant ${c.t.slug}` });
    expect(row!.text).toContain("Total: R$\u00a050,00");
    expect(row!.text).toContain("Vencimento:");
  });

  it("an invoice paid at once (credits cover it) is not announced", async () => {
    const account = await newAccount("credito@padaria.example");
    await api.post(`/api/v1/billing_accounts/${account}/credits`, { credit_type: "promotional", amount_cents: 10_000 }, { key: c.key });
    const invoice = await sendInvoice(account, 4_000);
    expect(invoice.status).toBe("paid");
    expect(await emailsAbout("invoice_issued", invoice.number)).toEqual([]);
  });
});

describe("payment failed", () => {
  it("tells the customer the reason in words, the amount and the next retry, with the payment link", async () => {
    const start = new Date("2027-05-10T00:00:00Z");
    setClock(start);
    const account = await newAccount("falhou@padaria.example");
    await attachCard(c.key, account, TEST_CARD.declined);
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    await runCollections(getDb(), start);
    const invoice = (await api.get(`/api/v1/invoices?subscription_id=${sub.id}`, { key: c.key })).body.data[0];
    const [row] = await emailsAbout("payment_failed", invoice.number);
    expect(row).toMatchObject({ toAddress: "falhou@padaria.example", subject: `Falha no pagamento da fatura ${invoice.number}` });
    expect(row!.text).toContain("O pagamento de R$\u00a079,90");
    expect(row!.text).toContain("Motivo: O cartão foi recusado pelo emissor.");
    expect(row!.text).toContain("Tentaremos de novo em 11 de maio de 2027.");
    expect(linkAfter(row!.text, "Pagar fatura")).toBe(invoice.payment_url);
  });
});

describe("upcoming renewal", () => {
  it("announces a renewal a week ahead, once, with the date and the amount", async () => {
    setClock(new Date("2027-06-01T12:00:00Z"));
    const account = await newAccount("renova@padaria.example");
    await addUser(account, "dono@padaria.example");
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    expect(sub.current_period_end).toBe("2027-07-01T12:00:00.000Z");
    const renewals = async () => (await outbox("upcoming_renewal")).filter((r) => r.toAddress === "dono@padaria.example");

    await announceUpcomingRenewals(getDb(), new Date("2027-06-20T12:00:00Z")); // 11 days ahead: not yet
    expect(await renewals()).toEqual([]);
    const first = await announceUpcomingRenewals(getDb(), new Date("2027-06-24T13:00:00Z")); // 6 days 23 h ahead
    expect(first.announced).toBeGreaterThanOrEqual(1);
    await announceUpcomingRenewals(getDb(), new Date("2027-06-24T13:05:00Z")); // the job running twice
    await announceUpcomingRenewals(getDb(), new Date("2027-06-25T12:00:00Z")); // the next day's run (catch-up window)
    const rows = await renewals();
    expect(rows.length).toBe(1);
    expect(rows[0]!.subject).toBe(`Sua assinatura de Tenant ${c.t.slug} será renovada em 1 de julho de 2027`);
    expect(rows[0]!.text).toContain("Sua assinatura de Pro será renovada em 1 de julho de 2027.");
    expect(rows[0]!.text).toContain("Valor estimado: R$\u00a079,90");
    expect(rows[0]!.headers["X-Entity-Ref-ID"]).toBe(`upcoming_renewal:${sub.id}:2027-07-01T12:00:00.000Z`);
  });

  it("skips subscriptions set to cancel at period end and users who opted out", async () => {
    setClock(new Date("2027-08-01T12:00:00Z"));
    const account = await newAccount("cancela@padaria.example");
    await addUser(account, "sem-aviso@padaria.example", { notificationPrefs: { invoice_issued: true, payment_failed: true, upcoming_renewal: false, usage_threshold: false } });
    const kept = (await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    const other = await newAccount("vai-cancelar@padaria.example");
    const ending = (await api.post("/api/v1/subscriptions", { billing_account_id: other, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    await getDb().execute(sql`update subscriptions set cancel_at_period_end = true where id = ${ending.id}`);
    await announceUpcomingRenewals(getDb(), new Date(new Date(kept.current_period_end).getTime() - 7 * DAY + 3_600_000));
    const rows = (await outbox("upcoming_renewal")).filter((r) => ["sem-aviso@padaria.example", "vai-cancelar@padaria.example"].includes(r.toAddress));
    expect(rows).toEqual([]);
  });
});
