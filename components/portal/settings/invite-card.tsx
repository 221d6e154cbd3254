import { Card } from "@/components/portal/common/card";
import { FieldForm, type FieldFormAction } from "@/components/portal/account/field-form";
import type { PortalRole } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";

// Invite someone by email with one of the roles the inviter may give.
export function InviteCard({ locale, action, roles }: { locale: Locale; action: FieldFormAction; roles: PortalRole[] }) {
  const t = pick(portalProfileMessages, locale);
  const i = t.settings.invite;
  const options = roles.map((r) => ({ value: r, label: `${t.settings.roles[r]} — ${t.settings.roleHints[r]}` }));
  return (
    <Card title={i.title} titleId="invite-title" testId="invite">
      <p className="mt-1 text-sm text-zinc-600">{i.intro}</p>
      <div className="mt-4">
        <FieldForm
          id="invite" action={action} submitLabel={i.submit} pendingText={t.common.pending} optionalLabel={t.common.optional}
          groups={[{
            fields: [
              { name: "email", label: i.email, type: "email", autoComplete: "off", inputMode: "email", span: 4 },
              { name: "role", label: i.role, type: "select", options, defaultValue: roles.includes("viewer") ? "viewer" : roles[0], span: 2 },
            ],
          }]}
        />
      </div>
    </Card>
  );
}
