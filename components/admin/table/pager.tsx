import Link from "next/link";

// Cursor pagination in the URL (shareable): "Newest" back to the first page, "Older" to the next.
export function Pager({ pathname, params, cursor, nextCursor, label }: { pathname: string; params: Record<string, string | undefined>; cursor?: string; nextCursor: string | null; label: string }) {
  const href = (c?: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (c) q.set("cursor", c);
    const s = q.toString();
    return s ? `${pathname}?${s}` : pathname;
  };
  const link = "rounded-md px-3 py-2 text-sm font-semibold text-teal-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700";
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label={`${label} pages`} className="flex flex-wrap gap-3">
      {cursor ? <Link href={href()} className={link}>Newest</Link> : null}
      {nextCursor ? <Link href={href(nextCursor)} className={link}>Older</Link> : null}
    </nav>
  );
}

export { searchParam as param } from "@/lib/admin/list-page";
