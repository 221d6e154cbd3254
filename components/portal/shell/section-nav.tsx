"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useState } from "react";

// The portal's navigation: Overview and the sections the merchant turned on, the current one
// marked (aria-current). On small screens it folds behind a Menu button.
export type NavItem = { href: string; label: string; segment: string | null };

function isCurrent(item: NavItem, segment: string | null): boolean {
  return item.segment === segment;
}

const itemClass = (current: boolean) =>
  "block rounded-md px-2.5 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)] " +
  (current ? "bg-[var(--brand)] text-[var(--brand-foreground)]" : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950");

export function SectionNav({ items, label, openLabel, closeLabel }: { items: NavItem[]; label: string; openLabel: string; closeLabel: string }) {
  const segment = useSelectedLayoutSegment();
  const [open, setOpen] = useState(false);
  const list = (id: string, vertical: boolean) => (
    <ul id={id} className={vertical ? "flex flex-col gap-1 py-2" : "flex flex-wrap gap-1"}>
      {items.map((item) => {
        const current = isCurrent(item, segment);
        return (
          <li key={item.href}>
            <Link href={item.href} aria-current={current ? "page" : undefined} className={itemClass(current)} onClick={() => setOpen(false)} data-testid={`nav-${item.segment ?? "overview"}`}>
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
  return (
    <nav aria-label={label} className="border-t border-zinc-200 bg-white">
      <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
        <div className="hidden py-2 md:block">{list("portal-nav", false)}</div>
        <div className="md:hidden">
          <button
            type="button"
            aria-expanded={open}
            aria-controls="portal-nav-mobile"
            onClick={() => setOpen((v) => !v)}
            className="my-2 inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-semibold text-zinc-900 ring-1 ring-inset ring-zinc-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
          >
            <span aria-hidden="true">{open ? "✕" : "☰"}</span>
            {open ? closeLabel : openLabel}
          </button>
          {open ? list("portal-nav-mobile", true) : null}
        </div>
      </div>
    </nav>
  );
}
