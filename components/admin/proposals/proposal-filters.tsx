import { proposalStatuses } from "@/db/schema";
import { inputClass } from "../forms/field";
import { STATUS_LABELS } from "./status-badge";

// The proposals list's search: a plain GET form, so the URL holds the filters (shareable).
export function ProposalFilters({ action, values, errors }: { action: string; values: { q?: string; status?: string; billing_account_id?: string }; errors: Record<string, string> }) {
  const err = (name: string) => (errors[name] ? <p id={`pf-${name}-error`} className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{errors[name]}</p> : null);
  const described = (name: string, hint?: string) => {
    const ids = [hint, errors[name] ? `pf-${name}-error` : undefined].filter(Boolean).join(" ");
    return { ...(ids ? { "aria-describedby": ids } : {}), ...(errors[name] ? { "aria-invalid": true as const } : {}) };
  };
  return (
    <form method="get" action={action} role="search" aria-label="Search proposals" className="grid grid-cols-1 gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,2fr)_12rem_auto] sm:items-end">
      {values.billing_account_id ? <input type="hidden" name="billing_account_id" value={values.billing_account_id} /> : null}
      <div>
        <label htmlFor="pf-q" className="block text-sm font-medium text-slate-800">Search</label>
        <input id="pf-q" name="q" type="search" defaultValue={values.q ?? ""} autoComplete="off" className={inputClass} {...described("q", "pf-q-hint")} />
        <p id="pf-q-hint" className="mt-1 text-xs text-slate-600">Customer name, email, CPF/CNPJ, or a proposal or customer id.</p>
        {err("q")}
      </div>
      <div className="sm:mb-5">
        <label htmlFor="pf-status" className="block text-sm font-medium text-slate-800">Status</label>
        <select id="pf-status" name="status" defaultValue={values.status ?? ""} className={inputClass} {...described("status")}>
          <option value="">Any</option>
          {proposalStatuses.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
        {err("status")}
      </div>
      <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 sm:mb-5">Search</button>
    </form>
  );
}
