import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock, setClock } from "@/lib/clock";
import { runCollections } from "@/lib/payments/collect";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";
import { attachCard, TEST_CARD } from "../helpers/payments";
import { tenantWithCatalog } from "./subscriptions-factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});
afterEach(() => resetClock());

const patch = (body: Record<string, unknown>, key = t.liveKey) => api.patch("/api/v1/organization", body, { key });
function expect422(res: { status: number; body: any }, param: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.param).toBe(param);
}

describe("organization settings", () => {
  it("shows the key's organization with the billing defaults, and updates them", async () => {
    const res = await api.get("/api/v1/organization", { key: t.liveKey });
    expect(res.body).toMatchObject({ object: "organization", livemode: true, slug: t.slug, invoice_due_days: 5, dunning_retry_days: [1, 3, 5, 7], dunning_final_status: "unpaid", brand_color: "#4f46e5" });
    const updated = await patch({
      invoice_due_days: 10, dunning_retry_days: [2, 4], dunning_final_status: "canceled",
      legal_name: "Acme Software LTDA", tax_id: "11.222.333/0001-81", support_email: "financeiro@acme.example", brand_color: "#0EA5E9",
      address: { line1: "Av. Paulista, 1000", city: "São Paulo", state: "SP", postal_code: "01310-100" },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ invoice_due_days: 10, dunning_retry_days: [2, 4], tax_id: "11222333000181", brand_color: "#0ea5e9", address: { country: "BR", line2: null } });
    // The sandbox organization keeps its own settings.
    expect((await api.get("/api/v1/organization", { key: t.testKey })).body).toMatchObject({ livemode: false, invoice_due_days: 5 });
  });

  it("names the field at fault", async () => {
    expect422(await patch({ invoice_due_days: -1 }), "invoice_due_days");
    expect422(await patch({ dunning_retry_days: [3, 1] }), "dunning_retry_days");
    expect422(await patch({ dunning_final_status: "deleted" }), "dunning_final_status");
    expect422(await patch({ tax_id: "11.222.333/0001-80" }), "tax_id");
    expect422(await patch({ brand_color: "blue" }), "brand_color");
    expect422(await patch({ logo_url: "http://insecure.example/logo.png" }), "logo_url");
    expect422(await patch({ address: { line1: "x", city: "y", state: "SP" } }), "address.postal_code");
    expect422(await patch({ slug: "other" }), "slug");
  });

  it("the due days and the dunning schedule are the organization's", async () => {
    const c = await tenantWithCatalog();
    await api.patch("/api/v1/organization", { invoice_due_days: 15, dunning_retry_days: [2], dunning_final_status: "canceled" }, { key: c.key });
    const start = new Date("2027-02-01T00:00:00Z");
    setClock(start);
    const account = (await api.post("/api/v1/billing_accounts", validAccount(), { key: c.key })).body.id;
    await attachCard(c.key, account, TEST_CARD.ok);
    const sub = (await api.post("/api/v1/subscriptions", { billing_account_id: account, plan_id: c.plan.id, trial_days: 0 }, { key: c.key })).body;
    await runCollections(getDb(), start);
    // Next month the card declines: one retry on day 2, then the subscription is canceled.
    await attachCard(c.key, account, TEST_CARD.declined, "default");
    const { runRenewals } = await import("@/lib/billing-runs/renew");
    const renewal = new Date("2027-03-01T00:00:00Z");
    setClock(renewal);
    await runRenewals(getDb(), renewal);
    await runCollections(getDb(), renewal);
    const invoice = (await api.get(`/api/v1/invoices?subscription_id=${sub.id}&status=open`, { key: c.key })).body.data[0];
    expect(invoice.due_at).toBe(new Date(renewal.getTime() + 15 * 86_400_000).toISOString());
    expect(invoice.next_payment_attempt_at).toBe(new Date(renewal.getTime() + 2 * 86_400_000).toISOString());
    expect((await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body.status).toBe("past_due");
    const retry = new Date(renewal.getTime() + 2 * 86_400_000);
    setClock(retry);
    await runCollections(getDb(), retry);
    expect((await api.get(`/api/v1/subscriptions/${sub.id}`, { key: c.key })).body).toMatchObject({ status: "canceled", cancellation_reason: "payment_failed" });
  });
});
