import { inputClass } from "../forms/field";

// The request log's search: a plain GET form, so the URL holds the filters (shareable).
export function RequestFilters({ action, values, errors }: { action: string; values: { request_id?: string; status?: string; path?: string }; errors: Record<string, string> }) {
  const err = (name: string) => (errors[name] ? <p id={`rq-${name}-error`} className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{errors[name]}</p> : null);
  const described = (name: string) => (errors[name] ? { "aria-describedby": `rq-${name}-error`, "aria-invalid": true as const } : {});
  return (
    <form method="get" action={action} role="search" aria-label="Search requests" className="grid grid-cols-1 gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,2fr)_10rem_minmax(0,1fr)_auto] sm:items-end">
      <div>
        <label htmlFor="rq-request_id" className="block text-sm font-medium text-slate-800">Request-Id</label>
        <input id="rq-request_id" name="request_id" defaultValue={values.request_id ?? ""} placeholder="e.g. 0b7c…" autoComplete="off" className={`${inputClass} font-mono`} {...described("request_id")} />
        {err("request_id")}
      </div>
      <div>
        <label htmlFor="rq-status" className="block text-sm font-medium text-slate-800">Status</label>
        <select id="rq-status" name="status" defaultValue={values.status ?? ""} className={inputClass} {...described("status")}>
          <option value="">Any</option>
          <option value="2xx">2xx success</option>
          <option value="3xx">3xx</option>
          <option value="4xx">4xx client error</option>
          <option value="5xx">5xx server error</option>
        </select>
        {err("status")}
      </div>
      <div>
        <label htmlFor="rq-path" className="block text-sm font-medium text-slate-800">Path starts with</label>
        <input id="rq-path" name="path" defaultValue={values.path ?? ""} placeholder="/api/v1/invoices" autoComplete="off" className={`${inputClass} font-mono`} {...described("path")} />
        {err("path")}
      </div>
      <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Search</button>
    </form>
  );
}
