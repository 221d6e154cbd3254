"use server";

import { refresh } from "next/cache";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { isCancelReason } from "@/lib/portal/cancel-reasons";
import { intField, stateOf, textField, type ActionState, type PreviewState } from "@/lib/portal/form-state";
import {
  applyPortalChange,
  cancelPortalSubscription,
  pausePortalSubscription,
  portalChangeRequest,
  previewPortalChange,
  reactivatePortalSubscription,
  resumePortalSubscription,
  type PortalChangeRequest,
} from "@/lib/portal/subscription-actions";
import { requireSectionActor } from "../section";

// The Subscriptions section's actions. Host and subscription id are bound by the page and
// checked again like any input: the viewer comes from the request's session, the section must
// be on, and lib/portal checks manage_subscriptions and that the subscription is the account's.
async function viewerFor(host: unknown) {
  const viewer = await requireSectionActor(host, "subscriptions");
  return { viewer, t: pick(portalManageMessages, viewer.locale) };
}

/** The change form's fields as a request: plan, cycle and `quantity.<price id>` inputs. */
function changeRequest(form: FormData): PortalChangeRequest | null {
  const quantities: Record<string, number> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith("quantity.") || typeof value !== "string") continue;
    if (!/^\d{1,7}$/.test(value.trim())) return null;
    quantities[name.slice("quantity.".length)] = Number(value.trim());
  }
  const plan = textField(form, "plan_id", 100);
  const cycle = textField(form, "cycle", 20);
  const parsed = portalChangeRequest.safeParse({ plan_id: plan || undefined, cycle: cycle || undefined, quantities });
  return parsed.success ? parsed.data : null;
}

export async function previewChangeAction(host: unknown, subscriptionId: unknown, _previous: PreviewState, form: FormData): Promise<PreviewState> {
  const { viewer, t } = await viewerFor(host);
  const request = changeRequest(form);
  if (!request || typeof subscriptionId !== "string") return { status: "error", message: t.common.errors.invalid };
  const result = await previewPortalChange(getDb(), viewer, subscriptionId, request);
  if (!result.ok) return { status: "error", message: t.common.errors[result.error] };
  return { status: "preview", message: null, summary: result.value, request: JSON.stringify(request), key: Date.now() };
}

export async function applyChangeAction(host: unknown, subscriptionId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const expected = intField(form, "expected_amount_due_now_cents");
  let request: PortalChangeRequest | null = null;
  try {
    const parsed = portalChangeRequest.safeParse(JSON.parse(textField(form, "request", 20_000)));
    request = parsed.success ? parsed.data : null;
  } catch {
    request = null;
  }
  if (!request || expected === null || typeof subscriptionId !== "string") return { status: "error", message: t.common.errors.invalid };
  const result = await applyPortalChange(getDb(), viewer, subscriptionId, request, expected);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, (v) => (v.timing === "end_of_cycle" ? t.subscriptions.change.scheduled : t.subscriptions.change.applied));
}

export async function pauseAction(host: unknown, subscriptionId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const raw = textField(form, "resume_at", 20).trim();
  const resumeAt = raw ? new Date(`${raw}T00:00:00Z`) : null;
  if (typeof subscriptionId !== "string" || (raw && (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(resumeAt!.getTime())))) {
    return { status: "error", message: t.subscriptions.pause.badDate, param: "resume_at" };
  }
  const result = await pausePortalSubscription(getDb(), viewer, subscriptionId, { resumeAt });
  if (result.ok) refresh();
  if (!result.ok && result.param === "resume_at") return { status: "error", message: t.subscriptions.pause.badDate, param: "resume_at" };
  return stateOf(result, t.common.errors, () => t.subscriptions.pause.done);
}

export async function resumeAction(host: unknown, subscriptionId: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof subscriptionId !== "string") return { status: "error", message: t.common.errors.not_found };
  const result = await resumePortalSubscription(getDb(), viewer, subscriptionId);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.subscriptions.resume.done);
}

export async function cancelAction(host: unknown, subscriptionId: unknown, _previous: ActionState, form: FormData): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  const reason = form.get("reason");
  const when = form.get("when");
  if (!isCancelReason(reason)) return { status: "error", message: t.subscriptions.cancel.reasonRequired, param: "reason" };
  if ((when !== "now" && when !== "period_end") || typeof subscriptionId !== "string") return { status: "error", message: t.common.errors.invalid };
  const atPeriodEnd = when === "period_end";
  const result = await cancelPortalSubscription(getDb(), viewer, subscriptionId, { atPeriodEnd, reason, details: textField(form, "details", 480) });
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => (atPeriodEnd ? t.subscriptions.cancel.scheduled : t.subscriptions.cancel.done));
}

export async function reactivateAction(host: unknown, subscriptionId: unknown): Promise<ActionState> {
  const { viewer, t } = await viewerFor(host);
  if (typeof subscriptionId !== "string") return { status: "error", message: t.common.errors.not_found };
  const result = await reactivatePortalSubscription(getDb(), viewer, subscriptionId);
  if (result.ok) refresh();
  return stateOf(result, t.common.errors, () => t.subscriptions.reactivate.done);
}
