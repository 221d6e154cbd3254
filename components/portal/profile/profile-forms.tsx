import { Card } from "@/components/portal/common/card";
import { FieldForm, type FieldFormAction } from "@/components/portal/account/field-form";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";

// The Profile's own forms: name, email change (a link to the new address), password.
type Common = { locale: Locale; action: FieldFormAction };

export function NameCard({ locale, action, name }: Common & { name: string | null }) {
  const t = pick(portalProfileMessages, locale);
  const n = t.profile.name;
  return (
    <Card title={n.title} titleId="profile-name-title" testId="profile-name">
      <div className="mt-4">
        <FieldForm
          id="profile-name" action={action} submitLabel={n.save} pendingText={t.common.pending} optionalLabel={t.common.optional}
          groups={[{ fields: [{ name: "name", label: n.label, defaultValue: name ?? "", autoComplete: "name", optional: true }] }]}
        />
      </div>
    </Card>
  );
}

export function EmailCard({ locale, action, email, needsPassword }: Common & { email: string; needsPassword: boolean }) {
  const t = pick(portalProfileMessages, locale);
  const e = t.profile.email;
  return (
    <Card title={e.title} titleId="profile-email-title" testId="profile-email">
      <p className="mt-1 text-sm text-zinc-700" data-testid="current-email">{e.current(email)}</p>
      <div className="mt-4">
        <FieldForm
          id="profile-email" action={action} submitLabel={e.submit} pendingText={t.common.pending} optionalLabel={t.common.optional}
          groups={[{
            fields: [
              { name: "email", label: e.label, type: "email", autoComplete: "email", inputMode: "email", hint: e.hint },
              ...(needsPassword ? [{ name: "current_password", label: e.currentPassword, type: "password" as const, autoComplete: "current-password" }] : []),
            ],
          }]}
        />
      </div>
    </Card>
  );
}

export function PasswordCard({ locale, action, hasPassword, minLength }: Common & { hasPassword: boolean; minLength: number }) {
  const t = pick(portalProfileMessages, locale);
  const p = t.profile.password;
  return (
    <Card title={p.title} titleId="profile-password-title" testId="profile-password">
      {hasPassword ? null : <p className="mt-1 text-sm text-zinc-700">{p.none}</p>}
      <div className="mt-4">
        <FieldForm
          id="profile-password" action={action} submitLabel={hasPassword ? p.change : p.set} pendingText={t.common.pending} optionalLabel={t.common.optional}
          groups={[{
            fields: [
              ...(hasPassword ? [{ name: "current_password", label: p.current, type: "password" as const, autoComplete: "current-password" }] : []),
              { name: "password", label: p.new, type: "password", autoComplete: "new-password", hint: p.hint(minLength) },
              { name: "confirm", label: p.confirm, type: "password", autoComplete: "new-password" },
            ],
          }]}
        />
      </div>
    </Card>
  );
}
