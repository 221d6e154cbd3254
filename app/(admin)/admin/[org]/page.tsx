// /admin/<org> — the organization at a glance: its portal, counts, and what your role allows.
import type { Metadata } from "next";
import { getDb } from "@/db";
import { appUrl, env } from "@/lib/env";
import { organizationSummary } from "@/lib/staff/memberships";
import { PERMISSION_SUMMARY } from "@/lib/staff/permission-summary";
import { ROLE_LABELS } from "@/lib/staff/permissions";
import { portalUrl } from "@/lib/tenancy/portal-url";
import { requireStaff } from "../staff";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "organization:read");
  const org = staff.organization;
  const counts = await organizationSummary(getDb(), org.id);
  const portal = portalUrl(appUrl(), org.slug, env().ROOT_DOMAIN);
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{org.name}{staff.testMode ? " (test mode)" : ""}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Customer portal: <a href={portal} className="font-medium text-teal-800 underline underline-offset-2">{portal}</a>
        </p>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {[["Billing accounts", counts.accounts], ["Active API keys", counts.keys], ["Your role", ROLE_LABELS[staff.role]]].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="can-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="can-heading" className="text-base font-semibold text-slate-900">What you can do here</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {PERMISSION_SUMMARY[staff.role].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
