"use client";

import { useActionState, useState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { IDLE_PREVIEW, type PreviewState } from "@/lib/portal/form-state";
import type { PlanOption } from "@/lib/portal/subscriptions";
import { fieldClass, labelClass, secondaryButton } from "../manage/buttons";
import { ChangePreview, type ConfirmAction } from "../manage/change-preview";
import { FormStatus } from "../manage/form-status";

export type EditableItem = { priceId: string; name: string; quantity: number };
type PreviewAction = (previous: PreviewState, form: FormData) => Promise<PreviewState>;

const cycleKey = (c: { interval: string; interval_count: number }) => `${c.interval}:${c.interval_count}`;

/** Plan, cycle and quantities; "Preview" shows what the change costs, "Confirm" applies exactly that. */
export function ChangeForm({
  locale,
  plans,
  currentPlanId,
  currentCycle,
  items,
  previewAction,
  applyAction,
}: {
  locale: Locale;
  plans: PlanOption[];
  currentPlanId: string | null;
  currentCycle: { interval: "month" | "year"; interval_count: number };
  items: EditableItem[];
  previewAction: PreviewAction;
  applyAction: ConfirmAction;
}) {
  const t = pick(portalManageMessages, locale);
  // Controlled fields: a form action resets uncontrolled ones, and the form must keep showing
  // what the preview below it answers.
  const [planId, setPlanId] = useState(currentPlanId ?? "");
  const [cycle, setCycle] = useState(cycleKey(currentCycle));
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [state, submit, pending] = useActionState(previewAction, IDLE_PREVIEW);
  const plan = plans.find((p) => p.id === planId);
  const cycles = plan ? plan.cycles : [currentCycle];
  const planChanged = planId !== (currentPlanId ?? "");
  return (
    <div>
      <form action={submit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="change-plan" className={labelClass}>{t.subscriptions.change.plan}</label>
            <select
              id="change-plan"
              name="plan_id"
              className={fieldClass}
              value={planId}
              onChange={(e) => {
                const next = plans.find((p) => p.id === e.target.value);
                setPlanId(e.target.value);
                if (next && !next.cycles.some((c) => cycleKey(c) === cycle)) setCycle(next.cycles[0] ? cycleKey(next.cycles[0]) : cycle);
              }}
            >
              {currentPlanId === null ? <option value="">{t.subscriptions.custom}</option> : null}
              {plans.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="change-cycle" className={labelClass}>{t.subscriptions.change.cycle}</label>
            <select id="change-cycle" name="cycle" className={fieldClass} value={cycle} onChange={(e) => setCycle(e.target.value)}>
              {cycles.map((c) => (
                <option key={cycleKey(c)} value={cycleKey(c)}>{t.common.cycleAdjective(c.interval, c.interval_count)}</option>
              ))}
            </select>
          </div>
        </div>
        {items.length > 0 && !planChanged ? (
          <fieldset>
            <legend className={labelClass}>{t.subscriptions.change.quantities}</legend>
            <div className="mt-1 grid gap-3 sm:grid-cols-2">
              {items.map((item) => (
                <div key={item.priceId}>
                  <label htmlFor={`q-${item.priceId}`} className="block text-sm text-zinc-700">{t.subscriptions.change.quantityOf(item.name)}</label>
                  <input id={`q-${item.priceId}`} name={`quantity.${item.priceId}`} type="number" min={0} max={1000000} step={1} inputMode="numeric" value={quantities[item.priceId] ?? String(item.quantity)} onChange={(e) => setQuantities((q) => ({ ...q, [item.priceId]: e.target.value }))} className={fieldClass} />
                </div>
              ))}
            </div>
          </fieldset>
        ) : null}
        <p className="text-sm text-zinc-600">{t.subscriptions.change.hint}</p>
        <button type="submit" className={secondaryButton} disabled={pending}>{t.subscriptions.change.preview}</button>
        <FormStatus state={state.status === "error" ? { status: "error", message: state.message } : { status: "idle", message: null }} pending={pending} pendingText={t.common.pending} />
      </form>
      {state.status === "preview" ? <ChangePreview key={state.key} locale={locale} summary={state.summary} request={state.request} action={applyAction} /> : null}
    </div>
  );
}
