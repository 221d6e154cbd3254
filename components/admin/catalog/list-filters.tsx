import { inputClass } from "../forms/field";

// A list's search and filters: a plain GET form, so the URL holds them (shareable); a new
// search starts from the first page (no cursor). Errors (a filter the list query refused) are
// shown under their control.
export type FilterSelect = { name: string; label: string; value?: string; options: ReadonlyArray<{ value: string; label: string }> };

type Props = {
  action: string;
  label: string;
  search?: { name: string; label: string; value?: string; placeholder?: string };
  selects: FilterSelect[];
  errors: Record<string, string>;
};

export function ListFilters({ action, label, search, selects, errors }: Props) {
  const id = (name: string) => `lf-${name}`;
  const a11y = (name: string) => (errors[name] ? { "aria-describedby": `${id(name)}-error`, "aria-invalid": true as const } : {});
  const err = (name: string) => (errors[name] ? <p id={`${id(name)}-error`} className="mt-1 text-sm font-medium text-red-800" data-testid="field-error">{errors[name]}</p> : null);
  return (
    <form method="get" action={action} role="search" aria-label={label} className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      {search ? (
        <div className="min-w-56 flex-1">
          <label htmlFor={id(search.name)} className="block text-sm font-medium text-slate-800">{search.label}</label>
          <input id={id(search.name)} name={search.name} type="search" defaultValue={search.value ?? ""} placeholder={search.placeholder} autoComplete="off" className={inputClass} {...a11y(search.name)} />
          {err(search.name)}
        </div>
      ) : null}
      {selects.map((s) => (
        <div key={s.name} className="w-48">
          <label htmlFor={id(s.name)} className="block text-sm font-medium text-slate-800">{s.label}</label>
          <select id={id(s.name)} name={s.name} defaultValue={s.value ?? ""} className={inputClass} {...a11y(s.name)}>
            {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
          {err(s.name)}
        </div>
      ))}
      <button type="submit" className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">Apply</button>
    </form>
  );
}
