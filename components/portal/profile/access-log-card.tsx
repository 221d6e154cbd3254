import { Card } from "@/components/portal/common/card";
import { Pager } from "@/components/portal/common/pager";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import type { AccessLogPage } from "@/lib/portal/access-log";
import { deviceLabel, formatWhen } from "./when";

// The user's own access log, a page at a time (?cursor=), newest first.
export function AccessLogCard({ log, locale, timeZone, onFirstPage }: { log: AccessLogPage; locale: Locale; timeZone: string | null; onFirstPage: boolean }) {
  const t = pick(portalProfileMessages, locale);
  const a = t.profile.accessLog;
  return (
    <Card title={a.title} titleId="access-log-title" testId="access-log">
      <p className="mt-1 text-sm text-zinc-600">{a.intro}</p>
      {log.entries.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-600">{a.empty}</p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{a.title}</caption>
            <thead className="text-zinc-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">{a.when}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{a.event}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{a.method}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{a.ip}</th>
                <th scope="col" className="py-2 font-medium">{a.device}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((e) => (
                <tr key={e.id} className="border-t border-zinc-200" data-testid="access-event" data-event={e.event}>
                  <td className="whitespace-nowrap py-2 pr-3 text-zinc-700">{formatWhen(e.createdAt, locale, timeZone)}</td>
                  <td className="py-2 pr-3 font-medium text-zinc-950">{a.events[e.event] ?? e.event}</td>
                  <td className="py-2 pr-3 text-zinc-700">{e.method ? (t.profile.methods[e.method] ?? e.method) : "—"}</td>
                  <td className="py-2 pr-3 text-zinc-700">{e.ip ?? "—"}</td>
                  <td className="py-2 text-zinc-700">{deviceLabel(e.device, { on: t.profile.sessions.on, unknown: "—" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/profile" params={{}} nextCursor={log.nextCursor} onFirstPage={onFirstPage} labels={a.pager} />
    </Card>
  );
}
