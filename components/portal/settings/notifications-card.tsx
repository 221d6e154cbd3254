import type { NotificationPrefs } from "@/db/schema";
import { Card } from "@/components/portal/common/card";
import { ActionForm, type FormAction } from "@/components/portal/manage/action-form";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { NOTIFICATION_KINDS } from "@/lib/portal/notification-prefs";

// The user's own email preferences: one checkbox per kind of billing email.
export function NotificationsCard({ prefs, locale, action }: { prefs: NotificationPrefs; locale: Locale; action: FormAction }) {
  const t = pick(portalProfileMessages, locale);
  const n = t.settings.notifications;
  return (
    <Card title={n.title} titleId="notifications-title" testId="notifications">
      <p className="mt-1 text-sm text-zinc-600">{n.intro}</p>
      <ActionForm action={action} submitLabel={n.save} pendingText={t.common.pending} className="mt-4 space-y-4">
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-zinc-950">{n.legend}</legend>
          {NOTIFICATION_KINDS.map((kind) => (
            <div key={kind} className="flex items-start gap-3">
              <input
                id={`notify-${kind}`}
                type="checkbox"
                name="notify"
                value={kind}
                defaultChecked={prefs[kind]}
                aria-describedby={`notify-${kind}-hint`}
                className="mt-0.5 h-4 w-4 rounded border-zinc-400 accent-[var(--brand)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]"
              />
              <div className="text-sm">
                <label htmlFor={`notify-${kind}`} className="font-medium text-zinc-900">{n.kinds[kind].label}</label>
                <p id={`notify-${kind}-hint`} className="text-zinc-600">{n.kinds[kind].hint}</p>
              </div>
            </div>
          ))}
        </fieldset>
      </ActionForm>
    </Card>
  );
}
