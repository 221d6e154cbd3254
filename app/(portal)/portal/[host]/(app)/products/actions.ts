"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { intField, stateOf, textField, type ActionState, type PreviewState } from "@/lib/portal/form-state";
import { applyAddOn, previewAddOn, type AddOnRequest } from "@/lib/portal/products";
import { requireSectionActor } from "../section";

// The Products section's two steps after picking an add-on: review (the change preview) and
// confirm (apply, with the reviewed amount). lib/portal/products checks that the price is in the
// subscription's self-service catalog, the role, and that the subscription is the account's.
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "products");
  return { viewer, t: pick(portalManageMessages, viewer.locale) };
}

const addOnRequest = z.strictObject({ price_id: z.uuid(), quantity: z.number().int().min(0).max(1_000_000) });

function toRequest(subscriptionId: unknown, value: unknown): AddOnRequest | null {
  const parsed = addOnRequest.safeParse(value);
  if (!parsed.success || typeof subscriptionId !== "string") return null;
  return { subscriptionId, priceId: parsed.data.price_id, quantity: parsed.data.quantity };
}

export async function previewAddOnAction(host: unknown, subscriptionId: unknown, _previous: PreviewState, form: FormData): Promise<PreviewState> {
  const { viewer, t } = await viewerFor(host);
  const request = toRequest(subscriptionId, { price_id: textField(form, "price_id", 100), quantity: intField(form, "quantity") });
  if (!request) return { status: "error", message: t.common.errors.invalid };
  const result = await previewAddOn(getDb(), viewer, request);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  return { status: "preview", message: null, summary: result.value, request: JSON.stringify({ price_id: request.priceId, quantity: request.quantity }), key: Date.now() };
}

export async function applyAddOnAction(host: unknown, subscriptionId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const expected = intField(form, "expected_amount_due_now_cents");
  let request: AddOnRequest | null = null;
  try {
    request = toRequest(subscriptionId, JSON.parse(textField(form, "request", 1000)));
  } catch {
    request = null;
  }
  if (!request || expected === null) return { status: "error", message: t.common.errors.invalid };
  const result = await applyAddOn(getDb(), viewer, request, expected);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, (v) =>
    v.timing === "end_of_cycle" ? t.products.scheduled(v.productName) : v.quantity === 0 ? t.products.removedDone(v.productName) : v.previousQuantity === 0 ? t.products.bought(v.productName) : t.products.updated(v.productName),
  );
}
