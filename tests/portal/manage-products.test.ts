import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock } from "@/lib/clock";
import { applyAddOn, loadAddOnCatalog, previewAddOn } from "@/lib/portal/products";
import { api } from "../helpers/api";
import { at, portalWorld, product, type PortalWorld } from "./manage-fixtures";

let w: PortalWorld;
const ids: Record<string, string> = {};
beforeAll(async () => {
  w = await portalWorld();
  const key = w.key;
  const monthly = (name: string, extra: Record<string, unknown> = {}) => ({ name, unit_amount_subcents: 100_000, recurring_interval: "month", ...extra });
  ids.backup = (await product(key, { name: "Backup diário", slug: "backup", product_type: "addon_fixed", self_service_editable: true, prices: [monthly("Backup")] })).prices[0]!.id;
  ids.hidden = (await product(key, { name: "Consultoria", slug: "consultoria", product_type: "addon_fixed", prices: [monthly("Consultoria")] })).prices[0]!.id;
  ids.usd = (await product(key, { name: "Export", slug: "export", product_type: "addon_fixed", self_service_editable: true, prices: [monthly("Export USD", { currency: "USD" })] })).prices[0]!.id;
  ids.yearly = (await product(key, { name: "Relatório anual", slug: "relatorio", product_type: "addon_fixed", self_service_editable: true, prices: [{ name: "Anual", unit_amount_subcents: 500_000, recurring_interval: "year" }] })).prices[0]!.id;
  ids.base = (await product(key, { name: "Enterprise", slug: "enterprise", product_type: "base", self_service_editable: true, prices: [monthly("Enterprise")] })).prices[0]!.id;
  const starter = await product(key, { name: "Starter", slug: "starter", product_type: "base", prices: [monthly("Starter")] });
  ids.otherParent = (await product(key, { name: "Starter extra", slug: "starter-extra", product_type: "addon_fixed", parent_product_id: starter.id, self_service_editable: true, prices: [monthly("Starter extra")] })).prices[0]!.id;
  const archived = await product(key, { name: "Antigo", slug: "antigo", product_type: "addon_fixed", self_service_editable: true, prices: [monthly("Antigo")] });
  ids.archived = archived.prices[0]!.id;
  await api.delete(`/api/v1/products/${archived.id}`, { key }); // never used: deleted or archived, either way gone from the catalog
});
afterEach(() => resetClock());

const db = () => getDb();
const sub = async (id: string) => (await api.get(`/api/v1/subscriptions/${id}`, { key: w.key })).body;

describe("the self-service add-on catalog", () => {
  it("offers flagged add-ons priced on the subscription's cycle and currency, of products it has", async () => {
    const catalog = (await loadAddOnCatalog(db(), w.actor("viewer"), w.mine.id))!;
    expect(catalog.offers.map((o) => o.productName).sort()).toEqual(["Backup diário", "Usuário extra"]);
    const seats = catalog.offers.find((o) => o.productName === "Usuário extra")!;
    expect(seats).toMatchObject({ priceId: w.seats.prices[0].id, unitPeriodCents: 1990, currentQuantity: 0, quantityEditable: true });
    expect(catalog.offers.find((o) => o.productName === "Backup diário")).toMatchObject({ quantityEditable: false, unitPeriodCents: 1000 });
  });

  it("is null for another account's or tenant's subscription", async () => {
    expect(await loadAddOnCatalog(db(), w.actor(), w.theirs.id)).toBeNull();
    expect(await loadAddOnCatalog(db(), w.actor(), w.foreignSub.id)).toBeNull();
  });

  it("refuses prices outside the catalog, even by id", async () => {
    at("2026-11-10T00:00:00Z");
    for (const priceId of [ids.hidden, ids.usd, ids.yearly, ids.base, ids.otherParent, ids.archived]) {
      expect(await previewAddOn(db(), w.actor(), { subscriptionId: w.mine.id, priceId: priceId!, quantity: 1 })).toMatchObject({ ok: false, error: "not_found" });
    }
  });

  it("refuses viewer and finance roles", async () => {
    at("2026-11-10T00:00:00Z");
    for (const role of ["viewer", "finance"] as const) {
      expect(await previewAddOn(db(), w.actor(role), { subscriptionId: w.mine.id, priceId: w.seats.prices[0].id, quantity: 2 })).toMatchObject({ ok: false, error: "forbidden" });
      expect(await applyAddOn(db(), w.actor(role), { subscriptionId: w.mine.id, priceId: w.seats.prices[0].id, quantity: 2 }, 0)).toMatchObject({ ok: false, error: "forbidden" });
    }
  });
});

describe("buying and removing an add-on", () => {
  it("buys 2 seats (a plan's optional item: the plan stays), with the preview's amount", async () => {
    at("2026-11-10T00:00:00Z");
    const request = { subscriptionId: w.mine.id, priceId: w.seats.prices[0].id as string, quantity: 2 };
    const preview = await previewAddOn(db(), w.actor(), request);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value.amountDueNowCents).toBeGreaterThan(0);
    expect(await applyAddOn(db(), w.actor(), request, preview.value.amountDueNowCents - 1)).toMatchObject({ ok: false, error: "amount_changed" });
    expect(await applyAddOn(db(), w.actor("admin"), request, preview.value.amountDueNowCents)).toMatchObject({ ok: true, value: { productName: "Usuário extra", previousQuantity: 0, quantity: 2 } });
    const s = await sub(w.mine.id);
    expect(s.plan_id).toBe(w.plan.id);
    expect(s.items.map((i: { price_id: string; quantity: number }) => [i.price_id, i.quantity])).toEqual([[w.pro.prices[0].id, 1], [w.seats.prices[0].id, 2]]);
    expect(await previewAddOn(db(), w.actor(), request)).toMatchObject({ ok: false, error: "no_change" });
  });

  it("buys an add-on outside the plan as one unit, keeping the other items' quantities", async () => {
    at("2026-11-11T00:00:00Z");
    const request = { subscriptionId: w.mine.id, priceId: ids.backup!, quantity: 5 };
    const preview = await previewAddOn(db(), w.actor(), request);
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(await applyAddOn(db(), w.actor(), request, preview.value.amountDueNowCents)).toMatchObject({ ok: true, value: { quantity: 1 } });
    const s = await sub(w.mine.id);
    expect(s.items.map((i: { price_id: string; quantity: number }) => [i.price_id, i.quantity])).toEqual([[w.pro.prices[0].id, 1], [w.seats.prices[0].id, 2], [ids.backup, 1]]);
  });

  it("removes an add-on the same way (a downgrade by default: at the next renewal)", async () => {
    at("2026-11-12T00:00:00Z");
    const request = { subscriptionId: w.mine.id, priceId: ids.backup!, quantity: 0 };
    const preview = await previewAddOn(db(), w.actor(), request);
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.value).toMatchObject({ timing: "end_of_cycle", amountDueNowCents: 0 });
    expect(await applyAddOn(db(), w.actor(), request, preview.value.amountDueNowCents)).toMatchObject({ ok: true, value: { quantity: 0, timing: "end_of_cycle" } });
    const s = await sub(w.mine.id);
    expect(s.pending_change.items.map((i: { price_id: string }) => i.price_id)).not.toContain(ids.backup);
    const catalog = (await loadAddOnCatalog(db(), w.actor(), w.mine.id))!;
    expect(catalog.subscription.pendingChange).not.toBeNull();
    expect(catalog.offers.find((o) => o.priceId === w.seats.prices[0].id)?.currentQuantity).toBe(2);
  });
});
