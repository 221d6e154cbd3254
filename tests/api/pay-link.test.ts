import { execFileSync } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { invoices, paymentMethods } from "@/db/schema";
import { payLinkPage, unsafeInvoiceByPaymentToken } from "@/lib/pay-link/lookup";
import { issuePayLinkInstrument, simulatePayLinkPayment } from "@/lib/pay-link/pay";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// The public payment link /pay/<token>: the token lookup, the PDF behind it, and its buttons.
let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const db = () => getDb();
const line = { description: "Plano Essencial — março", quantity: 1, unit_amount_cents: 12_345 };
const tokenOf = (url: string) => url.split("/pay/")[1]!;

async function openInvoice(key: string) {
  const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key })).body.id as string;
  const res = await api.post("/api/v1/invoices", { billing_account_id: account, lines: [line], finalize: true }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...(res.body as { id: string; number: string; payment_url: string }), account, token: tokenOf(res.body.payment_url) };
}

async function getPdf(token: string, headers: Record<string, string> = {}) {
  const { GET } = await import("@/app/pay/[token]/pdf/route");
  const res = await GET(new Request(`http://localhost:3000/pay/${token}/pdf`, { headers }), { params: Promise.resolve({ token }) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8").replace(/\u00a0/g, " ").replace(/\s+/g, " ");

describe("payment link lookup", () => {
  it("finds the open invoice its token names, with what the page shows", async () => {
    const invoice = await openInvoice(t.testKey);
    const page = await payLinkPage(db(), invoice.token);
    expect(page).not.toBeNull();
    expect(page!.target).toMatchObject({ organizationId: t.sandbox.id, mode: "test", invoiceId: invoice.id, status: "open" });
    expect(page!.doc.invoice).toMatchObject({ number: invoice.number, amount_due_cents: 12_345 });
    expect(page!.doc.lines.map((l) => l.description)).toEqual([line.description]);
    expect(page).toMatchObject({ payable: true, amountRemainingCents: 12_345, pending: { pix: null, boleto: null } });
  });

  it("finds nothing for a wrong, malformed or revoked token, or a suspended merchant", async () => {
    const invoice = await openInvoice(t.liveKey);
    const wrong = `${invoice.token.slice(0, -1)}${invoice.token.endsWith("A") ? "B" : "A"}`;
    for (const token of [wrong, "short", `${invoice.token}x`, "' or 1=1 --", ""]) expect(await payLinkPage(db(), token)).toBeNull();
    const tenant = await createTenant();
    const other = await openInvoice(tenant.liveKey);
    await db().execute(`update organizations set status = 'suspended' where id = '${tenant.live.id}'`);
    expect(await unsafeInvoiceByPaymentToken(db(), other.token)).toBeNull();
  });

  it("shows a paid invoice as paid, with nothing left to pay", async () => {
    const invoice = await openInvoice(t.liveKey);
    const paidAt = new Date("2026-03-08T12:00:00Z");
    await db().update(invoices).set({ status: "paid", amountPaidCents: 12_345, paidAt, nextPaymentAttemptAt: null }).where(eq(invoices.id, invoice.id));
    const page = await payLinkPage(db(), invoice.token);
    expect(page?.doc.invoice).toMatchObject({ status: "paid", paid_at: paidAt });
    expect(page).toMatchObject({ payable: false, amountRemainingCents: 0 });
    expect(await issuePayLinkInstrument(db(), invoice.token, "pix")).toEqual({ ok: false, error: "not_payable" });
  });
});

describe("GET /pay/<token>/pdf", () => {
  it("serves the invoice PDF to whoever holds the link, and a bare 404 otherwise", async () => {
    const invoice = await openInvoice(t.liveKey);
    const res = await getPdf(invoice.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="${invoice.number}.pdf"`);
    const text = pdfText(res.bytes);
    expect(text).toContain(invoice.number);
    expect(text).toContain("R$ 123,45");
    expect((await getPdf(invoice.token, { "if-none-match": res.headers.get("etag")! })).status).toBe(304);

    const missing = await getPdf("A".repeat(27));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("text/plain");
    expect(missing.bytes.toString("utf8")).toBe("Not found\n");
  });

  it("on a portal host, serves only that merchant's invoices", async () => {
    const invoice = await openInvoice(t.liveKey);
    const { payLinkPdfResponse } = await import("@/lib/pay-link/pdf-response");
    const req = new Request("http://localhost:3000/pay/x/pdf");
    expect((await payLinkPdfResponse(db(), req, invoice.token, { organizationId: t.sandbox.id })).status).toBe(404);
    expect((await payLinkPdfResponse(db(), req, invoice.token, { organizationId: t.live.id })).status).toBe(200);
  });
});

describe("paying through the link", () => {
  it("issues a PIX once (attaching a PIX method to an account that has none), then a boleto; the PDF prints the newest", async () => {
    const tenant = await createTenant();
    const invoice = await openInvoice(tenant.testKey);
    expect(await issuePayLinkInstrument(db(), invoice.token, "pix")).toEqual({ ok: true });
    const first = (await payLinkPage(db(), invoice.token))!.pending.pix;
    expect(first?.payload).toMatch(/^000201/);
    expect(first?.expired).toBe(false);
    expect(await issuePayLinkInstrument(db(), invoice.token, "pix")).toEqual({ ok: true });
    expect((await payLinkPage(db(), invoice.token))!.pending.pix?.payment_id).toBe(first!.payment_id);
    const methods = await db().select().from(paymentMethods).where(and(eq(paymentMethods.organizationId, tenant.sandbox.id), eq(paymentMethods.billingAccountId, invoice.account)));
    expect(methods.map((m) => m.type)).toEqual(["pix"]);

    expect(await issuePayLinkInstrument(db(), invoice.token, "boleto")).toEqual({ ok: true });
    const page = (await payLinkPage(db(), invoice.token))!;
    expect(page.pending.boleto?.digitable_line).toMatch(/^\d{47}$/);
    expect(page.pending.pix?.payment_id).toBe(first!.payment_id); // both stay on the page
    const text = pdfText((await getPdf(invoice.token)).bytes);
    expect(text).toContain("Linha digitável");
  });

  it("simulates the payment in a sandbox only; a live link refuses", async () => {
    const live = await openInvoice(t.liveKey);
    expect(await simulatePayLinkPayment(db(), live.token)).toEqual({ ok: false, error: "sandbox_only" });
    expect((await api.get(`/api/v1/invoices/${live.id}`, { key: t.liveKey })).body.status).toBe("open");

    const sandbox = await openInvoice(t.testKey);
    expect(await issuePayLinkInstrument(db(), sandbox.token, "pix")).toEqual({ ok: true });
    expect(await simulatePayLinkPayment(db(), sandbox.token)).toEqual({ ok: true });
    const paid = (await api.get(`/api/v1/invoices/${sandbox.id}`, { key: t.testKey })).body;
    expect(paid).toMatchObject({ status: "paid", amount_paid_cents: 12_345 });
    // Paying again through the same link is refused in words, never an error page.
    expect((await simulatePayLinkPayment(db(), sandbox.token)).ok).toBe(false);
  });

  it("answers not_found for a token that names nothing", async () => {
    expect(await issuePayLinkInstrument(db(), "B".repeat(27), "boleto")).toEqual({ ok: false, error: "not_found" });
    expect(await simulatePayLinkPayment(db(), "nope")).toEqual({ ok: false, error: "not_found" });
  });
});
