import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock } from "@/lib/clock";
import { acceptPortalProposal, getPortalProposal, listPortalProposals, rejectPortalProposal } from "@/lib/portal/proposals";
import { loadPortalUsage } from "@/lib/portal/usage";
import { syncUsageSnapshots } from "@/lib/usage/snapshots";
import { createWhatsappPrice } from "../api/subscriptions-factories";
import { api } from "../helpers/api";
import { at, portalWorld, subscribe, type PortalWorld } from "./manage-fixtures";

let w: PortalWorld;
let metered: { id: string; items: Array<{ id: string; price_id: string }> };
beforeAll(async () => {
  w = await portalWorld();
  const whatsapp = await createWhatsappPrice(w.key);
  at("2026-11-01T00:00:00Z");
  metered = await subscribe(w.key, { billing_account_id: w.account.id, items: [{ price_id: w.pro.prices[0].id }, { price_id: whatsapp.id }] });
});
afterEach(() => resetClock());

const db = () => getDb();
const record = (quantity: number, timestamp: string, n: string) =>
  api.post("/api/v1/usage_records", { subscription_item_id: metered.items[1]!.id, quantity, timestamp, idempotency_key: n }, { key: w.key });

describe("portal usage", () => {
  it("shows each metered item's period total, projection and daily series from the snapshots", async () => {
    at("2026-11-03T12:00:00Z");
    expect((await record(300, "2026-11-01T10:00:00Z", "a")).status).toBe(201);
    expect((await record(500, "2026-11-03T09:00:00Z", "b")).status).toBe(201);
    await syncUsageSnapshots(db(), { at: new Date("2026-11-03T12:00:00Z") });
    at("2026-11-11T00:00:00Z");
    const usage = (await loadPortalUsage(db(), w.actor("viewer"), metered.id))!;
    expect(usage.items).toHaveLength(1);
    const [item] = usage.items;
    const summary = (await api.get(`/api/v1/subscriptions/${metered.id}/usage`, { key: w.key })).body.items[0];
    expect(item).toMatchObject({ productName: "WhatsApp", quantity: 800, includedQuantity: 1000, amountCents: summary.amount_cents, projectedQuantity: summary.projected_quantity });
    expect(item!.projectedQuantity).toBe(2400); // 800 in 10 of 30 days
    expect(item!.projectedAmountCents).toBe(summary.projected_amount_cents);
    expect(item!.days).toHaveLength(11); // Nov 1 .. Nov 11
    expect(item!.days.slice(0, 3).map((d) => [d.day.toISOString().slice(0, 10), d.quantity])).toEqual([["2026-11-01", 300], ["2026-11-02", 0], ["2026-11-03", 500]]);
  });

  it("is null for another account's or tenant's subscription", async () => {
    expect(await loadPortalUsage(db(), w.actor("owner", w.other.id), metered.id)).toBeNull();
    expect(await loadPortalUsage(db(), w.actor(), w.foreignSub.id)).toBeNull();
  });
});

describe("portal proposals", () => {
  const propose = async (body: Record<string, unknown> = {}) => {
    const res = await api.post("/api/v1/proposals", { billing_account_id: w.account.id, plan_id: w.plan.id, valid_until: "2026-12-01T00:00:00Z", ...body }, { key: w.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string };
  };

  it("lists the account's proposals only, with items, prices, trial and message", async () => {
    at("2026-11-05T00:00:00Z");
    const offer = await propose({ message: "Oferta especial", trial_days: 7, add_ons: [{ price_id: w.seats.prices[0].id, quantity: 3 }] });
    await api.post("/api/v1/proposals", { billing_account_id: w.other.id, plan_id: w.plan.id, valid_until: "2026-12-01T00:00:00Z" }, { key: w.key });
    const list = await listPortalProposals(db(), w.actor("viewer"));
    expect(list.map((p) => p.id)).toEqual([offer.id]);
    expect(list[0]).toMatchObject({ status: "open", planName: "Pro", trialDays: 7, message: "Oferta especial", currency: "BRL", recurringCents: 7990 + 3 * 1990 });
    expect(list[0]!.items.map((i) => [i.productName, i.quantity])).toEqual([["Pro", 1], ["Usuário extra", 3]]);
  });

  it("accepts (creating the subscription), refusing viewer and finance roles and other accounts", async () => {
    at("2026-11-05T00:00:00Z");
    const offer = await propose();
    expect(await acceptPortalProposal(db(), w.actor("viewer"), offer.id)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await acceptPortalProposal(db(), w.actor("finance"), offer.id)).toMatchObject({ ok: false, error: "forbidden" });
    expect(await acceptPortalProposal(db(), w.actor("owner", w.other.id), offer.id)).toMatchObject({ ok: false, error: "not_found" });
    const accepted = await acceptPortalProposal(db(), w.actor("admin"), offer.id);
    expect(accepted.ok).toBe(true);
    if (!accepted.ok) return;
    const sub = (await api.get(`/api/v1/subscriptions/${accepted.value.subscriptionId}`, { key: w.key })).body;
    expect(sub).toMatchObject({ billing_account_id: w.account.id, plan_id: w.plan.id });
    expect((await getPortalProposal(db(), w.actor(), offer.id))).toMatchObject({ status: "accepted", subscriptionId: sub.id });
    expect(await acceptPortalProposal(db(), w.actor(), offer.id)).toMatchObject({ ok: false, error: "state_conflict" });
  });

  it("rejects with a reason; an expired proposal reads as expired and can no longer be acted on", async () => {
    at("2026-11-05T00:00:00Z");
    const declined = await propose();
    expect(await rejectPortalProposal(db(), w.actor(), declined.id, "  Preço alto  ")).toMatchObject({ ok: true });
    expect(await getPortalProposal(db(), w.actor(), declined.id)).toMatchObject({ status: "rejected", rejectionReason: "Preço alto" });
    const lapsing = await propose({ valid_until: "2026-11-06T00:00:00Z" });
    at("2026-11-07T00:00:00Z");
    expect(await getPortalProposal(db(), w.actor(), lapsing.id)).toMatchObject({ status: "expired" });
    expect(await acceptPortalProposal(db(), w.actor(), lapsing.id)).toMatchObject({ ok: false, error: "expired" });
    expect(await rejectPortalProposal(db(), w.actor(), lapsing.id, "")).toMatchObject({ ok: false, error: "expired" });
  });
});
