"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { stateOf, textField, type ActionState } from "@/lib/portal/form-state";
import { attachPortalPaymentMethod, removePortalPaymentMethod, setPortalPaymentMethodRole } from "@/lib/portal/payment-methods";
import { requireSectionActor } from "../section";

// The Payment methods section's actions. A card arrives as the gateway's token only (the card
// form tokenized it in the browser). lib/portal checks manage_billing and that a method is the
// account's; lib/payment-methods/service applies the role and last-method rules.
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "payment_methods");
  return { viewer, t: pick(portalManageMessages, viewer.locale) };
}

export async function attachCardAction(host: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const token = textField(form, "token", 120);
  const result = await attachPortalPaymentMethod(getDb(), viewer, { type: "card", token, makeDefault: form.get("make_default") === "on" });
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.paymentMethods.cardAdded);
}

export async function attachOtherAction(host: unknown, type: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (type !== "boleto" && type !== "pix") return { status: "error", message: t.common.errors.invalid };
  const result = await attachPortalPaymentMethod(getDb(), viewer, { type, makeDefault: false });
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.paymentMethods.added);
}

export async function setRoleAction(host: unknown, methodId: unknown, role: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof methodId !== "string" || (role !== "default" && role !== "backup")) return { status: "error", message: t.common.errors.invalid };
  const result = await setPortalPaymentMethodRole(getDb(), viewer, methodId, role);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.paymentMethods.roleSaved);
}

export async function removeMethodAction(host: unknown, methodId: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof methodId !== "string") return { status: "error", message: t.common.errors.not_found };
  const result = await removePortalPaymentMethod(getDb(), viewer, methodId);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.paymentMethods.removed);
}
