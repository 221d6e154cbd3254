import { Badge, Card } from "@/components/portal/common/card";
import { ActionForm, type FormAction } from "@/components/portal/manage/action-form";
import { fieldClass } from "@/components/portal/manage/buttons";
import { formatWhen } from "@/components/portal/profile/when";
import type { PortalRole } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import type { TeamMember } from "@/lib/portal/team";

// The account's users: name, email, role, status, last sign-in; for owners and admins, per user
// a role change and a removal (only where canManageRole lets them — the server checks again).
const roleSelect = fieldClass.replace("mt-1 block w-full", "block w-36");

export type MemberActions = { changeRole: FormAction; remove: FormAction; roles: PortalRole[] };

export function UsersCard({
  members,
  locale,
  timeZone,
  actionsFor,
}: {
  members: TeamMember[];
  locale: Locale;
  timeZone: string | null;
  actionsFor: (member: TeamMember) => MemberActions | null;
}) {
  const t = pick(portalProfileMessages, locale);
  const u = t.settings.users;
  const anyActions = members.some((m) => actionsFor(m) !== null);
  return (
    <Card title={u.title} titleId="users-title" testId="users">
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">{u.caption}</caption>
          <thead className="text-zinc-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{u.name}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{u.role}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{u.status}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{u.lastSignIn}</th>
              {anyActions ? <th scope="col" className="py-2 font-medium">{u.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const actions = actionsFor(m);
              const who = m.name ?? m.email;
              return (
                <tr key={m.id} className="border-t border-zinc-200 align-top" data-testid="member" data-email={m.email}>
                  <td className="py-3 pr-3">
                    <span className="block break-all font-medium text-zinc-950">
                      {m.name ?? m.email}
                      {m.self ? <span className="font-normal text-zinc-600"> ({u.you})</span> : null}
                    </span>
                    {m.name ? <span className="block break-all text-zinc-700">{m.email}</span> : null}
                  </td>
                  <td className="py-3 pr-3 text-zinc-900" data-testid="member-role">{t.settings.roles[m.role]}</td>
                  <td className="py-3 pr-3">
                    <Badge tone={m.status === "active" ? "success" : "warning"}>{u.statuses[m.status]}</Badge>
                  </td>
                  <td className="py-3 pr-3 text-zinc-700">{m.lastSignInAt ? formatWhen(m.lastSignInAt, locale, timeZone) : t.common.never}</td>
                  {anyActions ? (
                    <td className="py-3">
                      {actions ? (
                        <div className="flex flex-wrap items-start gap-3">
                          <ActionForm action={actions.changeRole} submitLabel={u.changeRole} submitContext={who} pendingText={t.common.pending} tone="secondary" className="flex flex-wrap items-center gap-2">
                            <label htmlFor={`role-${m.id}`} className="sr-only">{u.roleOf(who)}</label>
                            <select id={`role-${m.id}`} name="role" defaultValue={m.role} className={roleSelect}>
                              {actions.roles.map((r) => (
                                <option key={r} value={r}>{t.settings.roles[r]}</option>
                              ))}
                            </select>
                          </ActionForm>
                          {m.self ? null : (
                            <ActionForm action={actions.remove} submitLabel={u.remove} submitContext={who} pendingText={t.common.pending} tone="danger" hideWhenDone />
                          )}
                        </div>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
