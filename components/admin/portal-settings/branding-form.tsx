"use client";

import { useActionState, useState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { FieldGroup } from "../forms/section-card";
import { SubmitButton } from "../forms/submit-button";
import { BrandPreview } from "./brand-preview";
import { ColourField } from "./colour-field";
import { ImageField } from "./image-field";

// Branding: name, logo and favicon uploads, colours (contrast checked as you type) with a live
// preview of the portal, support contacts and footer. Saved by a server action through the
// same validation and save as PATCH /api/v1/portal_settings.
export type BrandingValues = {
  name: string; primary_color: string; accent_color: string; support_email: string; support_url: string; support_phone: string; footer_legal_text: string;
};

type Props = {
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
  initial: BrandingValues;
  images: { logo: string | null; favicon: string | null };
  organizationName: string;
  canWrite: boolean;
};

export function BrandingForm(props: Props) {
  const [state, formAction] = useActionState(props.action, IDLE_FORM);
  const values = (state.values ? fromState(state.values) : null) ?? props.initial;
  // A new answer remounts the fields with what the server holds (or what was sent, on an error).
  return <BrandingFields key={state.seq} {...props} state={state} formAction={formAction} values={values} />;
}

function fromState(v: Record<string, string>): BrandingValues {
  const get = (k: string) => v[`branding.${k}`] ?? "";
  return { name: get("name"), primary_color: get("primary_color"), accent_color: get("accent_color"), support_email: get("support_email"), support_url: get("support_url"), support_phone: get("support_phone"), footer_legal_text: get("footer_legal_text") };
}

function BrandingFields({ state, formAction, values, images, organizationName, canWrite }: Props & { state: AdminFormState; formAction: (form: FormData) => void; values: BrandingValues }) {
  const [name, setName] = useState(values.name);
  const [primary, setPrimary] = useState(values.primary_color);
  const [accent, setAccent] = useState(values.accent_color);
  const [footer, setFooter] = useState(values.footer_legal_text);
  const [logoPreview, setLogoPreview] = useState<string | null | undefined>(undefined);
  const err = (k: string) => state.fields[`branding.${k}`];
  const text = (k: keyof BrandingValues, label: string, type = "text", hint?: string) => (
    <Field name={`branding.${k}`} label={label} error={err(k)} hint={hint}>
      {(a11y) => <input {...a11y} name={`branding.${k}`} type={type} defaultValue={values[k]} disabled={!canWrite} className={inputClass} />}
    </Field>
  );
  return (
    <form action={formAction} className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]" noValidate>
      <div className="space-y-6">
        <FieldGroup legend="Identity">
          <Field name="branding.name" label="Portal name" error={err("name")} hint={`Shown in the portal's header and emails. Empty: “${organizationName}”.`}>
            {(a11y) => <input {...a11y} name="branding.name" value={name} onChange={(e) => setName(e.target.value)} disabled={!canWrite} className={inputClass} />}
          </Field>
          <ImageField field="logo" label="Logo" current={images.logo} accept="image/png,image/jpeg,image/svg+xml" error={err("logo")} disabled={!canWrite} onPreview={setLogoPreview} />
          <ImageField field="favicon" label="Favicon" current={images.favicon} accept="image/png,image/jpeg,image/svg+xml,image/x-icon,image/vnd.microsoft.icon" error={err("favicon")} disabled={!canWrite} onPreview={() => {}} />
        </FieldGroup>
        <FieldGroup legend="Colours" description="Both must keep white text readable (at least 4.5:1, WCAG AA).">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <ColourField name="branding.primary_color" label="Primary colour" value={primary} onChange={setPrimary} error={err("primary_color")} disabled={!canWrite} />
            <ColourField name="branding.accent_color" label="Accent colour" value={accent} onChange={setAccent} error={err("accent_color")} disabled={!canWrite} />
          </div>
        </FieldGroup>
        <FieldGroup legend="Support and footer">
          {text("support_email", "Support email", "email")}
          {text("support_url", "Support site", "url", "https://…")}
          {text("support_phone", "Support phone", "tel")}
          <Field name="branding.footer_legal_text" label="Footer text" error={err("footer_legal_text")} hint="Legal name, tax id, address…">
            {(a11y) => <textarea {...a11y} name="branding.footer_legal_text" rows={3} value={footer} onChange={(e) => setFooter(e.target.value)} disabled={!canWrite} className={inputClass} />}
          </Field>
        </FieldGroup>
        <FormStatus state={state} />
        {canWrite ? <SubmitButton label="Save branding" pendingLabel="Saving…" /> : <p className="text-sm text-slate-600">Your role can view these settings but not change them.</p>}
      </div>
      <div className="lg:sticky lg:top-6 lg:self-start">
        <BrandPreview name={name || organizationName} logo={logoPreview === undefined ? images.logo : logoPreview} primary={primary} accent={accent} footer={footer || null} />
      </div>
    </form>
  );
}
