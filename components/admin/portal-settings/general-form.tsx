"use client";

import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, textAfter } from "../forms/action-form";
import { Field, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// Where the portal may send customers back to (return_url of deep links and "back to the app"),
// and the language the portal and its emails use by default.
type Props = { action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>; origins: string[]; locale: string; canWrite: boolean };

export function GeneralForm({ action, origins, locale, canWrite }: Props) {
  return (
    <ActionForm action={action} canWrite={canWrite} submitLabel="Save">
      {(state) => (
        <>
          <FieldGroup legend="Allowed return URLs" description="A deep link's return_url must start with one of these origins (scheme://host[:port]), one per line.">
            <Field name="allowed_return_origins" label="Origins" error={state.fields.allowed_return_origins} hint="For example https://app.example.com">
              {(a11y) => (
                <textarea {...a11y} name="allowed_return_origins" rows={4} spellCheck={false} disabled={!canWrite}
                  defaultValue={textAfter(state, "allowed_return_origins", origins.join("\n"))} className={`${inputClass} font-mono`} />
              )}
            </Field>
          </FieldGroup>
          <FieldGroup legend="Language">
            <Field name="default_locale" label="Default language" error={state.fields.default_locale} hint="Customers can switch; emails use their choice, else this.">
              {(a11y) => (
                <select {...a11y} name="default_locale" defaultValue={textAfter(state, "default_locale", locale)} disabled={!canWrite} className={`${inputClass} w-60`}>
                  <option value="pt-BR">Português (Brasil)</option>
                  <option value="en">English</option>
                </select>
              )}
            </Field>
          </FieldGroup>
        </>
      )}
    </ActionForm>
  );
}
