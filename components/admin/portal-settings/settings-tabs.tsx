"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// The portal settings' pages.
const TABS = [
  { path: "branding", label: "Branding" },
  { path: "sections", label: "Sections" },
  { path: "sign-in", label: "Sign-in & security" },
  { path: "sso", label: "Single sign-on" },
  { path: "general", label: "Links & language" },
  { path: "domain", label: "Custom domain" },
] as const;

export function SettingsTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal settings" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {TABS.map((tab) => {
          const href = `${base}/${tab.path}`;
          const active = pathname === href;
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
