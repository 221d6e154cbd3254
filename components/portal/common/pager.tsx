import Link from "next/link";

// Cursor pagination for a portal list: back to the first page, and on to the next one.
export function Pager({ basePath, params, nextCursor, onFirstPage, labels }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  onFirstPage: boolean;
  labels: { label: string; first: string; next: string };
}) {
  if (!nextCursor && onFirstPage) return null;
  const href = (cursor?: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, cursor })) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const cls = "rounded-md px-3 py-2 text-sm font-semibold text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]";
  return (
    <nav aria-label={labels.label} className="mt-4 flex justify-between gap-3">
      {onFirstPage ? <span /> : <Link href={href()} className={cls}>{labels.first}</Link>}
      {nextCursor ? <Link href={href(nextCursor)} className={cls} rel="next">{labels.next}</Link> : null}
    </nav>
  );
}
