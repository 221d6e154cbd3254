"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The Developers screens (each tab also matches its detail pages).
const TABS = [
  { path: "api-keys", label: "API keys" },
  { path: "webhooks", label: "Webhooks" },
  { path: "requests", label: "Request log" },
  { path: "emails", label: "Email outbox" },
] as const;

export function DeveloperTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Developers" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {TABS.map((tab) => {
          const href = `${base}/${tab.path}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
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
