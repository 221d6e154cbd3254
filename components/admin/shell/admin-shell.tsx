import type { ReactNode } from "react";
import Link from "next/link";
import type { StaffContext } from "@/lib/staff/access";
import { can, ROLE_LABELS } from "@/lib/staff/permissions";
import { AdminNav, type AdminNavItem } from "./admin-nav";
import { ModeSwitch } from "./mode-switch";
import { OrgSwitcher } from "./org-switcher";
import { AdminUserMenu } from "./user-menu";

// The admin's frame on every organization page: header (Ciclo, organization switcher, live /
// test mode switch, account menu), the test-mode notice on every sandbox page, the navigation
// and the page. Only screens that exist are in the navigation.
type Props = {
  staff: StaffContext;
  organizations: Array<{ name: string; slug: string }>;
  user: { name: string | null; email: string };
  signOutAction: () => Promise<void>;
  children: ReactNode;
};

export function AdminShell({ staff, organizations, user, signOutAction, children }: Props) {
  const slug = staff.organization.slug;
  const base = `/admin/${slug}`;
  const nav: AdminNavItem[] = [
    { href: base, label: "Overview", match: "exact" },
    ...(can(staff.role, "business:read")
      ? [
          { href: `${base}/customers`, label: "Customers", match: "prefix" as const },
          { href: `${base}/subscriptions`, label: "Subscriptions", match: "prefix" as const },
          { href: `${base}/invoices`, label: "Invoices", match: "prefix" as const },
          { href: `${base}/payments`, label: "Payments", match: "prefix" as const },
          { href: `${base}/proposals`, label: "Proposals", match: "prefix" as const },
          { href: `${base}/catalog/products`, label: "Catalog", match: "prefix" as const, prefix: `${base}/catalog` },
        ]
      : []),
    { href: `${base}/portal/branding`, label: "Portal settings", match: "prefix", prefix: `${base}/portal` },
    { href: `${base}/checkout`, label: "Embed checkout", match: "prefix" },
    { href: `${base}/members`, label: "Members", match: "prefix" },
    ...(can(staff.role, "developers:read") ? [{ href: `${base}/developers/api-keys`, label: "Developers", match: "prefix" as const, prefix: `${base}/developers` }] : []),
  ];
  return (
    <div className={`flex min-h-dvh flex-col bg-slate-50 ${staff.testMode ? "border-t-4 border-amber-500" : ""}`}>
      {staff.testMode ? (
        <section aria-label="Test mode">
          <div role="note" data-testid="admin-test-mode" className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-sm text-amber-950 sm:px-6">
            <strong className="mr-2 rounded bg-amber-950 px-2 py-0.5 text-xs font-bold uppercase tracking-wide text-amber-50">Test mode</strong>
            You are working in {staff.live.name}&apos;s sandbox: changes here affect only its test portal and test data.
          </div>
        </section>
      ) : null}
      <header className="border-b border-slate-200 bg-white">
        <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <div className="flex flex-wrap items-center gap-3">
            <Link href="/admin" className="rounded text-lg font-bold tracking-tight text-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">
              Ciclo<span className="sr-only"> admin home</span>
            </Link>
            <OrgSwitcher current={{ name: staff.live.name, slug: staff.live.slug }} organizations={organizations} />
            <ModeSwitch current={staff.testMode ? "test" : "live"} liveSlug={staff.live.slug} sandboxSlug={staff.sandbox?.slug ?? null} />
          </div>
          <AdminUserMenu name={user.name} email={user.email} role={ROLE_LABELS[staff.role]} signOutAction={signOutAction} />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <AdminNav items={nav} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-8 focus:outline-none sm:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
