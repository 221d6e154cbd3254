"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// Live / Test mode: the same screen in the other organization of the pair (the sandbox's slug is
// `<slug>-test`), so a link always says which one it shows and can be shared as is.
type Props = { current: "live" | "test"; liveSlug: string; sandboxSlug: string | null };

export function ModeSwitch({ current, liveSlug, sandboxSlug }: Props) {
  const pathname = usePathname();
  if (!sandboxSlug) return null;
  const currentSlug = current === "live" ? liveSlug : sandboxSlug;
  const rest = pathname.startsWith(`/admin/${currentSlug}`) ? pathname.slice(`/admin/${currentSlug}`.length) : "";
  const option = (mode: "live" | "test", slug: string, label: string) => {
    const active = mode === current;
    return (
      <Link
        href={`/admin/${slug}${rest}`}
        aria-current={active ? "page" : undefined}
        data-testid={`mode-${mode}`}
        className={`rounded px-3 py-1 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 ${
          active ? (mode === "test" ? "bg-amber-500 text-amber-950" : "bg-teal-700 text-white") : "text-slate-700 hover:bg-slate-200"
        }`}
      >
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Mode" className="flex items-center rounded-md bg-slate-100 p-0.5">
      {option("live", liveSlug, "Live")}
      {option("test", sandboxSlug, "Test mode")}
    </nav>
  );
}
