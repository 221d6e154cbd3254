import type { ProposalStatus } from "@/db/schema";

// A proposal's status as the API reads it (an open one past valid_until is expired).
const STYLE: Record<ProposalStatus, { label: string; className: string }> = {
  open: { label: "Open", className: "bg-sky-50 text-sky-900 ring-sky-200" },
  accepted: { label: "Accepted", className: "bg-emerald-50 text-emerald-900 ring-emerald-200" },
  rejected: { label: "Declined", className: "bg-red-50 text-red-900 ring-red-200" },
  expired: { label: "Expired", className: "bg-amber-50 text-amber-900 ring-amber-200" },
  canceled: { label: "Withdrawn", className: "bg-slate-100 text-slate-800 ring-slate-300" },
};

export const STATUS_LABELS = Object.fromEntries(Object.entries(STYLE).map(([k, v]) => [k, v.label])) as Record<ProposalStatus, string>;

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { label, className } = STYLE[status];
  return <span data-testid="proposal-status" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${className}`}>{label}</span>;
}
