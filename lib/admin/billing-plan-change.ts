import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { plans, type BillingCycle } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { ChangePreview } from "@/lib/billing/plan-change";
import type { StaffContext } from "@/lib/staff/access";
import { applySubscriptionChange, computeChange } from "@/lib/subscriptions/change";
import { applySubscriptionChangeInput } from "@/lib/subscriptions/change-input";
import { actionRefused } from "./billing-errors";
import { echoValues, errorState, idOf, integer, INVALID_MESSAGE, issuesToFields, successState, type AdminFormState, type OrgScope } from "./form-state";

// A subscription's plan change in the admin, as the API does it (POST /subscriptions/:id/change/preview,
// then /change): pick one of the active plans on one of its billing cycles, see the preview the
// subscription service computes (prorations, credit, what is due now and at renewal, immediate or
// at the end of the cycle per the plan change rules), then apply exactly that preview: the amount
// due now travels with the form as expected_amount_due_now_cents, so a change whose figures moved
// in between is refused rather than charged differently.

/** A target as it travels in the URL: `<plan id>:<interval>:<interval count>`. */
export type PlanTarget = { plan_id: string; billing_cycle: BillingCycle };

export const targetKey = (t: PlanTarget) => `${t.plan_id}:${t.billing_cycle.interval}:${t.billing_cycle.interval_count}`;

export function parseTargetKey(key: string | undefined): PlanTarget | null {
  const m = /^([0-9a-f-]{36}):(month|year):(\d{1,2})$/i.exec(key ?? "");
  return m ? { plan_id: m[1]!.toLowerCase(), billing_cycle: { interval: m[2] as BillingCycle["interval"], interval_count: Number(m[3]) } } : null;
}

const cycleLabel = (c: BillingCycle) => (c.interval_count === 1 ? (c.interval === "month" ? "monthly" : "yearly") : `every ${c.interval_count} ${c.interval}s`);

/** Every active plan on each of its cycles, but the subscription's current plan and cycle. */
export async function planTargets(db: DbOrTx, organizationId: string, current: { planId: string | null; cycle: BillingCycle }) {
  const rows = await db
    .select({ id: plans.id, name: plans.name, cycles: plans.billingCycles })
    .from(plans)
    .where(and(eq(plans.organizationId, organizationId), eq(plans.status, "active")))
    .orderBy(asc(plans.name));
  return rows.flatMap((p) =>
    p.cycles
      .filter((c) => !(p.id === current.planId && c.interval === current.cycle.interval && c.interval_count === current.cycle.interval_count))
      .map((c) => ({ key: targetKey({ plan_id: p.id, billing_cycle: c }), label: `${p.name} (${cycleLabel(c)})` })),
  );
}

export type PlanChangePreview = { ok: true; preview: ChangePreview } | { ok: false; message: string };

/** The preview of moving the subscription to `target` (only reads), or why the service refuses it. */
export async function previewPlanChange(db: DbOrTx, scope: { organizationId: string; id: string }, target: PlanTarget): Promise<PlanChangePreview> {
  try {
    return { ok: true, preview: (await computeChange(db, scope, target)).preview };
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) return { ok: false, message: error.message };
    throw error;
  }
}

/** Applies the previewed change (the form carries the target and the amount due now it showed). */
export async function changePlanForm(db: DbOrTx, org: OrgScope, form: FormData, prev: AdminFormState, staff: StaffContext): Promise<AdminFormState> {
  const values = echoValues(form);
  const target = parseTargetKey(String(form.get("target") ?? ""));
  if (!target) return errorState(prev, INVALID_MESSAGE, { target: "choose a plan and billing cycle" }, values);
  const parsed = applySubscriptionChangeInput.safeParse({ ...target, expected_amount_due_now_cents: integer(form, "expected_amount_due_now_cents") });
  if (!parsed.success) return errorState(prev, INVALID_MESSAGE, issuesToFields(parsed.error.issues), values);
  try {
    const { preview } = await applySubscriptionChange(db, { ...org, actor: `staff:${staff.userId}`, id: idOf(form) }, parsed.data);
    return successState(
      prev,
      preview.timing === "end_of_cycle" ? `Change scheduled: it takes effect on ${preview.effective_at.toISOString().slice(0, 10)} (UTC), at the end of the current cycle.` : "Plan changed: the new items apply from now.",
      { changed: preview.timing === "end_of_cycle" ? "scheduled" : "now" },
    );
  } catch (error) {
    if (error instanceof ApiError && error.param === "expected_amount_due_now_cents") return errorState(prev, "The amounts changed since this preview: nothing was changed. Preview the change again.");
    return actionRefused(prev, error, "subscription", ["target"], values);
  }
}
