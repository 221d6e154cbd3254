"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type Tab = { path: string; label: string };

/**
 * A section's tabs (Portal settings, Developers): links under `base`, the current one marked
 * `aria-current="page"`; with `nested`, a tab also stays current on its detail pages.
 */
export function TabNav({ base, label, tabs, nested = false }: { base: string; label: string; tabs: readonly Tab[]; nested?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {tabs.map((tab) => {
          const href = `${base}/${tab.path}`;
          const active = pathname === href || (nested && pathname.startsWith(`${href}/`));
          return (
            <li key={tab.path}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-teal-700 ${
                  active ? "border-teal-700 text-teal-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
