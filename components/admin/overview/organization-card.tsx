import Link from "next/link";
import type { listStaffOrganizations } from "@/lib/staff/memberships";
import { ROLE_LABELS } from "@/lib/staff/permissions";

type Membership = Awaited<ReturnType<typeof listStaffOrganizations>>[number];

// One organization on the admin's home: the live organization and its sandbox, each a way in.
export function OrganizationCard({ membership }: { membership: Membership }) {
  const { live, sandbox, role } = membership;
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold text-slate-900">{live.name}</h2>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{ROLE_LABELS[role]}</span>
      </div>
      <ul className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
        {[{ label: "Live", org: live }, ...(sandbox ? [{ label: "Sandbox (test mode)", org: sandbox }] : [])].map(({ label, org }) => (
          <li key={org.id} className="rounded-lg bg-slate-50 p-4">
            <p className="text-sm font-medium text-slate-800">{label}</p>
            <div className="mt-1 text-sm text-slate-700">
              <div>Portal host: <code>{org.slug}</code></div>
              <div>Billing accounts: {org.accounts}</div>
              <div>Active API keys: {org.keys}</div>
            </div>
            <Link href={`/admin/${org.slug}`} className="mt-3 inline-block text-sm font-semibold text-teal-800 underline underline-offset-2 hover:text-teal-950">
              Open {label === "Live" ? live.name : `${live.name} test mode`}
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
