// A record's status as a coloured word (the colour only repeats the word: never the sole cue).
const TONE: Record<string, string> = {
  paid: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  succeeded: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  active: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  trialing: "bg-sky-50 text-sky-900 ring-sky-200",
  open: "bg-sky-50 text-sky-900 ring-sky-200",
  scheduled: "bg-sky-50 text-sky-900 ring-sky-200",
  processing: "bg-sky-50 text-sky-900 ring-sky-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  past_due: "bg-amber-50 text-amber-900 ring-amber-200",
  incomplete: "bg-amber-50 text-amber-900 ring-amber-200",
  paused: "bg-amber-50 text-amber-900 ring-amber-200",
  draft: "bg-slate-100 text-slate-800 ring-slate-300",
  void: "bg-slate-100 text-slate-800 ring-slate-300",
  canceled: "bg-slate-100 text-slate-800 ring-slate-300",
  failed: "bg-red-50 text-red-900 ring-red-200",
  uncollectible: "bg-red-50 text-red-900 ring-red-200",
  unpaid: "bg-red-50 text-red-900 ring-red-200",
};

export const statusLabel = (status: string) => (status.charAt(0).toUpperCase() + status.slice(1)).replace(/_/g, " ");

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="status" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE[status] ?? TONE.draft}`}>
      {statusLabel(status)}
    </span>
  );
}
