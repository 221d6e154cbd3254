import { inputClass } from "../forms/field";
import { statusLabel } from "./status-badge";

// A list's search and filters as a plain GET form: the URL holds them (shareable, back button),
// and a filter the list refused shows its message under it.
export type FilterField =
  | { type: "search"; name: string; label: string; placeholder?: string }
  | { type: "select"; name: string; label: string; options: ReadonlyArray<string | { value: string; label: string }> }
  | { type: "date"; name: string; label: string };

export function ListFilters({ action, label, fields, values, errors }: { action: string; label: string; fields: FilterField[]; values: Record<string, string | undefined>; errors: Record<string, string> }) {
  const id = (name: string) => `flt-${name}`;
  const a11y = (name: string) => (errors[name] ? { "aria-describedby": `${id(name)}-error`, "aria-invalid": true as const } : {});
  const filtered = fields.some((f) => values[f.name]);
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      {fields.map((f) => (
        <div key={f.name} className={f.type === "search" ? "min-w-64 flex-[2]" : "min-w-36 flex-1"}>
          <label htmlFor={id(f.name)} className="block text-sm font-medium text-slate-800">{f.label}</label>
          {f.type === "select" ? (
            <select id={id(f.name)} name={f.name} defaultValue={values[f.name] ?? ""} className={inputClass} {...a11y(f.name)}>
              <option value="">Any</option>
              {f.options.map((o) => {
                const option = typeof o === "string" ? { value: o, label: statusLabel(o) } : o;
                return <option key={option.value} value={option.value}>{option.label}</option>;
              })}
            </select>
          ) : (
            <input id={id(f.name)} name={f.name} type={f.type} defaultValue={values[f.name] ?? ""} placeholder={f.type === "search" ? f.placeholder : undefined} autoComplete="off" className={inputClass} {...a11y(f.name)} />
          )}
          {errors[f.name] ? <p id={`${id(f.name)}-error`} className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{errors[f.name]}</p> : null}
        </div>
      ))}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Search</button>
        {filtered ? <a href={action} className="rounded-md px-3 py-2 text-sm font-semibold text-teal-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Clear</a> : null}
      </div>
    </form>
  );
}
