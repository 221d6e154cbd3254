import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate } from "@/lib/invoices/format";
import type { PortalSubscription } from "@/lib/portal/subscriptions";
import { fieldClass, labelClass, secondaryButton } from "./buttons";

/** Which subscription a section shows, when the account has several: a plain GET form (?subscription=). */
export function SubscriptionPicker({ subscriptions, current, locale, label, submit }: { subscriptions: PortalSubscription[]; current: string; locale: Locale; label: string; submit: string }) {
  const t = pick(portalManageMessages, locale);
  return (
    <form method="get" className="flex items-end gap-2">
      <div>
        <label htmlFor="subscription-picker" className={labelClass}>{label}</label>
        <select id="subscription-picker" name="subscription" defaultValue={current} className={fieldClass}>
          {subscriptions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.planName ?? t.subscriptions.custom} · {t.common.status[s.status] ?? s.status} · {formatDate(s.createdAt, locale, "medium")}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={secondaryButton}>{submit}</button>
    </form>
  );
}
