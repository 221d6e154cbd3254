import type { ReactNode } from "react";

/** A section page's title and one line saying what it is for. */
export function PageHeader({ title, intro, children }: { title: string; intro?: string; children?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-zinc-950 sm:text-3xl">{title}</h1>
        {intro ? <p className="mt-1 text-sm text-zinc-600">{intro}</p> : null}
      </div>
      {children}
    </header>
  );
}

/** A short notice (read-only roles, empty states). */
export function Notice({ children, tone = "info" }: { children: ReactNode; tone?: "info" | "warning" }) {
  const look = tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-zinc-200 bg-white text-zinc-700";
  return <p className={`rounded-lg border px-4 py-3 text-sm ${look}`}>{children}</p>;
}
