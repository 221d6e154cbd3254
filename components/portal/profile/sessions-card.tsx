import { Badge, Card } from "@/components/portal/common/card";
import { ActionForm, type FormAction } from "@/components/portal/manage/action-form";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import type { ProfileSession } from "@/lib/portal/profile";
import { deviceLabel, formatWhen } from "./when";

// The browsers signed in as the user: device, IP, when it was last used; this browser marked.
// Each other one can be signed out, or all of them at once.
export function SessionsCard({
  sessions,
  locale,
  timeZone,
  revoke,
  signOutOthers,
}: {
  sessions: ProfileSession[];
  locale: Locale;
  timeZone: string | null;
  revoke: (sessionId: string) => FormAction;
  signOutOthers: FormAction;
}) {
  const t = pick(portalProfileMessages, locale);
  const s = t.profile.sessions;
  const others = sessions.filter((x) => !x.current);
  return (
    <Card title={s.title} titleId="sessions-title" testId="sessions">
      <p className="mt-1 text-sm text-zinc-600">{s.intro}</p>
      <ul className="mt-4 divide-y divide-zinc-200">
        {sessions.map((session) => {
          const device = deviceLabel(session.device, { on: s.on, unknown: t.common.unknown });
          return (
            <li key={session.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid={session.current ? "session-current" : "session"}>
              <div className="min-w-0 text-sm">
                <p className="font-medium text-zinc-950">
                  {device} {session.current ? <Badge tone="success">{s.current}</Badge> : null}
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-zinc-700">
                  <dt className="text-zinc-600">{s.ip}</dt>
                  <dd>{session.ip ?? t.common.unknown}</dd>
                  <dt className="text-zinc-600">{s.lastSeen}</dt>
                  <dd>{formatWhen(session.lastSeenAt, locale, timeZone)}</dd>
                  <dt className="text-zinc-600">{s.started}</dt>
                  <dd>
                    {formatWhen(session.createdAt, locale, timeZone)} · {t.profile.methods[session.method] ?? session.method}
                  </dd>
                </dl>
              </div>
              {session.current ? null : (
                <ActionForm action={revoke(session.id)} submitLabel={s.signOut} submitContext={device} pendingText={t.common.pending} tone="secondary" hideWhenDone />
              )}
            </li>
          );
        })}
      </ul>
      <div className="mt-4 border-t border-zinc-200 pt-4">
        {others.length > 0 ? (
          <ActionForm action={signOutOthers} submitLabel={s.others} pendingText={t.common.pending} tone="danger" hideWhenDone />
        ) : (
          <p className="text-sm text-zinc-600">{s.noOthers}</p>
        )}
      </div>
    </Card>
  );
}
