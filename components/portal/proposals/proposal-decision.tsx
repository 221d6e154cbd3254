"use client";

import { useState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import type { ActionState } from "@/lib/portal/form-state";
import { ActionForm, type FormAction } from "../manage/action-form";
import { fieldClass, labelClass, linkClass } from "../manage/buttons";

/**
 * Accept or reject an open proposal. The outcome stays on screen after the page refreshes,
 * when the proposal is no longer open and the forms are gone.
 */
export function ProposalDecision({ locale, open, accept, reject }: { locale: Locale; open: boolean; accept: FormAction; reject: FormAction }) {
  const all = pick(portalManageMessages, locale);
  const t = all.proposals;
  const [flash, setFlash] = useState<ActionState | null>(null);
  const remember = (action: FormAction): FormAction => async (previous, form) => {
    const next = await action(previous, form);
    setFlash(next.status === "success" ? next : null);
    return next;
  };
  return (
    <div className="mt-6">
      {flash?.message ? (
        <p className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" role="status" aria-live="polite" data-testid="proposal-outcome">
          {flash.message}
          {flash.link ? (
            <>
              {" "}
              <a href={flash.link} className={linkClass}>{t.seeSubscription}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {open ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="accept-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 id="accept-title" className="text-lg font-semibold text-zinc-900">{t.accept}</h2>
            <p className="mb-3 mt-1 text-sm text-zinc-600">{t.acceptIntro}</p>
            <ActionForm action={remember(accept)} submitLabel={t.accept} pendingText={all.common.pending} />
          </section>
          <section aria-labelledby="reject-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 id="reject-title" className="text-lg font-semibold text-zinc-900">{t.reject}</h2>
            <ActionForm action={remember(reject)} submitLabel={t.reject} pendingText={all.common.pending} tone="secondary" className="mt-3 space-y-3">
              <div>
                <label htmlFor="reject-reason" className={labelClass}>{t.rejectReason}</label>
                <textarea id="reject-reason" name="reason" rows={3} maxLength={500} className={fieldClass} />
              </div>
            </ActionForm>
          </section>
        </div>
      ) : null}
    </div>
  );
}
