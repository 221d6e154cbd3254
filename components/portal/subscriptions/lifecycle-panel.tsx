"use client";

import { useState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { CANCEL_REASONS } from "@/lib/portal/cancel-reasons";
import type { ActionState } from "@/lib/portal/form-state";
import { ActionForm, type FormAction } from "../manage/action-form";
import { fieldClass, labelClass } from "../manage/buttons";

type Actions = { pause: FormAction; resume: FormAction; cancel: FormAction; reactivate: FormAction };

/**
 * Pause (with an optional resume date), resume, cancel (now or at the period's end, with a
 * reason) and reactivate, offered by the subscription's state. The last success stays on screen
 * after the page refreshes, although the form that made it may be gone (a paused subscription
 * offers Resume instead of Pause).
 */
export function LifecyclePanel({
  locale,
  offers,
  periodEnd,
  minResumeDate,
  openCancel,
  actions,
}: {
  locale: Locale;
  offers: { pause: boolean; resume: boolean; cancelAtPeriodEnd: boolean; cancelNow: boolean; reactivate: boolean };
  periodEnd: string;
  minResumeDate: string;
  openCancel: boolean;
  actions: Actions;
}) {
  const t = pick(portalManageMessages, locale);
  const s = t.subscriptions;
  const [flash, setFlash] = useState<string | null>(null);
  const remember = (action: FormAction): FormAction => async (previous: ActionState, form: FormData) => {
    const next = await action(previous, form);
    setFlash(next.status === "success" ? next.message : null);
    return next;
  };
  const canCancel = offers.cancelAtPeriodEnd || offers.cancelNow;
  return (
    <div className="space-y-6">
      {flash ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" role="status" aria-live="polite" data-testid="lifecycle-flash">
          {flash}
        </p>
      ) : null}
      {offers.reactivate ? (
        <section aria-labelledby="reactivate-title">
          <h3 id="reactivate-title" className="text-base font-semibold text-zinc-900">{s.reactivate.title}</h3>
          <p className="mb-2 text-sm text-zinc-600">{s.reactivate.intro}</p>
          <ActionForm action={remember(actions.reactivate)} submitLabel={s.reactivate.submit} pendingText={t.common.pending} />
        </section>
      ) : null}
      {offers.resume ? (
        <section aria-labelledby="resume-title">
          <h3 id="resume-title" className="text-base font-semibold text-zinc-900">{s.resume.title}</h3>
          <p className="mb-2 text-sm text-zinc-600">{s.resume.intro}</p>
          <ActionForm action={remember(actions.resume)} submitLabel={s.resume.submit} pendingText={t.common.pending} />
        </section>
      ) : null}
      {offers.pause ? (
        <section aria-labelledby="pause-title">
          <h3 id="pause-title" className="text-base font-semibold text-zinc-900">{s.pause.title}</h3>
          <p className="mb-2 text-sm text-zinc-600">{s.pause.intro}</p>
          <ActionForm action={remember(actions.pause)} submitLabel={s.pause.submit} pendingText={t.common.pending} tone="secondary">
            <div className="max-w-xs">
              <label htmlFor="pause-resume-at" className={labelClass}>{s.pause.resumeAt}</label>
              <input id="pause-resume-at" name="resume_at" type="date" min={minResumeDate} className={fieldClass} />
            </div>
          </ActionForm>
        </section>
      ) : null}
      {canCancel ? (
        <details id="cancel" open={openCancel} className="group rounded-lg border border-zinc-200 p-4">
          <summary className="cursor-pointer text-base font-semibold text-red-800">{s.cancel.title}</summary>
          <ActionForm action={remember(actions.cancel)} submitLabel={s.cancel.submit} pendingText={t.common.pending} tone="danger" className="mt-3 space-y-4">
            <fieldset>
              <legend className={labelClass}>{s.cancel.when}</legend>
              {offers.cancelAtPeriodEnd ? (
                <label className="mt-1 flex items-center gap-2 text-sm text-zinc-800">
                  <input type="radio" name="when" value="period_end" defaultChecked /> {s.cancel.atPeriodEnd(periodEnd)}
                </label>
              ) : null}
              {offers.cancelNow ? (
                <label className="mt-1 flex items-center gap-2 text-sm text-zinc-800">
                  <input type="radio" name="when" value="now" defaultChecked={!offers.cancelAtPeriodEnd} /> {s.cancel.now}
                </label>
              ) : null}
            </fieldset>
            <div className="max-w-md">
              <label htmlFor="cancel-reason" className={labelClass}>{s.cancel.reason}</label>
              <select id="cancel-reason" name="reason" required defaultValue="" className={fieldClass}>
                <option value="" disabled>{s.cancel.reasonPlaceholder}</option>
                {CANCEL_REASONS.map((r) => (
                  <option key={r} value={r}>{s.cancel.reasons[r]}</option>
                ))}
              </select>
            </div>
            <div className="max-w-md">
              <label htmlFor="cancel-details" className={labelClass}>{s.cancel.details}</label>
              <textarea id="cancel-details" name="details" rows={3} maxLength={480} className={fieldClass} />
            </div>
          </ActionForm>
        </details>
      ) : null}
    </div>
  );
}
