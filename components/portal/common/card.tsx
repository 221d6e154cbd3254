import Link from "next/link";
import type { ReactNode } from "react";

// Small building blocks shared by the portal's billing pages.
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <h1 className="text-2xl font-bold tracking-tight text-zinc-950 sm:text-3xl">{title}</h1>
      {children}
    </div>
  );
}

export function Card({ title, titleId, children, className = "", testId }: { title?: string; titleId?: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section aria-labelledby={title ? titleId : undefined} data-testid={testId} className={`rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 ${className}`}>
      {title ? <h2 id={titleId} className="text-base font-semibold text-zinc-950">{title}</h2> : null}
      {children}
    </section>
  );
}

type Tone = "neutral" | "success" | "warning" | "danger" | "info";
const tones: Record<Tone, string> = {
  neutral: "bg-zinc-100 text-zinc-800 ring-zinc-300",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  warning: "bg-amber-50 text-amber-950 ring-amber-300",
  danger: "bg-red-50 text-red-900 ring-red-300",
  info: "bg-sky-50 text-sky-900 ring-sky-300",
};

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}

export const linkClass = "font-medium text-[var(--brand-accent)] underline underline-offset-4 hover:opacity-80 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]";

export const buttonClass =
  "inline-flex items-center justify-center rounded-lg bg-[var(--brand)] px-4 py-2.5 text-sm font-semibold text-[var(--brand-foreground)] shadow-sm hover:opacity-90 disabled:opacity-60 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]";

export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-lg bg-white px-4 py-2.5 text-sm font-semibold text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]";

export function Empty({ children }: { children: ReactNode }) {
  return <p className="mt-3 text-sm text-zinc-600">{children}</p>;
}

/** An invoice's number, linked to its page when the Invoices section is on. */
export function InvoiceRef({ id, number, link }: { id: string; number: string | null; link: boolean }) {
  const text = number ?? "—";
  return link && number ? <Link href={`/invoices/${id}`} className={linkClass}>{text}</Link> : <span className="font-medium text-zinc-900">{text}</span>;
}
