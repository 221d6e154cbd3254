import { and, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { billingAccounts, invoices, payments, plans, portalUsers, sandboxGatewayCharges, subscriptions } from "@/db/schema";
import { NO_REQUEST_INFO } from "@/lib/portal-auth/context";
import { api } from "../helpers/api";
import { createTenant } from "../helpers/factories";

// A tenant selling through the checkout: "pro" (public, no trial; monthly R$ 79.90 / annual
// R$ 799.00; optional extra seats R$ 19.90 / R$ 199.00), "trial" (public, 14 days), "internal"
// (private) and "old" (archived); coupon BEMVINDO10 (10%, max R$ 50) and code BLACK20 (20%).
export async function checkoutTenant() {
  const t = await createTenant();
  const key = t.liveKey;
  const post = async (path: string, body: unknown) => {
    const res = await api.post(path, body, { key });
    if (res.status !== 201) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const pro = await post("/api/v1/products", {
    name: "Pro", slug: "pro", product_type: "base",
    prices: [
      { name: "Pro mensal", unit_amount_subcents: 799_000, recurring_interval: "month" },
      { name: "Pro anual", unit_amount_subcents: 7_990_000, recurring_interval: "year" },
    ],
  });
  const seats = await post("/api/v1/products", {
    name: "Usuário extra", slug: "seats", product_type: "addon_quantity",
    prices: [
      { name: "Usuário mensal", unit_amount_subcents: 199_000, recurring_interval: "month" },
      { name: "Usuário anual", unit_amount_subcents: 1_990_000, recurring_interval: "year" },
    ],
  });
  const cycles = [{ interval: "month", interval_count: 1 }, { interval: "year", interval_count: 1 }];
  const items = [
    { price_id: pro.prices[0].id }, { price_id: pro.prices[1].id },
    { price_id: seats.prices[0].id, optional: true, quantity: 0 }, { price_id: seats.prices[1].id, optional: true, quantity: 0 },
  ];
  const plan = await post("/api/v1/plans", { name: "Pro", slug: "pro", trial_days: 0, billing_cycles: cycles, items });
  await post("/api/v1/plans", { name: "Trial", slug: "trial", trial_days: 14, billing_cycles: cycles, items });
  await post("/api/v1/plans", { name: "Internal", slug: "internal", trial_days: 0, billing_cycles: cycles, items, visibility: "private" });
  const old = await post("/api/v1/plans", { name: "Old", slug: "old", trial_days: 0, billing_cycles: cycles, items });
  await getDb().update(plans).set({ status: "archived" }).where(and(eq(plans.id, old.id), eq(plans.organizationId, t.live.id)));
  await post("/api/v1/coupons", { code: "BEMVINDO10", name: "Boas-vindas", discount_type: "percentage", percent_off_bps: 1000, max_discount_cents: 5000 });
  await post("/api/v1/discount_codes", { code: "BLACK20", percent_off_bps: 2000, duration: "forever" });
  return { t, key, plan, pro, seats, scope: { organizationId: t.live.id, mode: "live" as const } };
}

export const monthly = { interval: "month", interval_count: 1 } as const;

export function buyer(overrides: Record<string, unknown> = {}) {
  return {
    billing_cycle: monthly,
    add_ons: [],
    customer: {
      name: "Padaria Pão Quente",
      email: `compras+${Math.random().toString(36).slice(2, 10)}@paoquente.com.br`,
      document: "11.222.333/0001-81",
      tax_address: { line1: "Rua Augusta", number: "1500", district: "Consolação", city: "São Paulo", state: "SP", postal_code: "01304-001" },
    },
    payment: { type: "pix" },
    idempotency_key: `form_${Math.random().toString(36).slice(2)}${Date.now()}`,
    ...overrides,
  };
}

export const context = { request: NO_REQUEST_INFO };

/** Rows of the organization: what a purchase writes. */
export async function counts(organizationId: string) {
  const db = getDb();
  const n = async (table: typeof billingAccounts | typeof portalUsers | typeof subscriptions | typeof invoices | typeof payments) =>
    (await db.select({ n: count() }).from(table).where(eq(table.organizationId, organizationId)))[0]!.n;
  return { accounts: await n(billingAccounts), users: await n(portalUsers), subscriptions: await n(subscriptions), invoices: await n(invoices), payments: await n(payments) };
}

/** Card charges the sandbox gateway made for this invoice's payments. */
export async function cardCharges(organizationId: string) {
  const rows = await getDb().execute<{ n: number }>(sql`
    select count(*)::int as n from ${sandboxGatewayCharges} c join ${payments} p on p.idempotency_key = c.idempotency_key
    where p.organization_id = ${organizationId} and c.kind = 'card' and c.status = 'succeeded'`);
  return rows[0]!.n;
}
