// /admin/<org>/portal/sign-in — sign-in methods, mandatory 2FA, password policy, lockout, sessions
import type { Metadata } from "next";
import { SignInSettingsForm } from "@/components/admin/portal-settings/sign-in-settings-form";
import { getDb } from "@/db";
import { getPortalSettings } from "@/lib/portal/settings";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { saveSignInSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Portal sign-in" };

export default async function SignInSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const settings = await getPortalSettings(getDb(), staff.organization.id);
  const slug = staff.organization.slug;
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading" className="sr-only">Sign-in and security</h2>
      <SignInSettingsForm
        action={saveSignInSettingsAction.bind(null, slug)}
        settings={{
          authMethods: settings.authMethods, totpRequiredRoles: settings.totpRequiredRoles, passwordPolicy: settings.passwordPolicy,
          lockoutThreshold: settings.lockoutThreshold, lockoutMinutes: settings.lockoutMinutes,
          sessionIdleMinutes: settings.sessionIdleMinutes, sessionAbsoluteHours: settings.sessionAbsoluteHours,
        }}
        ssoConfigured={{ jwt: settings.sso.jwt !== null, oidc: settings.sso.oidc !== null }}
        ssoHref={`/admin/${slug}/portal/sso`}
        canWrite={can(staff.role, "portal_settings:write")}
      />
    </section>
  );
}
