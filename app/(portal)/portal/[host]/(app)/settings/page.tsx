// /settings on a portal host — the billing account's users (invite with a role, change roles,
// remove; owners and admins only) and the signed-in user's email notification preferences.
import type { Metadata } from "next";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { InviteCard } from "@/components/portal/settings/invite-card";
import { NotificationsCard } from "@/components/portal/settings/notifications-card";
import { UsersCard, type MemberActions } from "@/components/portal/settings/users-card";
import { getDb } from "@/db";
import { portalRoles } from "@/db/schema";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { getNotificationPrefs } from "@/lib/portal/notification-prefs";
import { can, canManageRole } from "@/lib/portal/permissions";
import { listTeam, type TeamMember } from "@/lib/portal/team";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer } from "../section";
import { changeRoleAction, inviteAction, removeUserAction, saveNotificationsAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalProfileMessages, (await getPortalVisitor(params)).locale).settings.title };
}

export default async function SettingsPage({ params }: Props) {
  const { host } = await params;
  const { viewer } = await requireSectionViewer(params, "settings", { next: "/settings" });
  const t = pick(portalProfileMessages, viewer.locale).settings;
  const db = getDb();
  const [members, prefs] = await Promise.all([listTeam(db, viewer), getNotificationPrefs(db, viewer)]);
  const role = viewer.user.role;
  const manage = can(role, "manage_users");
  const givable = portalRoles.filter((r) => canManageRole(role, r));
  const actionsFor = (m: TeamMember): MemberActions | null =>
    manage && canManageRole(role, m.role)
      ? { changeRole: changeRoleAction.bind(null, host, m.id), remove: removeUserAction.bind(null, host, m.id), roles: givable }
      : null;
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <div className="space-y-6">
        <UsersCard members={members} locale={viewer.locale} timeZone={viewer.tenant.timezone} actionsFor={actionsFor} />
        {manage ? <InviteCard locale={viewer.locale} action={inviteAction.bind(null, host)} roles={givable} /> : <Notice>{t.users.readOnly}</Notice>}
        <NotificationsCard prefs={prefs} locale={viewer.locale} action={saveNotificationsAction.bind(null, host)} />
      </div>
    </>
  );
}
