import type { listStaffOrganizations } from "@/lib/staff/memberships";

type Membership = Awaited<ReturnType<typeof listStaffOrganizations>>[number];

export function OrganizationCard({ membership }: { membership: Membership }) {
  const { live, sandbox, role } = membership;
  return (
    <article className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-baseline justify-between">
        <h2 className="text-lg font-semibold text-slate-900">{live.name}</h2>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{role}</span>
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
        {[{ label: "Live", org: live }, ...(sandbox ? [{ label: "Sandbox (test mode)", org: sandbox }] : [])].map(({ label, org }) => (
          <div key={org.id} className="rounded-lg bg-slate-50 p-4">
            <dt className="text-sm font-medium text-slate-800">{label}</dt>
            <dd className="mt-1 text-sm text-slate-700">
              <div>Portal host: <code>{org.slug}</code></div>
              <div>Billing accounts: {org.accounts}</div>
              <div>Active API keys: {org.keys}</div>
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
