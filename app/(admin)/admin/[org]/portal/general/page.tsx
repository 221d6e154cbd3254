// /admin/<org>/portal/general — allowed return_url origins and the default language
import type { Metadata } from "next";
import { GeneralForm } from "@/components/admin/portal-settings/general-form";
import { getDb } from "@/db";
import { getPortalSettings } from "@/lib/portal/settings";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { saveGeneralAction } from "./actions";

export const metadata: Metadata = { title: "Links and language" };

export default async function GeneralPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const settings = await getPortalSettings(getDb(), staff.organization.id);
  return (
    <section aria-labelledby="general-heading">
      <h2 id="general-heading" className="sr-only">Links and language</h2>
      <GeneralForm action={saveGeneralAction.bind(null, staff.organization.slug)} origins={settings.allowedReturnOrigins} locale={settings.defaultLocale} canWrite={can(staff.role, "portal_settings:write")} />
    </section>
  );
}
