import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { attachPortalPaymentMethod, listPortalPaymentMethods, removePortalPaymentMethod, setPortalPaymentMethodRole } from "@/lib/portal/payment-methods";
import { api } from "../helpers/api";
import { portalWorld, type PortalWorld } from "./manage-fixtures";

let w: PortalWorld;
beforeAll(async () => {
  w = await portalWorld();
});

const db = () => getDb();
const token = async (number = "4242 4242 4242 4242") => {
  const res = await api.post("/api/v1/gateway/sandbox/tokens", { number, exp_month: 12, exp_year: 2031, cvc: "123" });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

describe("portal payment methods", () => {
  it("attaches PIX (the first method becomes the default) and a tokenized card; lists only the account's methods", async () => {
    // Another account's method must never show up.
    await api.post(`/api/v1/billing_accounts/${w.other.id}/payment_methods`, { type: "boleto" }, { key: w.key });
    // Two clicks at once on "Add PIX" make one PIX method (it carries no details to tell two apart).
    const [pix, again] = await Promise.all([1, 2].map(() => attachPortalPaymentMethod(db(), w.actor(), { type: "pix", makeDefault: false })));
    expect(pix).toMatchObject({ ok: true, value: { type: "pix", role: "default" } });
    expect(again).toMatchObject({ ok: true, value: { id: pix!.ok ? pix!.value.id : "", type: "pix" } });
    const card = await attachPortalPaymentMethod(db(), w.actor("finance"), { type: "card", token: await token(), makeDefault: false });
    expect(card).toMatchObject({ ok: true, value: { type: "card", role: null, last4: "4242", expMonth: 12, expYear: 2031 } });
    const list = await listPortalPaymentMethods(db(), w.actor("viewer"));
    expect(list.map((m) => [m.type, m.role])).toEqual([["pix", "default"], ["card", null]]);
    expect(await listPortalPaymentMethods(db(), w.actor("owner", w.foreignAccount.id))).toEqual([]);
  });

  it("refuses a token that is not the gateway's, and the viewer role", async () => {
    expect(await attachPortalPaymentMethod(db(), w.actor(), { type: "card", token: "tok_" + "0".repeat(40), makeDefault: true })).toMatchObject({ ok: false, error: "card_declined" });
    expect(await attachPortalPaymentMethod(db(), w.actor(), { type: "card", token: "4242424242424242", makeDefault: true })).toMatchObject({ ok: false, error: "card_declined" });
    expect(await attachPortalPaymentMethod(db(), w.actor("viewer"), { type: "pix", makeDefault: false })).toMatchObject({ ok: false, error: "forbidden" });
  });

  it("makes the card the default and the PIX the backup; another account's method is not found", async () => {
    const [pix, card] = await listPortalPaymentMethods(db(), w.actor());
    expect(await setPortalPaymentMethodRole(db(), w.actor("viewer"), card!.id, "default")).toMatchObject({ ok: false, error: "forbidden" });
    expect(await setPortalPaymentMethodRole(db(), w.actor("admin"), card!.id, "default")).toMatchObject({ ok: true });
    expect(await setPortalPaymentMethodRole(db(), w.actor("finance"), pix!.id, "backup")).toMatchObject({ ok: true });
    const list = await listPortalPaymentMethods(db(), w.actor());
    expect(list.map((m) => [m.type, m.role])).toEqual([["card", "default"], ["pix", "backup"]]);
    const theirs = (await api.get(`/api/v1/billing_accounts/${w.other.id}/payment_methods`, { key: w.key })).body.data[0];
    expect(await setPortalPaymentMethodRole(db(), w.actor(), theirs.id, "backup")).toMatchObject({ ok: false, error: "not_found" });
    expect(await removePortalPaymentMethod(db(), w.actor(), theirs.id)).toMatchObject({ ok: false, error: "not_found" });
    expect((await api.get(`/api/v1/payment_methods/${theirs.id}`, { key: w.key })).body.status).toBe("active");
  });

  it("removes methods until the last one, which the running subscription still needs", async () => {
    const [card, pix] = await listPortalPaymentMethods(db(), w.actor());
    expect(await removePortalPaymentMethod(db(), w.actor(), card!.id)).toMatchObject({ ok: true });
    // The backup took over as the default.
    expect((await listPortalPaymentMethods(db(), w.actor())).map((m) => [m.id, m.role])).toEqual([[pix!.id, "default"]]);
    const last = await removePortalPaymentMethod(db(), w.actor(), pix!.id);
    expect(last).toMatchObject({ ok: false, error: "last_method" });
    expect(await listPortalPaymentMethods(db(), w.actor())).toHaveLength(1);
  });
});
