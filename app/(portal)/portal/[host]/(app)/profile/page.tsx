// /profile on a portal host — the signed-in user's name, email (changed through a link sent to
// the new address), password, two-step verification, browsers signed in, and access log.
import type { Metadata } from "next";
import { PageHeader } from "@/components/portal/manage/page-header";
import { AccessLogCard } from "@/components/portal/profile/access-log-card";
import { EmailCard, NameCard, PasswordCard } from "@/components/portal/profile/profile-forms";
import { SessionsCard } from "@/components/portal/profile/sessions-card";
import { TwoFactorSettings } from "./two-factor-section";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { listOwnAccessLog } from "@/lib/portal/access-log";
import { listProfileSessions } from "@/lib/portal/profile";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";
import { changePasswordAction, requestEmailChangeAction, revokeSessionAction, saveNameAction, signOutOthersAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  return { title: pick(portalProfileMessages, (await getPortalVisitor(params)).locale).profile.title };
}

export default async function ProfilePage({ params, searchParams }: Props) {
  const { host } = await params;
  const cursor = single((await searchParams).cursor);
  const { viewer } = await requireSectionViewer(params, "profile", { next: "/profile" });
  const t = pick(portalProfileMessages, viewer.locale).profile;
  const db = getDb();
  const [sessions, log] = await Promise.all([listProfileSessions(db, viewer), listOwnAccessLog(db, viewer, { cursor })]);
  const timeZone = viewer.tenant.timezone;
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <div className="grid gap-6 lg:grid-cols-2">
        <NameCard locale={viewer.locale} action={saveNameAction.bind(null, host)} name={viewer.user.name} />
        <EmailCard locale={viewer.locale} action={requestEmailChangeAction.bind(null, host)} email={viewer.user.email} needsPassword={viewer.user.hasPassword} />
        <PasswordCard
          locale={viewer.locale}
          action={changePasswordAction.bind(null, host)}
          hasPassword={viewer.user.hasPassword}
          minLength={Math.max(8, viewer.settings.passwordPolicy.min_length)}
        />
        {/* Two-step verification: components/portal/two-factor (its own heading and actions). */}
        <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6" data-testid="profile-two-factor">
          <TwoFactorSettings viewer={viewer} />
        </div>
        <div className="lg:col-span-2">
          <SessionsCard
            sessions={sessions}
            locale={viewer.locale}
            timeZone={timeZone}
            revoke={(id) => revokeSessionAction.bind(null, host, id)}
            signOutOthers={signOutOthersAction.bind(null, host)}
          />
        </div>
        <div className="lg:col-span-2">
          <AccessLogCard log={log} locale={viewer.locale} timeZone={timeZone} onFirstPage={!cursor} />
        </div>
      </div>
    </>
  );
}
