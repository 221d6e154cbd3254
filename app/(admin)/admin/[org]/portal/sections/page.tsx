// /admin/<org>/portal/sections — which of the portal's 11 sections are on
import type { Metadata } from "next";
import { SectionsForm } from "@/components/admin/portal-settings/sections-form";
import { getDb } from "@/db";
import { getPortalSettings } from "@/lib/portal/settings";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { saveSectionsAction } from "./actions";

export const metadata: Metadata = { title: "Portal sections" };

export default async function SectionsPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const settings = await getPortalSettings(getDb(), staff.organization.id);
  return (
    <section aria-labelledby="sections-heading">
      <h2 id="sections-heading" className="sr-only">Sections</h2>
      <SectionsForm action={saveSectionsAction.bind(null, staff.organization.slug)} features={settings.features} canWrite={can(staff.role, "portal_settings:write")} />
    </section>
  );
}
