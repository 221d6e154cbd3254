// /admin/<org>/portal/branding — name, logo, favicon, colours (live preview), support, footer
import type { Metadata } from "next";
import { BrandingForm } from "@/components/admin/portal-settings/branding-form";
import { getDb } from "@/db";
import { adminImageUrl } from "@/lib/admin/asset-url";
import { getPortalSettings } from "@/lib/portal/settings";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { saveBrandingAction } from "./actions";

export const metadata: Metadata = { title: "Branding" };

export default async function BrandingPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const slug = staff.organization.slug;
  const { branding } = await getPortalSettings(getDb(), staff.organization.id);
  return (
    <section aria-labelledby="branding-heading">
      <h2 id="branding-heading" className="sr-only">Branding</h2>
      <BrandingForm
        action={saveBrandingAction.bind(null, slug)}
        organizationName={staff.organization.name}
        canWrite={can(staff.role, "portal_settings:write")}
        images={{ logo: adminImageUrl(slug, branding.logo), favicon: adminImageUrl(slug, branding.favicon) }}
        initial={{
          name: branding.name ?? "", primary_color: branding.primary_color, accent_color: branding.accent_color,
          support_email: branding.support_email ?? "", support_url: branding.support_url ?? "", support_phone: branding.support_phone ?? "",
          footer_legal_text: branding.footer_legal_text ?? "",
        }}
      />
    </section>
  );
}
