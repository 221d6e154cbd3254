// /admin/<org>/portal/domain — the portal on the merchant's own host: add, DNS records, verify, status, remove
import type { Metadata } from "next";
import { AddDomainForm } from "@/components/admin/domains/add-domain-form";
import { AutoRefresh } from "@/components/admin/domains/auto-refresh";
import { DomainCard } from "@/components/admin/domains/domain-card";
import { getDb } from "@/db";
import { loadDomainViews } from "@/lib/admin/domain-forms";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { addDomainAction, removeDomainAction, verifyDomainAction } from "./actions";

export const metadata: Metadata = { title: "Custom domain" };

export default async function DomainPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const slug = staff.organization.slug;
  const domains = await loadDomainViews(getDb(), staff.organization.id);
  const canWrite = can(staff.role, "portal_settings:write");
  return (
    <section aria-labelledby="domain-heading" className="space-y-6">
      <div>
        <h2 id="domain-heading" className="text-lg font-semibold text-slate-900">Custom domain</h2>
        <p className="mt-1 text-sm text-slate-600">
          Serve your portal on your own host, such as billing.example.com. Prove the host is yours in DNS and point it at Ciclo; the HTTPS certificate is issued and renewed automatically.
        </p>
      </div>
      <AutoRefresh active={domains.some((d) => !d.status.settled)} />
      {domains.map((domain) => (
        <DomainCard
          key={domain.id}
          domain={domain}
          canWrite={canWrite}
          verifyAction={verifyDomainAction.bind(null, slug, domain.id)}
          removeAction={removeDomainAction.bind(null, slug, domain.id)}
        />
      ))}
      {canWrite ? <AddDomainForm action={addDomainAction.bind(null, slug)} /> : <p className="text-sm text-slate-600">Your role can view the domains but not change them.</p>}
    </section>
  );
}
