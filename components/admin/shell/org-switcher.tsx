import Link from "next/link";

// Which organization: the current one, and the others this person belongs to. A <details>
// disclosure, so it works without JavaScript.
type Org = { name: string; slug: string };

export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm font-semibold text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 [&::-webkit-details-marker]:hidden">
        <span className="sr-only">Organization: </span>
        <span data-testid="current-organization">{current.name}</span>
        <span aria-hidden="true" className="text-slate-500">▾</span>
      </summary>
      <div className="absolute left-0 z-30 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 pb-1 text-xs font-medium text-slate-600">Your organizations</p>
        <ul>
          {organizations.map((org) => (
            <li key={org.slug}>
              <a
                href={`/admin/${org.slug}`}
                aria-current={org.slug === current.slug ? "true" : undefined}
                className="block rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-teal-700 aria-[current=true]:font-semibold"
              >
                {org.name}
              </a>
            </li>
          ))}
        </ul>
        <Link href="/admin" className="mt-1 block border-t border-slate-200 px-2 pt-2 text-sm text-teal-800 underline-offset-2 hover:underline">
          All organizations
        </Link>
      </div>
    </details>
  );
}
