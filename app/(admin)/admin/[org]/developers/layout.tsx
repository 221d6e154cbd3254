import type { ReactNode } from "react";
import { DeveloperTabs } from "@/components/admin/developers/developer-tabs";
import { requireStaff } from "../../staff";

// /admin/<org>/developers/… — API keys, webhooks, request log, email outbox (developers:read).
export default async function DevelopersLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "developers:read");
  return (
    <div className="max-w-6xl">
      <h1 className="text-2xl font-semibold text-slate-900">Developers</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        {staff.testMode ? "Test mode: keys here are sk_test_ keys and see only sandbox data." : "Live mode: keys here are sk_live_ keys and act on live data."}
      </p>
      <DeveloperTabs base={`/admin/${staff.organization.slug}/developers`} />
      {children}
    </div>
  );
}
