import type { ReactNode } from "react";
import type { PlanChangePreview } from "@/lib/admin/billing-plan-change";
import type { AdminFormState } from "@/lib/admin/form-state";
import { formatMoney } from "@/lib/invoices/format";
import { inputClass } from "../forms/field";
import { tdClass, when } from "../table/format";
import { ApplyPlanChange } from "./apply-plan-change";

// The subscription page's "Change plan" card: choose a plan and cycle (a GET form: the choice is
// in the URL, ?change=…), read the preview the subscription service computes, then apply it.
type Props = {
  base: string;
  id: string;
  currency: string;
  locale: string;
  targets: Array<{ key: string; label: string }>;
  chosen: string | null;
  preview: PlanChangePreview | null;
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
};

const KIND = { credit_unused: "Credit for unused time", charge_remaining: "Charge for the rest of the period", charge_full: "Full price", bonus_discount: "Bonus discount" } as const;

export function PlanChange({ base, id, currency, locale, targets, chosen, preview, action }: Props) {
  const money = (cents: number) => formatMoney(cents, currency, locale);
  let body: ReactNode = null;
  if (preview && !preview.ok) {
    body = <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">This change is not possible: {preview.message}</p>;
  } else if (preview?.ok && chosen) {
    const p = preview.preview;
    const label = targets.find((t) => t.key === chosen)?.label ?? "the new plan";
    body = (
      <div className="space-y-3" data-testid="plan-change-preview">
        <p className="text-sm text-slate-800">
          A{p.change_type === "upgrade" ? "n upgrade" : p.change_type === "downgrade" ? " downgrade" : " lateral change"} to <strong>{label}</strong>,{" "}
          {p.timing === "immediate" ? "effective now" : `effective on ${when(p.effective_at)}, at the end of the current cycle`}. New period: {when(p.new_period.start)} – {when(p.new_period.end)}.
        </p>
        {p.message ? <p className="text-sm text-slate-700">Rule&apos;s message to the customer: “{p.message}”</p> : null}
        {p.lines.length > 0 ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What the change bills</caption>
            <thead><tr><th scope="col" className="px-2 py-1 font-medium text-slate-600">Line</th><th scope="col" className="px-2 py-1 text-right font-medium text-slate-600">Amount</th></tr></thead>
            <tbody>
              {p.lines.map((line, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className={tdClass}>{KIND[line.kind]}: {line.description}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{money(line.amount_cents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-600">Due now</dt><dd className="font-semibold tabular-nums" data-testid="plan-change-due-now">{money(p.amount_due_now_cents)}</dd></div>
          <div><dt className="text-slate-600">To the credit balance</dt><dd className="font-semibold tabular-nums">{money(p.credit_to_balance_cents)}</dd></div>
          <div><dt className="text-slate-600">At each renewal</dt><dd className="font-semibold tabular-nums">{money(p.amount_due_at_renewal_cents)}</dd></div>
        </dl>
        <ApplyPlanChange action={action} id={id} target={chosen} expectedCents={p.amount_due_now_cents} label={p.timing === "immediate" ? "Apply the change now" : "Schedule the change"} />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <form method="get" action={base} className="flex flex-wrap items-end gap-3" aria-label="Choose the new plan">
        <div className="min-w-64 flex-1">
          <label htmlFor="plan-change-target" className="block text-sm font-medium text-slate-800">New plan and billing cycle</label>
          <select id="plan-change-target" name="change" defaultValue={chosen ?? ""} className={inputClass} required>
            <option value="" disabled>Choose…</option>
            {targets.map((t) => <option key={t.key} value={t.key}>{t.label}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700">Preview the change</button>
      </form>
      {body}
    </div>
  );
}
