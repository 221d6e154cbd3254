import type { ReactNode } from "react";
import { captionClass, tableClass, tableWrap, tdClass, thClass } from "./format";

// The admin's tables: a caption, column headers, the rows (given as children), and
// one full-width line instead of rows when the list is empty.
export function DataTable({ caption, columns, empty, children }: { caption: ReactNode; columns: ReactNode[]; empty: ReactNode; children: ReactNode }) {
  return (
    <div className={tableWrap}>
      <table className={tableClass}>
        <caption className={captionClass}>{caption}</caption>
        <thead className="border-b border-slate-200">
          <tr>
            {columns.map((column, i) => <th key={i} scope="col" className={thClass}>{column}</th>)}
          </tr>
        </thead>
        <tbody>
          {empty ? <tr><td colSpan={columns.length} className={`${tdClass} text-slate-600`}>{empty}</td></tr> : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}

/** The sr-only header of a row's buttons. */
export const ACTIONS_COLUMN = <span className="sr-only">Actions</span>;

/** What keeps a list from showing (filters that are not valid, a bad page link). */
export function ListProblem({ message }: { message: string | null }) {
  return message ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">{message}</p> : null;
}
