import type { DomainView } from "@/lib/admin/domain-forms";
import type { AdminFormState } from "@/lib/admin/form-state";
import { CopyButton } from "@/components/ui/copy-button";
import { RemoveDomain, VerifyDomain } from "./domain-actions";

// One custom domain: its status in words, the DNS records to create (with copy buttons), and
// for owners and admins "Verify now" (while pending) and removal.
type Action = (prev: AdminFormState) => Promise<AdminFormState>;

const TONES = {
  waiting: "bg-amber-100 text-amber-950 ring-amber-300",
  progress: "bg-sky-100 text-sky-950 ring-sky-300",
  ok: "bg-emerald-100 text-emerald-950 ring-emerald-300",
  error: "bg-red-100 text-red-950 ring-red-300",
} as const;

export function DomainCard({ domain, canWrite, verifyAction, removeAction }: { domain: DomainView; canWrite: boolean; verifyAction: Action; removeAction: Action }) {
  const headingId = `domain-${domain.id}`;
  return (
    <article aria-labelledby={headingId} data-testid="domain-card" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={headingId} className="break-all font-mono text-base font-semibold text-slate-900">{domain.hostname}</h3>
        <span data-testid="domain-status" data-status={domain.status.code} className={`rounded-full px-3 py-1 text-xs font-semibold ring-1 ring-inset ${TONES[domain.status.tone]}`}>
          {domain.status.label}
        </span>
      </div>
      <div className="mt-2 space-y-1 text-sm text-slate-700" data-testid="domain-status-text">
        <p>{domain.status.summary}</p>
        {domain.status.detail ? <p>{domain.status.detail}</p> : null}
      </div>

      <h4 className="mt-5 text-sm font-semibold text-slate-900">DNS records to create</h4>
      <div className="mt-2 overflow-x-auto">
        <table className="min-w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-semibold">Type</th>
              <th scope="col" className="py-2 pr-4 font-semibold">Name</th>
              <th scope="col" className="py-2 pr-4 font-semibold">Value</th>
              <th scope="col" className="py-2 font-semibold">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {domain.records.map((record) => (
              <tr key={`${record.type}-${record.name}-${record.value}`} data-testid={`dns-record-${record.type}`}>
                <td className="py-2 pr-4 font-mono">{record.type}</td>
                <td className="py-2 pr-4">
                  <code className="break-all">{record.name}</code> <CopyButton value={record.name} label={`${record.type} record name`} />
                </td>
                <td className="py-2 pr-4">
                  <code className="break-all" data-testid="dns-record-value">{record.value}</code> <CopyButton value={record.value} label={`${record.type} record value`} />
                </td>
                <td className="py-2 text-slate-700">{record.purpose === "verification" ? "Proves the host is yours" : record.type === "A" ? "Instead of the CNAME at a zone apex" : "Sends visitors to Ciclo"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">Remove any AAAA record on the host that points elsewhere: certificate authorities try IPv6 first.</p>

      {canWrite ? (
        <div className="mt-5 flex flex-wrap items-start gap-4">
          {domain.status.code === "pending" ? <VerifyDomain action={verifyAction} /> : null}
          <RemoveDomain hostname={domain.hostname} action={removeAction} />
        </div>
      ) : null}
    </article>
  );
}
