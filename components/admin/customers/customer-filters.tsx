import Link from "next/link";
import { inputClass } from "../forms/field";

// The customer list's search and filters: a plain GET form, so the URL holds them (shareable).
export function CustomerFilters({ action, values, problem }: { action: string; values: { q?: string; status?: string; overdue?: string }; problem: string | null }) {
  const filtered = Boolean(values.q || values.overdue || (values.status && values.status !== "active"));
  return (
    <form method="get" action={action} role="search" aria-label="Search customers" className="grid grid-cols-1 gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,2fr)_10rem_auto_auto] sm:items-end">
      <div>
        <label htmlFor="cu-q" className="block text-sm font-medium text-slate-800">Search</label>
        <input
          id="cu-q" name="q" type="search" defaultValue={values.q ?? ""} autoComplete="off" maxLength={200}
          aria-describedby="cu-q-hint" {...(problem ? { "aria-invalid": true as const } : {})} className={inputClass}
        />
        <p id="cu-q-hint" className="mt-1 text-xs text-slate-600">Name, email, CPF/CNPJ (with or without punctuation) or your external id.</p>
      </div>
      <div>
        <label htmlFor="cu-status" className="block text-sm font-medium text-slate-800">Status</label>
        <select id="cu-status" name="status" defaultValue={values.status ?? "active"} className={inputClass}>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
        </select>
      </div>
      <div className="flex items-center gap-2 pb-2">
        <input id="cu-overdue" name="overdue" type="checkbox" value="1" defaultChecked={values.overdue === "1"} className="h-4 w-4 rounded border-slate-400 text-teal-700 focus:ring-2 focus:ring-teal-700/40" />
        <label htmlFor="cu-overdue" className="text-sm font-medium text-slate-800">Overdue invoices</label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Search</button>
        {filtered ? <Link href={action} className="text-sm font-medium text-teal-800 underline">Clear</Link> : null}
      </div>
    </form>
  );
}
