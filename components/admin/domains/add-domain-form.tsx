"use client";

import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, textAfter } from "../forms/action-form";
import { Field, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// Add a host: checked on the server exactly as POST /api/v1/domains checks it; the refusal
// (syntax, IP address, the platform's own domain, taken, limit reached) appears under the field.
export function AddDomainForm({ action }: { action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState> }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Add domain">
      {(state) => (
        <FieldGroup legend="Add a domain" description="A host you control; its DNS records appear once it is added.">
          <Field name="hostname" label="Host name" error={state.fields.hostname} hint="For example billing.example.com (no https://, no path)">
            {(a11y) => (
              <input {...a11y} name="hostname" type="text" autoComplete="off" spellCheck={false} inputMode="url"
                defaultValue={textAfter(state, "hostname", "")} className={`${inputClass} max-w-md font-mono`} />
            )}
          </Field>
        </FieldGroup>
      )}
    </ActionForm>
  );
}
