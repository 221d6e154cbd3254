import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { billingAccounts, type MemberRole } from "@/db/schema";
import { customerOverview, listCustomers, overdueByAccount, parseCustomerQuery } from "@/lib/admin/customer-queries";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { createBillingAccountInput } from "@/lib/billing-accounts/input";
import { createBillingAccount, deleteBillingAccount } from "@/lib/billing-accounts/service";
import { resetClock, setClock } from "@/lib/clock";
import { grantCredit } from "@/lib/credits/service";
import { createInvoiceInput } from "@/lib/invoices/input";
import { createInvoice } from "@/lib/invoices/service";
import { createTenant, validAccount } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";
import { attachPaymentMethod, removePaymentMethod } from "@/lib/payment-methods/service";
import { getGateway } from "@/lib/payments/gateways";

// The Customers screens (billing accounts): the create / edit actions as each role, with the
// API's schema naming the fields; the list's search (name, email, CPF/CNPJ), filters and
// pages; another organization's accounts never reachable. Only the session is mocked.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));

const actions = await import("@/app/(admin)/admin/[org]/customers/actions");

type Tenant = Awaited<ReturnType<typeof createTenant>>;
let t: Tenant;
let other: Tenant;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const accountRow = async (id: string) => (await getDb().select().from(billingAccounts).where(eq(billingAccounts.id, id)))[0];
const account_ = (overrides: Record<string, unknown> = {}) => createBillingAccountInput.parse(validAccount(overrides));
const count = async (organizationId: string) => (await getDb().select({ id: billingAccounts.id }).from(billingAccounts).where(eq(billingAccounts.organizationId, organizationId))).length;

const customerForm = (fields: Record<string, string> = {}) =>
  formOf({
    name: "Padaria Pão Quente", legal_name: "Padaria Pão Quente LTDA", email: "financeiro@paoquente.com.br", phone: "", document: "11.222.333/0001-81", external_id: "",
    "tax_address.line1": "Rua Augusta", "tax_address.number": "1500", "tax_address.complement": "", "tax_address.district": "Consolação",
    "tax_address.city": "São Paulo", "tax_address.state": "sp", "tax_address.postal_code": "01304-001", "tax_address.country": "BR",
    ...fields,
  });

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  for (const role of ["owner", "admin", "developer", "support"] as const) staff[role] = await createStaffUser(t.live.id, role);
});
beforeEach(() => {
  staffSession.userId = null;
});
afterEach(() => resetClock());

describe("New customer", () => {
  it("names each invalid field by its API path and saves nothing", async () => {
    as("owner");
    const before = await count(t.live.id);
    const bad = await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm({
      name: " ", email: "not-an-email", document: "11.222.333/0001-82", "tax_address.postal_code": "123", "tax_address.state": "XX", "tax_address.city": "",
    }));
    expect(bad.status).toBe("error");
    expect(Object.keys(bad.fields).sort()).toEqual(["document", "email", "name", "tax_address.city", "tax_address.postal_code", "tax_address.state"].sort());
    expect(bad.fields.document).toMatch(/CPF or CNPJ/);
    expect(bad.values?.email).toBe("not-an-email");
    expect(await count(t.live.id)).toBe(before);
  });

  it("creates the account through the service (document normalized, address kept) in the organization of the URL", async () => {
    as("admin");
    const state = await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm({ external_id: "cus-admin-1" }));
    expect(state.status).toBe("success");
    const row = await accountRow(state.createdId!);
    expect(row).toMatchObject({
      organizationId: t.live.id, name: "Padaria Pão Quente", documentType: "cnpj", document: "11222333000181", externalId: "cus-admin-1",
      taxAddress: { line1: "Rua Augusta", number: "1500", complement: null, district: "Consolação", city: "São Paulo", state: "SP", postal_code: "01304001", country: "BR" },
    });
    const sandbox = await actions.createCustomerAction(t.sandbox.slug, IDLE_FORM, customerForm({ "tax_address.line1": "", "tax_address.number": "", "tax_address.district": "", "tax_address.city": "", "tax_address.state": "", "tax_address.postal_code": "" }));
    expect(sandbox.status).toBe("success");
    expect(await accountRow(sandbox.createdId!)).toMatchObject({ organizationId: t.sandbox.id, taxAddress: null });
  });

  it("a duplicate external_id is an error under that field (the service's refusal)", async () => {
    as("owner");
    await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm({ external_id: "dup-1" }));
    const again = await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm({ external_id: "dup-1" }));
    expect(again.status).toBe("error");
    expect(again.fields.external_id).toMatch(/already exists/);
  });

  it("developer and support are refused (server-enforced) and nothing is created; signed out too", async () => {
    const before = await count(t.live.id);
    for (const role of ["developer", "support"] as const) {
      as(role);
      expect(refused(await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm()))).toBe(true);
    }
    staffSession.userId = null;
    expect((await actions.createCustomerAction(t.slug, IDLE_FORM, customerForm())).message).toMatch(/sign in again/);
    as("owner");
    expect((await actions.createCustomerAction(other.slug, IDLE_FORM, customerForm())).message).toMatch(/not found/);
    expect(await count(t.live.id)).toBe(before);
    expect(await count(other.live.id)).toBe(0);
  });
});

describe("Customer details", () => {
  it("saves the changes (blank optional fields clear them) and validates like PATCH", async () => {
    const account = await createBillingAccount(getDb(), { organizationId: t.live.id, mode: "live" }, account_({ phone: "+55 11 3333-4444" }));
    as("owner");
    const bad = await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: account.id, email: "", document: "123" }));
    expect(Object.keys(bad.fields).sort()).toEqual(["document", "email"]);
    const ok = await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: account.id, name: "Padaria Nova", phone: "", document: "529.982.247-25", legal_name: "" }));
    expect(ok.status).toBe("success");
    expect(await accountRow(account.id)).toMatchObject({ name: "Padaria Nova", phone: null, legalName: null, documentType: "cpf", document: "52998224725" });
  });

  it("another organization's account is not found and untouched; support cannot edit; an archived account says so", async () => {
    const theirs = await createBillingAccount(getDb(), { organizationId: other.live.id, mode: "live" }, account_());
    as("owner");
    const state = await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: theirs.id, name: "Hijacked" }));
    expect(state.message).toBe("This customer was not found: nothing was changed.");
    expect((await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: "not-a-uuid" }))).message).toMatch(/not found/);
    expect((await accountRow(theirs.id))!.name).toBe("Padaria Pão Quente");

    const mine = await createBillingAccount(getDb(), { organizationId: t.live.id, mode: "live" }, account_());
    as("support");
    expect(refused(await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: mine.id, name: "Support edit" })))).toBe(true);
    expect((await accountRow(mine.id))!.name).toBe("Padaria Pão Quente");

    await getDb().update(billingAccounts).set({ status: "archived" }).where(and(eq(billingAccounts.id, mine.id), eq(billingAccounts.organizationId, t.live.id)));
    as("owner");
    expect((await actions.updateCustomerAction(t.slug, IDLE_FORM, customerForm({ id: mine.id }))).message).toMatch(/archived/);
  });
});

describe("Delete customer", () => {
  it("needs the confirmation; without history it is deleted (back to the list), with history archived; support and other tenants refused", async () => {
    const w = { organizationId: t.live.id, mode: "live" as const };
    const bare = await createBillingAccount(getDb(), w, account_());
    const kept = await createBillingAccount(getDb(), w, account_());
    await grantCredit(getDb(), { ...w, billingAccountId: kept.id }, { credit_type: "manual", amount_cents: 100 });
    const theirs = await createBillingAccount(getDb(), { organizationId: other.live.id, mode: "live" }, account_());

    as("support");
    expect(refused(await actions.deleteCustomerAction(t.slug, IDLE_FORM, formOf({ id: bare.id, confirm: "delete" })))).toBe(true);
    as("owner");
    expect((await actions.deleteCustomerAction(t.slug, IDLE_FORM, formOf({ id: bare.id }))).message).toMatch(/Confirm/);
    expect((await actions.deleteCustomerAction(t.slug, IDLE_FORM, formOf({ id: theirs.id, confirm: "delete" }))).message).toBe("This customer was not found: nothing was changed.");
    expect(await accountRow(bare.id)).toBeDefined();
    expect((await accountRow(theirs.id))!.status).toBe("active");

    await expect(actions.deleteCustomerAction(t.slug, IDLE_FORM, formOf({ id: bare.id, confirm: "delete" }))).rejects.toMatchObject({ digest: expect.stringContaining(`/admin/${t.slug}/customers;`) });
    expect(await accountRow(bare.id)).toBeUndefined();
    const archived = await actions.deleteCustomerAction(t.slug, IDLE_FORM, formOf({ id: kept.id, confirm: "delete" }));
    expect(archived).toMatchObject({ status: "success", message: expect.stringMatching(/archived instead/) });
    expect((await accountRow(kept.id))!.status).toBe("archived");
  });
});

describe("Customer list", () => {
  let tenant: Tenant;
  const names = async (params: Record<string, string | undefined>, organizationId = tenant.live.id) => {
    const parsed = parseCustomerQuery(params);
    if (!parsed.ok) throw new Error(parsed.message);
    return (await listCustomers(getDb(), { organizationId }, parsed.query)).map((a) => a.name);
  };

  beforeAll(async () => {
    tenant = await createTenant();
    const w = { organizationId: tenant.live.id, mode: "live" as const };
    await createBillingAccount(getDb(), w, account_({ name: "Padaria Pão Quente", email: "financeiro@paoquente.com.br", document: "11.222.333/0001-81" }));
    await createBillingAccount(getDb(), w, account_({ name: "Maria Silva", legal_name: null, email: "maria.silva@example.com", document: "529.982.247-25", external_id: "cus_maria" }));
    await createBillingAccount(getDb(), w, account_({ name: "Nova Tech", legal_name: "Nova Tech Sistemas S.A.", email: "contas@novatech.example", document: "12.ABC.345/01DE-35" }));
    // Another tenant's customer with the same name and document: never listed here.
    await createBillingAccount(getDb(), { organizationId: other.live.id, mode: "live" }, account_({ name: "Maria Silva", document: "52998224725" }));
  });

  it("searches by name, legal name, email, document (digits or formatted, prefix) and external id, within the organization", async () => {
    expect(await names({ q: "maria" })).toEqual(["Maria Silva"]);
    expect(await names({ q: "SISTEMAS" })).toEqual(["Nova Tech"]);
    expect(await names({ q: "@paoquente" })).toEqual(["Padaria Pão Quente"]);
    expect(await names({ q: "52998224725" })).toEqual(["Maria Silva"]);
    expect(await names({ q: "529.982.247-25" })).toEqual(["Maria Silva"]);
    expect(await names({ q: "11.222.333" })).toEqual(["Padaria Pão Quente"]);
    expect(await names({ q: "12abc345" })).toEqual(["Nova Tech"]);
    expect(await names({ q: "cus_maria" })).toEqual(["Maria Silva"]);
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({})).toEqual(["Nova Tech", "Maria Silva", "Padaria Pão Quente"]);
    expect(await names({ q: "maria" }, other.live.id)).toEqual(["Maria Silva"]);
    expect(await names({ q: "Nova" }, other.live.id)).toEqual([]);
  });

  it("the overview lists the account's active payment methods, default first, and no other account's", async () => {
    const w = { organizationId: tenant.live.id, mode: "live" as const };
    const acc = await createBillingAccount(getDb(), w, account_({ name: "Com Métodos", document: null }));
    const neighbour = await createBillingAccount(getDb(), w, account_({ name: "Vizinha", document: null }));
    await attachPaymentMethod(getDb(), { ...w, billingAccountId: neighbour.id }, { type: "boleto" });
    await attachPaymentMethod(getDb(), { ...w, billingAccountId: acc.id }, { type: "pix" });
    const boleto = await attachPaymentMethod(getDb(), { ...w, billingAccountId: acc.id }, { type: "boleto" });
    await removePaymentMethod(getDb(), { ...w, id: boleto.id });
    const card = await attachPaymentMethod(getDb(), { ...w, billingAccountId: acc.id }, { type: "card", token: (await getGateway().tokenizeCard({ number: "4242424242424242", exp_month: 12, exp_year: 2031, cvc: "123" })).token, role: "default" });
    const methods = (await customerOverview(getDb(), { organizationId: tenant.live.id }, acc.id)).paymentMethods;
    expect(methods.map((m) => [m.type, m.role])).toEqual([["card", "default"], ["pix", null]]);
    expect(methods[0]).toMatchObject({ id: card.id, cardLast4: "4242", cardExpYear: 2031 });
  });

  it("filters archived accounts and accounts with overdue invoices", async () => {
    const w = { organizationId: tenant.live.id, mode: "live" as const };
    const late = await createBillingAccount(getDb(), w, account_({ name: "Atrasada Ltda", document: null }));
    await createInvoice(getDb(), w, createInvoiceInput.parse({ billing_account_id: late.id, lines: [{ description: "Consultoria", unit_amount_cents: 15_000 }], collection_method: "send_invoice", finalize: true }));
    expect(await names({ overdue: "1" })).toEqual([]);
    setClock(new Date(Date.now() + 90 * 86_400_000));
    expect(await names({ overdue: "1" })).toEqual(["Atrasada Ltda"]);
    const overdue = await overdueByAccount(getDb(), { organizationId: tenant.live.id }, [late.id]);
    expect(overdue.get(late.id)).toEqual({ count: 1, due: [{ currency: "BRL", cents: 15_000 }] });
    expect((await customerOverview(getDb(), { organizationId: tenant.live.id }, late.id)).invoices).toHaveLength(1);
    expect(await names({ overdue: "1" }, other.live.id)).toEqual([]);
    resetClock();

    const gone = await createBillingAccount(getDb(), w, account_({ name: "Arquivada", document: null }));
    await getDb().update(billingAccounts).set({ status: "archived" }).where(eq(billingAccounts.id, gone.id));
    expect(await names({ status: "archived" })).toEqual(["Arquivada"]);
    expect(await names({})).not.toContain("Arquivada");
    await deleteBillingAccount(getDb(), { ...w, id: late.id }); // has an invoice: archived, not deleted
    expect(await names({ status: "archived" })).toEqual(["Arquivada", "Atrasada Ltda"]);
  });

  it("pages with the cursor in the URL; bad filters and bad cursors are messages, not errors", async () => {
    const pageOf = async (cursor?: string) => {
      const parsed = parseCustomerQuery({ cursor });
      if (!parsed.ok) throw new Error(parsed.message);
      const rows = await unlessBadCursor(() => listCustomers(getDb(), { organizationId: t.live.id }, parsed.query));
      return rows && page(rows, 25, (a) => a.id);
    };
    const w = { organizationId: t.live.id, mode: "live" as const };
    for (let i = 0; i < 26; i++) await createBillingAccount(getDb(), w, account_({ name: `Paged ${i}`, document: null }));
    const first = (await pageOf())!;
    expect(first.data).toHaveLength(25);
    expect(first.next_cursor).not.toBeNull();
    const second = (await pageOf(first.next_cursor!))!;
    expect(second.data.some((id) => first.data.includes(id))).toBe(false);
    expect(await pageOf("garbage")).toBeNull();
    expect(parseCustomerQuery({ status: "deleted" })).toEqual({ ok: false, message: "Status must be active or archived." });
    expect(parseCustomerQuery({ q: "x".repeat(201) }).ok).toBe(false);
  });
});
