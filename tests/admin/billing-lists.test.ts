import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import {
  invoiceFiltersOf, invoiceListQuery, paymentFiltersOf, paymentListQuery, subscriptionFiltersOf, subscriptionListQuery,
} from "@/lib/admin/billing-lists";
import { page } from "@/lib/api/pagination";
import { createInvoice, listInvoices } from "@/lib/invoices/service";
import { listPayments } from "@/lib/payments/refunds";
import { listSubscriptions } from "@/lib/subscriptions/list";
import { api } from "../helpers/api";
import { billingTenant } from "./billing-setup";

// The Subscriptions, Invoices and Payments lists: the URL's filters (checked by the lists'
// schemas), the search by customer / number / receipt / id, the date range, cursor pages, and
// never another organization's rows — both tenants hold customers of the same names.
type Tenant = Awaited<ReturnType<typeof billingTenant>>;
let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await billingTenant();
  other = await billingTenant();
}, 120_000);

const scope = () => ({ organizationId: t.live.id });
const invoicesFor = async (query: Record<string, string | undefined>) => {
  const q = invoiceListQuery.parse(query);
  return listInvoices(getDb(), scope(), invoiceFiltersOf(q));
};

describe("the invoice list", () => {
  it("searches by customer name, email, document, number and id, in this organization only", async () => {
    const mine = new Set([t.live.paidInvoice.id, t.live.openInvoice.id]);
    const ids = async (q: string) => (await invoicesFor({ q })).map((i) => i.id);
    expect(await ids("padaria")).toEqual([t.live.paidInvoice.id]);
    expect(await ids("MARIA.SILVA@")).toEqual([t.live.openInvoice.id]);
    expect(await ids("11.222.333/0001-81")).toEqual([t.live.paidInvoice.id]);
    expect(await ids("529.982.247-25")).toEqual([t.live.openInvoice.id]);
    expect(await ids("11.222.333")).toEqual([t.live.paidInvoice.id]);
    expect(await ids(t.live.paidInvoice.number!)).toEqual([t.live.paidInvoice.id]);
    expect(await ids(t.live.openInvoice.id)).toEqual([t.live.openInvoice.id]);
    expect(await ids(t.live.bakery.id)).toEqual([t.live.paidInvoice.id]);
    expect(await ids(other.live.paidInvoice.id)).toEqual([]);
    expect(await ids("%")).toEqual([]);
    for (const q of ["a", "Silva", "example"]) for (const id of await ids(q)) expect(mine.has(id)).toBe(true);
  });

  it("filters by status and by creation date (the `to` day included), and refuses bad filters by name", async () => {
    expect((await invoicesFor({ status: "paid" })).map((i) => i.id)).toEqual([t.live.paidInvoice.id]);
    expect((await invoicesFor({ status: "open", q: "padaria" }))).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await invoicesFor({ from: today, to: today })).length).toBe(2);
    expect(await invoicesFor({ from: "2999-01-01" })).toEqual([]);
    expect(await invoicesFor({ to: "2000-01-01" })).toEqual([]);
    const bad = invoiceListQuery.safeParse({ status: "lost", from: "yesterday" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join(".")).sort()).toEqual(["from", "status"]);
    const backwards = invoiceListQuery.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(backwards.success ? [] : backwards.error.issues.map((i) => i.path.join("."))).toEqual(["to"]);
  });

  it("pages with the cursor, newest first, without repeats", async () => {
    for (const amount of [100, 200, 300]) {
      await createInvoice(getDb(), { organizationId: t.live.id, mode: "live" }, { billing_account_id: t.live.maria.id, lines: [{ description: `Extra ${amount}`, quantity: 1, unit_amount_cents: amount }], collection_method: "send_invoice", finalize: false });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const rows = await listInvoices(getDb(), scope(), { ...invoiceFiltersOf(invoiceListQuery.parse({ q: "maria", cursor })), limit: 2 });
      const p = page(rows, 2, (r) => r);
      seen.push(...p.data.map((r) => r.id));
      cursor = p.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(4);
  });

  it("the API's list is unchanged by the admin's search (no new query parameter)", async () => {
    const res = await api.get("/api/v1/invoices?q=padaria", { key: t.liveKey });
    expect(res.status).toBe(422);
  });
});

describe("the payment list", () => {
  it("filters by status and method, searches by receipt number and customer, in this organization only", async () => {
    const list = (query: Record<string, string>) => listPayments(getDb(), scope(), paymentFiltersOf(paymentListQuery.parse(query)));
    expect((await list({ method: "card" })).map((p) => p.id)).toEqual([t.live.cardPayment.id]);
    expect((await list({ method: "pix" })).map((p) => [p.methodType, p.status])).toEqual([["pix", "pending"]]);
    expect((await list({ status: "succeeded" })).map((p) => p.id)).toEqual([t.live.cardPayment.id]);
    expect((await list({ q: t.live.cardPayment.receiptNumber! })).map((p) => p.id)).toEqual([t.live.cardPayment.id]);
    expect((await list({ q: "maria" })).map((p) => p.invoiceId)).toEqual([t.live.openInvoice.id]);
    expect((await list({ q: t.live.openInvoice.id })).map((p) => p.invoiceId)).toEqual([t.live.openInvoice.id]);
    expect(await list({ q: other.live.cardPayment.id })).toEqual([]);
    expect(paymentListQuery.safeParse({ method: "cash" }).success).toBe(false);
  });
});

describe("the subscription list", () => {
  it("filters by status and plan, searches by customer and id, in this organization only", async () => {
    const list = (query: Record<string, string>) => listSubscriptions(getDb(), scope(), subscriptionFiltersOf(subscriptionListQuery.parse(query)));
    expect((await list({ q: "Pão Quente" })).map((s) => s.id)).toEqual([t.live.bakerySub.id]);
    expect((await list({ plan: t.live.starter.id })).map((s) => s.id)).toEqual([t.live.mariaSub.id]);
    expect((await list({ plan: other.live.starter.id }))).toEqual([]);
    expect((await list({ status: t.live.mariaSub.status, q: t.live.mariaSub.id })).map((s) => s.id)).toEqual([t.live.mariaSub.id]);
    expect(await list({ status: "canceled", q: t.live.mariaSub.id })).toEqual([]);
    expect(await list({ q: other.live.bakerySub.id })).toEqual([]);
    const bad = subscriptionListQuery.safeParse({ status: "zombie", plan: "pro" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join(".")).sort()).toEqual(["plan", "status"]);
  });
});
