// /two-factor on a portal host — the second step of a sign-in: a TOTP (or recovery) code for an
// enrolled user; for a user whose role requires 2FA and who has none, the enrollment first
// (QR code, setup key, confirming code, recovery codes) before entering the portal.
import type { Metadata } from "next";
import { TwoFactorPanel } from "@/components/portal/two-factor/two-factor-panel";
import { enrollmentView } from "@/components/portal/two-factor/qr";
import type { EnrollmentView } from "@/components/portal/two-factor/state";
import { getDb } from "@/db";
import { safeNextPath } from "@/lib/portal-auth/gate";
import { beginTotpEnrollment } from "@/lib/portal-auth/two-factor";
import { requirePortalViewer } from "../../viewer";
import { signOutAction } from "../actions";
import { confirmEnrollmentAction, verifySecondFactorAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { referrer: "strict-origin" };

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TwoFactorPage({ params, searchParams }: Props) {
  const sp = await searchParams;
  const next = safeNextPath(typeof sp.next === "string" ? sp.next : null);
  const viewer = await requirePortalViewer(params, { allow: ["two_factor"], next: "/two-factor" });
  const portalName = viewer.settings.branding.name?.trim() || viewer.tenant.name;
  let mode: "verify" | "enroll" | "done" = "done";
  let enrollment: EnrollmentView | null = null;
  if (viewer.gate === "two_factor" && viewer.user.totpEnabledAt) mode = "verify";
  else if (viewer.gate === "two_factor") {
    // The role requires 2FA and the user has none yet: enrollment (a reload keeps the same secret).
    const started = await beginTotpEnrollment(getDb(), { organizationId: viewer.tenant.id, portalUserId: viewer.user.id });
    if (started.ok) {
      mode = "enroll";
      enrollment = await enrollmentView(started);
    } else mode = "verify";
  }
  return (
    <div lang={viewer.locale}>
      <TwoFactorPanel
        mode={mode}
        locale={viewer.locale}
        portalName={portalName}
        next={next}
        enrollment={enrollment}
        verifyAction={verifySecondFactorAction}
        confirmAction={confirmEnrollmentAction}
        signOutAction={signOutAction}
      />
    </div>
  );
}
