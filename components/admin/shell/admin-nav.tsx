"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The admin's main navigation: the screens built so far. The current one is marked
// (aria-current) by the path, so deep links land highlighted.
export type AdminNavItem = { href: string; label: string; match: "exact" | "prefix"; prefix?: string };

export function AdminNav({ items }: { items: AdminNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-b-0 md:border-r">
      <ul className="flex gap-1 overflow-x-auto px-3 py-2 md:flex-col md:px-3 md:py-6">
        {items.map((item) => {
          const active = item.match === "exact" ? pathname === item.href : pathname.startsWith(item.prefix ?? item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 ${
                  active ? "bg-teal-50 text-teal-900" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
