import type { ReactNode } from "react";

/** A titled group of fields (a fieldset, so the title names its controls). */
export function FieldGroup({ legend, description, children }: { legend: string; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <legend className="float-left w-full text-base font-semibold text-slate-900">{legend}</legend>
      {description ? <p className="clear-both pt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="clear-both space-y-4 pt-4">{children}</div>
    </fieldset>
  );
}
