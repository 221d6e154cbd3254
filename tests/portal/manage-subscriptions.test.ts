import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetClock } from "@/lib/clock";
import {
  applyPortalChange,
  cancelPortalSubscription,
  pausePortalSubscription,
  previewPortalChange,
  reactivatePortalSubscription,
  resumePortalSubscription,
} from "@/lib/portal/subscription-actions";
import { getPortalSubscription, listPortalSubscriptions, planOptions } from "@/lib/portal/subscriptions";
import { api } from "../helpers/api";
import { at, portalWorld, product, type PortalWorld } from "./manage-fixtures";

let w: PortalWorld;
beforeAll(async () => {
  w = await portalWorld();
});
afterEach(() => resetClock());

const db = () => getDb();
const sub = async (id: string) => (await api.get(`/api/v1/subscriptions/${id}`, { key: w.key })).body;

describe("portal subscriptions: reads are scoped to the viewer's billing account", () => {
  it("lists only the account's subscriptions, with plan, items and recurring amount", async () => {
    const list = await listPortalSubscriptions(db(), w.actor());
    expect(list.map((s) => s.id)).toEqual([w.mine.id]);
    expect(list[0]).toMatchObject({ planName: "Pro", status: "active", currency: "BRL", recurringCents: 7990, cycle: { interval: "month", interval_count: 1 } });
    expect(list[0]!.items.map((i) => [i.price.productName, i.quantity])).toEqual([["Pro", 1]]);
  });

  it("another account's or another tenant's subscription is not found", async () => {
    expect(await getPortalSubscription(db(), w.actor(), w.theirs.id)).toBeNull();
    expect(await getPortalSubscription(db(), w.actor(), w.foreignSub.id)).toBeNull();
    expect(await getPortalSubscription(db(), w.actor(), "not-a-uuid")).toBeNull();
    expect((await getPortalSubscription(db(), w.actor("viewer", w.other.id), w.theirs.id))?.id).toBe(w.theirs.id);
  });

  it("offers the current plan among the plans to move to", async () => {
    const mine = (await getPortalSubscription(db(), w.actor(), w.mine.id))!;
    expect((await planOptions(db(), w.actor(), mine)).map((p) => p.name)).toContain("Pro");
  });
});

describe("portal subscriptions: changes go through computeChange / applySubscriptionChange", () => {
  it("previews a quantity change with the same numbers as the API preview, then applies it with the previewed amount", async () => {
    at("2026-11-10T00:00:00Z");
    const proPrice = w.pro.prices[0].id as string;
    const request = { quantities: { [proPrice]: 2 } };
    const preview = await previewPortalChange(db(), w.actor(), w.mine.id, request);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const api_ = (await api.post(`/api/v1/subscriptions/${w.mine.id}/change/preview`, { quantities: { [proPrice]: 2 } }, { key: w.key })).body;
    expect(preview.value.amountDueNowCents).toBe(api_.amount_due_now_cents);
    expect(preview.value.amountDueNow).toMatch(/^R\$/);
    expect(preview.value.lines.map((l) => l.kind)).toEqual(api_.lines.map((l: { kind: string }) => l.kind));

    const stale = await applyPortalChange(db(), w.actor(), w.mine.id, request, preview.value.amountDueNowCents + 1);
    expect(stale).toMatchObject({ ok: false, error: "amount_changed" });
    expect((await sub(w.mine.id)).items[0].quantity).toBe(1);

    const applied = await applyPortalChange(db(), w.actor(), w.mine.id, request, preview.value.amountDueNowCents);
    expect(applied).toMatchObject({ ok: true, value: { timing: "immediate" } });
    expect((await sub(w.mine.id)).items[0].quantity).toBe(2);
    const versions = (await api.get(`/api/v1/subscriptions/${w.mine.id}/versions`, { key: w.key })).body.data;
    expect(versions[0].actor).toMatch(/^portal_user:/);
  });

  it("says when nothing changes", async () => {
    at("2026-11-11T00:00:00Z");
    const current = (await sub(w.mine.id)).items[0];
    expect(await previewPortalChange(db(), w.actor(), w.mine.id, { quantities: { [current.price_id]: current.quantity } })).toMatchObject({ ok: false, error: "no_change" });
  });

  it("refuses viewer and finance roles, and another account's subscription", async () => {
    at("2026-11-11T00:00:00Z");
    const request = { quantities: { [w.pro.prices[0].id as string]: 3 } };
    for (const role of ["viewer", "finance"] as const) {
      expect(await previewPortalChange(db(), w.actor(role), w.mine.id, request)).toMatchObject({ ok: false, error: "forbidden" });
      expect(await applyPortalChange(db(), w.actor(role), w.mine.id, request, 0)).toMatchObject({ ok: false, error: "forbidden" });
      expect(await pausePortalSubscription(db(), w.actor(role), w.mine.id, { resumeAt: null })).toMatchObject({ ok: false, error: "forbidden" });
      expect(await cancelPortalSubscription(db(), w.actor(role), w.mine.id, { atPeriodEnd: true, reason: "other", details: "" })).toMatchObject({ ok: false, error: "forbidden" });
    }
    expect(await previewPortalChange(db(), w.actor("admin"), w.theirs.id, request)).toMatchObject({ ok: false, error: "not_found" });
    expect(await pausePortalSubscription(db(), w.actor(), w.theirs.id, { resumeAt: null })).toMatchObject({ ok: false, error: "not_found" });
    expect(await cancelPortalSubscription(db(), w.actor(), w.foreignSub.id, { atPeriodEnd: false, reason: "other", details: "" })).toMatchObject({ ok: false, error: "not_found" });
    expect((await sub(w.theirs.id)).status).toBe("active");
  });

  it("refuses a plan the portal does not offer (a private plan), whatever id the form sends", async () => {
    at("2026-11-11T00:00:00Z");
    const vip = await product(w.key, { name: "VIP", slug: "vip", product_type: "base", prices: [{ name: "VIP mensal", unit_amount_subcents: 100_000, recurring_interval: "month" }] });
    const res = await api.post("/api/v1/plans", {
      name: "VIP", slug: "vip", visibility: "private", billing_cycles: [{ interval: "month", interval_count: 1 }], items: [{ price_id: vip.prices[0]!.id }],
    }, { key: w.key });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const mine = (await getPortalSubscription(db(), w.actor(), w.mine.id))!;
    expect((await planOptions(db(), w.actor(), mine)).map((p) => p.id)).not.toContain(res.body.id);
    expect(await previewPortalChange(db(), w.actor(), w.mine.id, { plan_id: res.body.id })).toMatchObject({ ok: false, error: "invalid", param: "plan_id" });
    expect(await applyPortalChange(db(), w.actor(), w.mine.id, { plan_id: res.body.id }, 0)).toMatchObject({ ok: false, error: "invalid", param: "plan_id" });
    expect((await sub(w.mine.id)).plan_id).toBe(w.plan.id);
  });
});

describe("portal subscriptions: pause, resume, cancel, reactivate", () => {
  it("pauses with a resume date in the future only, then resumes", async () => {
    at("2026-11-12T00:00:00Z");
    expect(await pausePortalSubscription(db(), w.actor(), w.mine.id, { resumeAt: new Date("2026-11-01T00:00:00Z") })).toMatchObject({ ok: false, error: "invalid", param: "resume_at" });
    expect(await pausePortalSubscription(db(), w.actor(), w.mine.id, { resumeAt: new Date("2026-12-20T00:00:00Z") })).toMatchObject({ ok: true, value: { status: "paused" } });
    expect((await sub(w.mine.id)).resume_at).toBe("2026-12-20T00:00:00.000Z");
    expect(await pausePortalSubscription(db(), w.actor(), w.mine.id, { resumeAt: null })).toMatchObject({ ok: false, error: "state_conflict" });
    expect(await resumePortalSubscription(db(), w.actor(), w.mine.id)).toMatchObject({ ok: true, value: { status: "active" } });
  });

  it("cancels at period end with the reason and the customer's words, reactivates, and cancels now", async () => {
    at("2026-11-13T00:00:00Z");
    const scheduled = await cancelPortalSubscription(db(), w.actor("admin"), w.mine.id, { atPeriodEnd: true, reason: "too_expensive", details: "  Budget cut  " });
    expect(scheduled).toMatchObject({ ok: true, value: { status: "active" } });
    const s = await sub(w.mine.id);
    expect(s).toMatchObject({ cancel_at_period_end: true, cancellation_reason: "too_expensive: Budget cut" });
    expect(await reactivatePortalSubscription(db(), w.actor(), w.mine.id)).toMatchObject({ ok: true });
    expect((await sub(w.mine.id)).cancel_at_period_end).toBe(false);
    expect(await reactivatePortalSubscription(db(), w.actor(), w.mine.id)).toMatchObject({ ok: false, error: "state_conflict" });
    expect(await cancelPortalSubscription(db(), w.actor(), w.mine.id, { atPeriodEnd: false, reason: "other", details: "" })).toMatchObject({ ok: true, value: { status: "canceled" } });
    expect((await sub(w.mine.id)).cancellation_reason).toBe("other");
  });
});
