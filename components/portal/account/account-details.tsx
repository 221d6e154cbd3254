import { Card } from "@/components/portal/common/card";
import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { portalProfileMessages } from "@/lib/i18n/messages/portal-profile";
import { BRAZIL_STATES, type AccountValues } from "@/lib/portal/billing-account";
import { FieldForm, type FieldFormAction, type FieldSpec } from "./field-form";

// The billing account's data as one form: the company (or person) and the tax address. Shown
// disabled to roles without manage_account (and for an archived account), with no button.
export function AccountDetails({ values, locale, action, editable }: { values: AccountValues; locale: Locale; action: FieldFormAction; editable: boolean }) {
  const t = pick(portalProfileMessages, locale);
  const a = t.account;
  const field = (name: keyof AccountValues, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name, label: a.labels[name] ?? name, defaultValue: values[name], hint: a.hints[name], ...extra,
  });
  const brazil = values.country === "BR";
  const state: FieldSpec = brazil
    ? field("state", { type: "select", span: 2, options: [{ value: "", label: a.chooseState }, ...BRAZIL_STATES.map((uf) => ({ value: uf, label: uf }))] })
    : field("state", { span: 2, autoComplete: "address-level1" });
  return (
    <Card testId="account-details">
      <div>
        <FieldForm
          id="account"
          action={action}
          disabled={!editable}
          hidden={{ country: values.country }}
          submitLabel={a.save}
          pendingText={t.common.pending}
          optionalLabel={t.common.optional}
          groups={[
            {
              legend: a.company,
              fields: [
                field("name", { span: 3, autoComplete: "organization" }),
                field("legal_name", { span: 3, optional: true }),
                field("document", { span: 3, inputMode: "text", autoComplete: "off" }),
                field("email", { span: 3, type: "email", autoComplete: "email", inputMode: "email" }),
                field("phone", { span: 3, type: "tel", autoComplete: "tel", optional: true }),
              ],
            },
            {
              legend: a.address,
              fields: [
                field("postal_code", { span: 2, autoComplete: "postal-code", inputMode: "numeric", optional: true }),
                field("line1", { span: 4, autoComplete: "address-line1", optional: true }),
                field("number", { span: 2, optional: true }),
                field("complement", { span: 4, autoComplete: "address-line2", optional: true }),
                field("district", { span: 2, optional: true }),
                field("city", { span: 2, autoComplete: "address-level2", optional: true }),
                state,
              ],
            },
          ]}
        />
      </div>
    </Card>
  );
}
