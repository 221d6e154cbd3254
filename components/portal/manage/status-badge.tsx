const tones: Record<string, string> = {
  good: "bg-emerald-100 text-emerald-900",
  warn: "bg-amber-100 text-amber-950",
  bad: "bg-red-100 text-red-900",
  neutral: "bg-zinc-200 text-zinc-900",
};

const toneOf: Record<string, keyof typeof tones> = {
  active: "good", trialing: "good", open: "good", accepted: "good",
  past_due: "warn", unpaid: "bad", paused: "warn", scheduled: "neutral", incomplete: "warn",
  canceled: "neutral", rejected: "neutral", expired: "neutral",
};

/** A status as a small label; the word says it, the colour only repeats it. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[toneOf[status] ?? "neutral"]}`} data-status={status}>
      {label}
    </span>
  );
}
