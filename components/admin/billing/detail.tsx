import type { ReactNode } from "react";
import Link from "next/link";

// The detail pages' building blocks: a back link, a titled card, and label/value pairs.
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href} className="text-sm text-teal-800 underline hover:text-teal-950">← {children}</Link>;
}

export function Card({ id, title, children, actions }: { id: string; title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} className="text-base font-semibold text-slate-900">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-slate-600">{label}</dt>
          <dd className="mt-0.5 break-words font-medium text-slate-900">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A link to the customer's page (the Customers screens), by billing account id. */
export function CustomerLink({ slug, id, name, email }: { slug: string; id: string; name?: string; email?: string }) {
  return (
    <span>
      <Link href={`/admin/${slug}/customers/${id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{name ?? id}</Link>
      {email ? <span className="block text-xs text-slate-600">{email}</span> : null}
    </span>
  );
}

export const linkClass = "font-medium text-teal-800 underline hover:text-teal-950";
