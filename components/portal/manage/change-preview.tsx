"use client";

import { useActionState } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import type { ChangeSummary } from "@/lib/portal/change-summary";
import { IDLE, type ActionState } from "@/lib/portal/form-state";
import { primaryButton } from "./buttons";
import { FormStatus } from "./form-status";

export type ConfirmAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/**
 * The proration preview of a change (the same computation as the API's preview) and the button
 * that confirms it. The confirmation sends back the request it previewed and the amount due now
 * it showed: the server refuses the change when that amount is no longer right.
 */
export function ChangePreview({
  locale,
  summary,
  request,
  action,
  confirmLabel,
  hidden = {},
}: {
  locale: Locale;
  summary: ChangeSummary;
  request: string;
  action: ConfirmAction;
  confirmLabel?: string;
  hidden?: Record<string, string>;
}) {
  const t = pick(portalManageMessages, locale);
  const [state, submit, pending] = useActionState(action, IDLE);
  const done = state.status === "success";
  return (
    <section aria-labelledby="change-preview-title" className="mt-4 rounded-xl border border-zinc-300 bg-zinc-50 p-4" data-testid="change-preview">
      <h3 id="change-preview-title" className="text-base font-semibold text-zinc-900">
        {t.preview.title}
      </h3>
      {summary.message ? (
        <p className="mt-2 rounded-md border-l-4 border-[var(--brand)] bg-white px-3 py-2 text-sm text-zinc-800" data-testid="change-rule-message">
          {summary.message}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-zinc-700">{summary.timing === "end_of_cycle" ? t.preview.endOfCycle(summary.effectiveAt) : t.preview.effective(summary.effectiveAt)}</p>
      {summary.timing === "immediate" ? <p className="text-sm text-zinc-700">{t.preview.newPeriod(summary.newPeriod)}</p> : null}
      {summary.lines.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t.preview.linesCaption}</caption>
            <thead className="text-zinc-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t.preview.item}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t.preview.period}</th>
                <th scope="col" className="py-1 text-right font-medium">{t.preview.amount}</th>
              </tr>
            </thead>
            <tbody>
              {summary.lines.map((line, i) => (
                <tr key={i} className="border-t border-zinc-200">
                  <td className="py-1 pr-3">
                    <span className="block text-zinc-900">{t.preview.line[line.kind]}</span>
                    <span className="text-zinc-600">
                      {line.name} × {line.quantity}
                    </span>
                  </td>
                  <td className="py-1 pr-3 text-zinc-700">{line.period}</td>
                  <td className={`py-1 text-right tabular-nums ${line.credit ? "text-emerald-800" : "text-zinc-900"}`}>{line.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mt-2 text-sm text-zinc-700">{t.preview.nothingNow}</p>
      )}
      <dl className="mt-3 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold text-zinc-900">{t.preview.dueNow}</dt>
        <dd className="text-right font-semibold tabular-nums text-zinc-900" data-testid="amount-due-now">
          {summary.amountDueNow}
        </dd>
        <dt className="text-zinc-700">{t.preview.renewal}</dt>
        <dd className="text-right tabular-nums text-zinc-700" data-testid="amount-at-renewal">
          {summary.amountDueAtRenewal}
        </dd>
      </dl>
      {summary.creditToBalance ? <p className="mt-2 text-sm text-emerald-900">{t.preview.credit(summary.creditToBalance)}</p> : null}
      {summary.bonusDays > 0 ? <p className="mt-1 text-sm text-zinc-700">{t.preview.bonusDays(summary.bonusDays)}</p> : null}
      <form action={submit} className="mt-4 space-y-3">
        <input type="hidden" name="request" value={request} />
        <input type="hidden" name="expected_amount_due_now_cents" value={summary.amountDueNowCents} />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {done ? null : (
          <button type="submit" className={primaryButton} disabled={pending}>
            {confirmLabel ?? (summary.amountDueNowCents > 0 ? t.preview.confirmPay(summary.amountDueNow) : t.preview.confirm)}
          </button>
        )}
        <FormStatus state={state} pending={pending} pendingText={t.common.pending} />
      </form>
    </section>
  );
}
