import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import type { PortalPaymentMethod } from "@/lib/portal/payment-methods";
import { ActionForm, type FormAction } from "../manage/action-form";
import { StatusBadge } from "../manage/status-badge";

export type MethodActions = { setDefault: FormAction; setBackup: FormAction; remove: FormAction };

const brandName = (brand: string) => brand.charAt(0).toUpperCase() + brand.slice(1);

export function methodName(m: PortalPaymentMethod, locale: Locale): string {
  const t = pick(portalManageMessages, locale).paymentMethods;
  if (m.type === "card") return t.card(brandName(m.brand ?? "card"), m.last4 ?? "••••");
  return m.type === "pix" ? t.pix : t.boleto;
}

/** The account's active methods with their role, and (for manage_billing) what can be done to each. */
export function MethodList({ methods, locale, actionsFor }: { methods: PortalPaymentMethod[]; locale: Locale; actionsFor: ((id: string) => MethodActions) | null }) {
  const t = pick(portalManageMessages, locale);
  const p = t.paymentMethods;
  if (methods.length === 0) return <p className="text-sm text-zinc-600">{p.empty}</p>;
  return (
    <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white" aria-label={p.title}>
      {methods.map((m) => {
        const name = methodName(m, locale);
        const actions = actionsFor?.(m.id);
        return (
          <li key={m.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="payment-method">
            <div>
              <p className="font-medium text-zinc-900">{name}</p>
              {m.type === "card" && m.expMonth && m.expYear ? (
                <p className="text-sm text-zinc-600">{p.expires(`${String(m.expMonth).padStart(2, "0")}/${String(m.expYear).slice(-2)}`)}</p>
              ) : null}
              <div className="mt-1 flex gap-2">
                {m.role === "default" ? <StatusBadge status="active" label={p.default} /> : null}
                {m.role === "backup" ? <StatusBadge status="scheduled" label={p.backup} /> : null}
              </div>
            </div>
            {actions ? (
              <div className="flex flex-wrap items-start gap-2 sm:max-w-md sm:justify-end">
                {m.role !== "default" ? (
                  <ActionForm action={actions.setDefault} submitLabel={p.makeDefault} submitContext={name} pendingText={t.common.pending} tone="secondary" />
                ) : null}
                {m.role === null ? (
                  <ActionForm action={actions.setBackup} submitLabel={p.makeBackup} submitContext={name} pendingText={t.common.pending} tone="secondary" />
                ) : null}
                <ActionForm action={actions.remove} submitLabel={p.remove} submitContext={name} pendingText={t.common.pending} tone="secondary" />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
