// TwoFactorSettings — the 2FA block of the Profile page (a server component: it reads the user's
// 2FA state and hands the panel the portal's 2FA server actions):
//
//   <TwoFactorSettings viewer={viewer} />
//
// Shows whether 2FA is on (and whether the role requires it), sets it up (QR code, setup key,
// confirming code, recovery codes), turns it off with a current code, and makes new recovery codes.
import type { PortalSettings } from "@/db/schema";
import { getDb } from "@/db";
import type { Locale } from "@/lib/i18n/locale";
import type { PortalUserView } from "@/lib/portal-auth/sessions";
import { beginTotpEnrollment, twoFactorStatus } from "@/lib/portal-auth/two-factor";
import {
  beginEnrollmentAction, cancelEnrollmentAction, confirmEnrollmentAction, disableTwoFactorAction, regenerateRecoveryCodesAction,
} from "../../(auth)/two-factor/actions";
import { enrollmentView } from "@/components/portal/two-factor/qr";
import type { EnrollmentView } from "@/components/portal/two-factor/state";
import { TwoFactorSettingsPanel } from "@/components/portal/two-factor/two-factor-settings-panel";

type Viewer = { tenant: { id: string; name: string }; settings: PortalSettings; user: PortalUserView; locale: Locale };

export async function TwoFactorSettings({ viewer }: { viewer: Viewer }) {
  const db = getDb();
  const who = { organizationId: viewer.tenant.id, portalUserId: viewer.user.id };
  const status = await twoFactorStatus(db, who);
  let enrollment: EnrollmentView | null = null;
  if (status.pending) {
    const started = await beginTotpEnrollment(db, who);
    if (started.ok) enrollment = await enrollmentView(started);
  }
  const since = status.enabledAt ? new Intl.DateTimeFormat(viewer.locale, { dateStyle: "long" }).format(status.enabledAt) : null;
  return (
    <TwoFactorSettingsPanel
      locale={viewer.locale}
      portalName={viewer.settings.branding.name?.trim() || viewer.tenant.name}
      status={{ enabled: status.enabled, required: status.required, since, recoveryCodesLeft: status.recoveryCodesLeft }}
      enrollment={enrollment}
      actions={{
        begin: beginEnrollmentAction,
        cancel: cancelEnrollmentAction,
        confirm: confirmEnrollmentAction,
        disable: disableTwoFactorAction,
        regenerate: regenerateRecoveryCodesAction,
      }}
    />
  );
}
