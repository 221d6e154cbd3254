import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { PortalRole } from "@/db/schema";
import { setClock } from "@/lib/clock";
import type { PortalActor } from "@/lib/portal/account";
import { tenantWithCatalog } from "../api/subscriptions-factories";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// A tenant with the Pro catalog (tests/api/subscriptions-factories.ts), two billing accounts each
// on Pro monthly, and a foreign tenant with its own account and subscription: the portal's
// loaders and actions must only ever reach the first account's rows.
export const at = (iso: string) => setClock(new Date(iso));

export async function product(key: string, body: Record<string, unknown>) {
  const res = await api.post("/api/v1/products", body, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; prices: Array<{ id: string }> };
}

export async function subscribe(key: string, body: Record<string, unknown>) {
  const res = await api.post("/api/v1/subscriptions", { trial_days: 0, ...body }, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; items: Array<{ id: string; price_id: string; quantity: number }> };
}

export async function portalWorld() {
  at("2026-11-01T00:00:00Z");
  const c = await tenantWithCatalog();
  const key = c.key;
  await api.patch(`/api/v1/products/${c.seats.id}`, { self_service_editable: true }, { key });
  const other = (await api.post("/api/v1/billing_accounts", validAccount({ name: "Maria Silva", email: "maria@example.com", document: "529.982.247-25" }), { key })).body;
  expect(other.id).toBeTruthy();
  const mine = await subscribe(key, { billing_account_id: c.account.id, plan_id: c.plan.id });
  const theirs = await subscribe(key, { billing_account_id: other.id, plan_id: c.plan.id });

  const foreign = await createTenant();
  const foreignAccount = (await api.post("/api/v1/billing_accounts", validAccount(), { key: foreign.liveKey })).body;
  const foreignProduct = await product(foreign.liveKey, { name: "Solo", slug: "solo", product_type: "base", prices: [{ name: "Solo", unit_amount_subcents: 100_000, recurring_interval: "month" }] });
  const foreignSub = await subscribe(foreign.liveKey, { billing_account_id: foreignAccount.id, items: [{ price_id: foreignProduct.prices[0]!.id }] });

  const actor = (role: PortalRole = "owner", accountId: string = c.account.id, locale: "en" | "pt-BR" = "en"): PortalActor => ({
    tenant: { id: c.t.live.id, mode: "live" },
    user: { id: randomUUID(), billingAccountId: accountId, role },
    locale,
  });
  return { ...c, other, mine, theirs, foreign, foreignAccount, foreignSub, actor };
}

export type PortalWorld = Awaited<ReturnType<typeof portalWorld>>;
