import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { credits, invoices, payments, refunds, type MemberRole } from "@/db/schema";
import { parseMoneyToCents } from "@/lib/admin/money-input";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { createInvoice } from "@/lib/invoices/service";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";
import { billingTenant } from "./billing-setup";

// The admin's Invoices and Payments actions as each role (the session is the only thing mocked):
// finalize, collect, mark uncollectible, void, delete a draft, simulate (sandbox), refund; the
// PDF route; another organization's ids are "not found" and untouched.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const invoiceActions = await import("@/app/(admin)/admin/[org]/invoices/actions");
const paymentActions = await import("@/app/(admin)/admin/[org]/payments/actions");
const pdfRoute = await import("@/app/(admin)/admin/[org]/invoices/[id]/pdf/route");

type Tenant = Awaited<ReturnType<typeof billingTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const db = () => getDb();
const invoiceRow = async (id: string) => (await db().select().from(invoices).where(eq(invoices.id, id)))[0]!;
const paymentRow = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0]!;
const NOT_FOUND = /was not found: nothing was changed/;

const draftFor = (org: Tenant["live"], amount = 12_345) =>
  createInvoice(db(), { organizationId: org.id, mode: org.mode }, { billing_account_id: org.bakery.id, lines: [{ description: "Setup", quantity: 1, unit_amount_cents: amount }], collection_method: "charge_automatically", finalize: false });

beforeAll(async () => {
  t = await billingTenant();
  other = await billingTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
}, 120_000);
beforeEach(() => {
  staffSession.userId = null;
});

describe("invoice actions", () => {
  it("finalize gives a draft its number; collect now charges the card on file and the invoice is paid", async () => {
    as("admin");
    const draft = await draftFor(t.live);
    const done = await invoiceActions.finalizeInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id, confirm: "finalize" }));
    expect(done).toMatchObject({ status: "success" });
    const open = await invoiceRow(draft.id);
    expect(open.status).toBe("open");
    expect(open.number).toMatch(/^[A-Z0-9]+-\d{6}$/);
    const collected = await invoiceActions.collectInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id }));
    expect(collected).toMatchObject({ status: "success", message: expect.stringMatching(/paid/) });
    expect(await invoiceRow(draft.id)).toMatchObject({ status: "paid", amountPaidCents: 12_345 });
    const again = await invoiceActions.finalizeInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id }));
    expect(again).toMatchObject({ status: "error", message: expect.stringMatching(/already finalized/) });
    expect((await invoiceActions.collectInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id }))).message).toMatch(/paid: there is nothing to collect/);
  });

  it("mark uncollectible, then void (only once confirmed): the pending PIX is canceled", async () => {
    as("owner");
    const id = t.live.openInvoice.id;
    expect((await invoiceActions.markUncollectibleAction(t.slug, IDLE_FORM, formOf({ id, confirm: "mark" }))).status).toBe("success");
    expect((await invoiceRow(id)).status).toBe("uncollectible");
    const unconfirmed = await invoiceActions.voidInvoiceAction(t.slug, IDLE_FORM, formOf({ id }));
    expect(unconfirmed).toMatchObject({ status: "error", message: "Confirm to void the invoice." });
    expect((await invoiceRow(id)).status).toBe("uncollectible");
    expect((await invoiceActions.voidInvoiceAction(t.slug, IDLE_FORM, formOf({ id, confirm: "void" }))).status).toBe("success");
    expect((await invoiceRow(id)).status).toBe("void");
    const pix = await db().select().from(payments).where(and(eq(payments.invoiceId, id), eq(payments.methodType, "pix")));
    expect(pix.map((p) => p.status)).toEqual(["canceled"]);
    const paid = await invoiceActions.voidInvoiceAction(t.slug, IDLE_FORM, formOf({ id: t.live.paidInvoice.id, confirm: "void" }));
    expect(paid.message).toMatch(/refund its payment instead/);
  });

  it("a draft is deleted (then the list), never a finalized invoice", async () => {
    as("owner");
    const draft = await draftFor(t.live);
    await expect(invoiceActions.deleteDraftAction(t.slug, IDLE_FORM, formOf({ id: draft.id }))).resolves.toMatchObject({ message: "Confirm to delete the invoice." });
    await expect(invoiceActions.deleteDraftAction(t.slug, IDLE_FORM, formOf({ id: draft.id, confirm: "delete" }))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await db().select().from(invoices).where(eq(invoices.id, draft.id))).toEqual([]);
    const finalized = await invoiceActions.deleteDraftAction(t.slug, IDLE_FORM, formOf({ id: t.live.paidInvoice.id, confirm: "delete" }));
    expect(finalized.message).toMatch(/Only a draft can be deleted/);
  });

  it("sandbox only: the customer's PIX payment is simulated and settles the invoice", async () => {
    as("owner");
    const live = await draftFor(t.live);
    await invoiceActions.finalizeInvoiceAction(t.slug, IDLE_FORM, formOf({ id: live.id }));
    const refusedLive = await invoiceActions.simulatePaymentAction(t.slug, IDLE_FORM, formOf({ id: live.id, method: "pix" }));
    expect(refusedLive).toMatchObject({ status: "error", message: expect.stringMatching(/sandbox/) });
    const badMethod = await invoiceActions.simulatePaymentAction(t.sandbox.slug, IDLE_FORM, formOf({ id: t.sandbox.openInvoice.id, method: "cash" }));
    expect(Object.keys(badMethod.fields)).toEqual(["method"]);
    const ok = await invoiceActions.simulatePaymentAction(t.sandbox.slug, IDLE_FORM, formOf({ id: t.sandbox.openInvoice.id, method: "pix" }));
    expect(ok.status).toBe("success");
    expect((await invoiceRow(t.sandbox.openInvoice.id)).status).toBe("paid");
  });

  it("developer and support are refused every invoice action, and nothing changes", async () => {
    const draft = await draftFor(t.live);
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await invoiceActions.finalizeInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id })))).toBe(true);
      expect(refused(await invoiceActions.voidInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id, confirm: "void" })))).toBe(true);
      expect(refused(await invoiceActions.deleteDraftAction(t.slug, IDLE_FORM, formOf({ id: draft.id, confirm: "delete" })))).toBe(true);
      expect(refused(await invoiceActions.collectInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id })))).toBe(true);
    }
    expect((await invoiceRow(draft.id)).status).toBe("draft");
    staffSession.userId = null;
    expect((await invoiceActions.finalizeInvoiceAction(t.slug, IDLE_FORM, formOf({ id: draft.id }))).message).toMatch(/sign in again/);
  });

  it("another organization's invoice is not found, through the live or the sandbox slug, and untouched", async () => {
    as("owner");
    const theirs = await draftFor(other.live);
    for (const slug of [t.slug, t.sandbox.slug]) {
      expect((await invoiceActions.finalizeInvoiceAction(slug, IDLE_FORM, formOf({ id: theirs.id }))).message).toMatch(NOT_FOUND);
      expect((await invoiceActions.voidInvoiceAction(slug, IDLE_FORM, formOf({ id: other.live.openInvoice.id, confirm: "void" }))).message).toMatch(NOT_FOUND);
      expect((await invoiceActions.collectInvoiceAction(slug, IDLE_FORM, formOf({ id: other.live.openInvoice.id }))).message).toMatch(NOT_FOUND);
    }
    expect((await invoiceActions.markUncollectibleAction(t.slug, IDLE_FORM, formOf({ id: "not-a-uuid", confirm: "mark" }))).message).toMatch(NOT_FOUND);
    expect((await invoiceRow(theirs.id)).status).toBe("draft");
    expect((await invoiceRow(other.live.openInvoice.id)).status).toBe("open");
  });
});

describe("new invoice and more lines", () => {
  it("names each line's fields by index, converts the prices exactly, and creates through the service", async () => {
    as("owner");
    const bad = await invoiceActions.createInvoiceAction(t.slug, IDLE_FORM, formOf({
      billing_account_id: "", "lines.0.description": "Setup", "lines.0.quantity": "1", "lines.0.unit_amount_cents": "abc",
      "lines.1.description": "", "lines.1.quantity": "1", "lines.1.unit_amount_cents": "",
      "lines.2.description": "", "lines.2.quantity": "0", "lines.2.unit_amount_cents": "10",
    }));
    expect(Object.keys(bad.fields).sort()).toEqual(["billing_account_id", "lines.0.unit_amount_cents", "lines.2.description", "lines.2.quantity"]);
    const none = await invoiceActions.createInvoiceAction(t.slug, IDLE_FORM, formOf({ billing_account_id: t.live.maria.id, "lines.0.description": "", "lines.0.unit_amount_cents": "" }));
    expect(Object.keys(none.fields)).toEqual(["lines"]);
    const theirs = await invoiceActions.createInvoiceAction(t.slug, IDLE_FORM, formOf({ billing_account_id: other.live.maria.id, "lines.0.description": "X", "lines.0.unit_amount_cents": "1" }));
    expect(Object.keys(theirs.fields)).toEqual(["billing_account_id"]);
    const count = async () => (await db().select().from(invoices).where(eq(invoices.organizationId, t.live.id))).length;
    const before = await count();

    await expect(invoiceActions.createInvoiceAction(t.slug, IDLE_FORM, formOf({
      billing_account_id: t.live.maria.id, collection_method: "send_invoice", memo: "Obrigado!",
      "lines.0.description": "Implantação", "lines.0.quantity": "2", "lines.0.unit_amount_cents": "1.234,56",
      "lines.1.description": "", "lines.1.quantity": "1", "lines.1.unit_amount_cents": "",
      "lines.2.description": "Treinamento", "lines.2.quantity": "1", "lines.2.unit_amount_cents": "0,99",
    }))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await count()).toBe(before + 1);
    const [created] = await db().select().from(invoices).where(and(eq(invoices.organizationId, t.live.id), eq(invoices.memo, "Obrigado!")));
    expect(created).toMatchObject({ status: "draft", billingAccountId: t.live.maria.id, collectionMethod: "send_invoice", totalCents: 2 * 123_456 + 99 });

    const added = await invoiceActions.addDraftLinesAction(t.slug, IDLE_FORM, formOf({ id: created!.id, "lines.0.description": "Extra", "lines.0.quantity": "3", "lines.0.unit_amount_cents": "10" }));
    expect(added).toMatchObject({ status: "success", message: "Line added to the draft." });
    expect((await invoiceRow(created!.id)).totalCents).toBe(2 * 123_456 + 99 + 3_000);
    const onPaid = await invoiceActions.addDraftLinesAction(t.slug, IDLE_FORM, formOf({ id: t.live.paidInvoice.id, "lines.0.description": "Extra", "lines.0.unit_amount_cents": "10" }));
    expect(onPaid.message).toMatch(/only be added to a draft/);
    const elsewhere = await invoiceActions.addDraftLinesAction(t.sandbox.slug, IDLE_FORM, formOf({ id: created!.id, "lines.0.description": "Extra", "lines.0.unit_amount_cents": "10" }));
    expect(elsewhere.message).toMatch(NOT_FOUND);
    as("support");
    expect(refused(await invoiceActions.addDraftLinesAction(t.slug, IDLE_FORM, formOf({ id: created!.id, "lines.0.description": "Extra", "lines.0.unit_amount_cents": "10" })))).toBe(true);
    expect((await invoiceRow(created!.id)).totalCents).toBe(2 * 123_456 + 99 + 3_000);
  });
});

describe("refunds", () => {
  it("validates the amount as money, names the field, and never refunds more than is left", async () => {
    as("owner");
    const id = t.live.cardPayment.id;
    const captured = t.live.cardPayment.amountCents;
    const bad = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "dez reais" }));
    expect(bad).toMatchObject({ status: "error", fields: { amount_cents: expect.stringMatching(/amount/) }, values: { amount_cents: "dez reais" } });
    const zero = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "0,00" }));
    expect(Object.keys(zero.fields)).toEqual(["amount_cents"]);
    const tooMuch = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "99.999,00" }));
    expect(tooMuch.fields.amount_cents).toMatch(/at most R\$\s?\d/);
    const long = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "1", reason: "x".repeat(501) }));
    expect(Object.keys(long.fields)).toEqual(["reason"]);
    expect((await paymentRow(id)).amountRefundedCents).toBe(0);
    expect(await db().select().from(refunds).where(eq(refunds.paymentId, id))).toEqual([]);

    const partial = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "10,50", reason: "Desconto combinado" }));
    expect(partial).toMatchObject({ status: "success", message: expect.stringMatching(/10,50 to the payment method/) });
    const credit = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "5", as_credit: "on" }));
    expect(credit.status).toBe("success");
    const [granted] = await db().select().from(credits).where(and(eq(credits.organizationId, t.live.id), eq(credits.billingAccountId, t.live.bakery.id)));
    expect(granted).toMatchObject({ amountCents: 500, creditType: "refund" });
    const rest = await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id, amount_cents: "" }));
    expect(rest.status).toBe("success");
    const rows = await db().select().from(refunds).where(eq(refunds.paymentId, id)).orderBy(refunds.createdAt);
    expect(rows.map((r) => [r.amountCents, r.asCredit, r.reason])).toEqual([[1050, false, "Desconto combinado"], [500, true, null], [captured - 1550, false, null]]);
    expect((await paymentRow(id)).amountRefundedCents).toBe(captured);
    expect((await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id }))).message).toMatch(/refunded in full/);
  });

  it("support and developer are refused; another organization's payment is not found and untouched", async () => {
    const theirs = other.live.cardPayment.id;
    for (const role of ["support", "developer"] as const) {
      as(role);
      expect(refused(await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id: t.sandbox.cardPayment.id, amount_cents: "1" })))).toBe(true);
    }
    as("owner");
    expect((await paymentActions.refundPaymentAction(t.slug, IDLE_FORM, formOf({ id: theirs, amount_cents: "1" }))).message).toMatch(NOT_FOUND);
    expect((await paymentActions.refundPaymentAction(t.sandbox.slug, IDLE_FORM, formOf({ id: theirs }))).message).toMatch(NOT_FOUND);
    expect((await paymentRow(theirs)).amountRefundedCents).toBe(0);
    expect((await paymentRow(t.sandbox.cardPayment.id)).amountRefundedCents).toBe(0);
  });

  it("converts typed money to cents exactly; a lone separator is the decimal one, so three decimals are refused, not guessed", () => {
    const cases: Array<[string, number | null]> = [
      ["150", 15_000], ["150,00", 15_000], ["12,5", 1_250], ["1.234,56", 123_456], ["1,234.56", 123_456], ["R$ 1.234,56", 123_456],
      ["1.234", null], ["0,01", 1], ["0.10", 10], ["1.234.567,89", 123_456_789], ["1.234.567", 123_456_700], ["19,99", 1_999],
      ["-1", null], ["abc", null], ["1,234,5", null], ["1,001", null], ["1.2.3", null], ["", null], ["12,345.6.7", null], ["0,001", null],
    ];
    for (const [text, cents] of cases) expect([text, parseMoneyToCents(text, "BRL")]).toEqual([text, cents]);
    expect(parseMoneyToCents("1.234.000", "JPY")).toBe(1_234_000);
    expect(parseMoneyToCents("0,1", "JPY")).toBeNull();
  });
});

describe("what can still change on an invoice", () => {
  it("records the NF-e of a finalized invoice (validated like PATCH) and edits a draft's memo; a finalized memo is refused", async () => {
    const paid = t.live.paidInvoice.id;
    as("developer");
    expect(refused(await invoiceActions.recordNfeAction(t.slug, IDLE_FORM, formOf({ id: paid, "nfe.number": "123" })))).toBe(true);
    as("admin");
    const bad = await invoiceActions.recordNfeAction(t.slug, IDLE_FORM, formOf({ id: paid, "nfe.number": "123", "nfe.verification_url": "javascript:alert(1)", "nfe.status": "issued" }));
    expect(Object.keys(bad.fields)).toEqual(["nfe.verification_url"]);
    expect((await invoiceRow(paid)).nfe?.number ?? null).toBeNull();
    const saved = await invoiceActions.recordNfeAction(t.slug, IDLE_FORM, formOf({ id: paid, "nfe.number": "2026/000123", "nfe.series": "1", "nfe.verification_url": "https://nfse.prefeitura.sp.gov.br/verifica?n=123", "nfe.status": "issued" }));
    expect(saved.message).toBe("NF-e saved.");
    expect((await invoiceRow(paid)).nfe).toEqual({ number: "2026/000123", series: "1", verification_url: "https://nfse.prefeitura.sp.gov.br/verifica?n=123", status: "issued" });
    expect((await invoiceActions.recordNfeAction(t.slug, IDLE_FORM, formOf({ id: other.live.paidInvoice.id, "nfe.number": "9" }))).message).toMatch(NOT_FOUND);
    expect((await invoiceRow(other.live.paidInvoice.id)).nfe?.number ?? null).toBeNull();

    expect((await invoiceActions.editMemoAction(t.slug, IDLE_FORM, formOf({ id: paid, memo: "late" }))).fields.memo).toMatch(/finalized invoice is immutable/);
    const draft = await draftFor(t.live);
    expect((await invoiceActions.editMemoAction(t.slug, IDLE_FORM, formOf({ id: draft.id, memo: "Pedido 42" }))).message).toBe("Memo saved.");
    expect((await invoiceRow(draft.id)).memo).toBe("Pedido 42");
    expect((await invoiceActions.editMemoAction(t.slug, IDLE_FORM, formOf({ id: draft.id, memo: "" }))).message).toBe("Memo removed.");
    expect((await invoiceRow(draft.id)).memo).toBeNull();
  });
});

describe("the PDF route", () => {
  const get = (slug: string, id: string) => pdfRoute.GET(new Request(`http://localhost/admin/${slug}/invoices/${id}/pdf`), { params: Promise.resolve({ org: slug, id }) });

  it("serves the organization's invoice to any role; another organization's id, a bad id or no session is a 404", async () => {
    as("support");
    const res = await get(t.slug, t.live.paidInvoice.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename=".+\.pdf"$/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await get(t.slug, other.live.paidInvoice.id)).status).toBe(404);
    expect((await get(t.sandbox.slug, t.live.paidInvoice.id)).status).toBe(404);
    expect((await get(t.slug, "nope")).status).toBe(404);
    staffSession.userId = null;
    expect((await get(t.slug, t.live.paidInvoice.id)).status).toBe(404);
  });
});
