"use client";

import type { PortalSection } from "@/db/schema";
import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, checkedAfter } from "../forms/action-form";
import { Checkbox } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// The portal's 11 sections, each on or off (Overview is always on). A section turned off
// leaves the portal's navigation and its pages answer 404.
export const SECTION_LABELS: Record<PortalSection, { label: string; hint: string }> = {
  subscriptions: { label: "Subscriptions", hint: "Plans, changes with proration preview, pause, cancel" },
  invoices: { label: "Invoices", hint: "Invoices, PDFs and NF-e, paying open invoices" },
  payments: { label: "Payments", hint: "Payment history" },
  payment_methods: { label: "Payment methods", hint: "Cards on file" },
  credits: { label: "Credits", hint: "Credit balance and its history" },
  products: { label: "Products", hint: "Add-ons customers buy themselves" },
  usage: { label: "Usage", hint: "Metered usage, daily chart and projection" },
  proposals: { label: "Proposals", hint: "Proposals to review and accept" },
  account: { label: "Account", hint: "Billing details of the account" },
  profile: { label: "Profile", hint: "Name, email, password, 2FA, sessions" },
  settings: { label: "Settings", hint: "The account's users and notifications" },
};

type Props = { action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>; features: Record<PortalSection, boolean>; canWrite: boolean };

export function SectionsForm({ action, features, canWrite }: Props) {
  return (
    <ActionForm action={action} canWrite={canWrite} submitLabel="Save sections">
      {(state) => (
        <FieldGroup legend="Sections customers see" description="Overview is always on. A section turned off disappears from the portal's navigation and its addresses answer “not found”.">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            {(Object.keys(SECTION_LABELS) as PortalSection[]).map((s) => (
              <Checkbox key={s} name={`features.${s}`} label={SECTION_LABELS[s].label} hint={SECTION_LABELS[s].hint} defaultChecked={checkedAfter(state, `features.${s}`, features[s] !== false)} disabled={!canWrite} />
            ))}
          </div>
        </FieldGroup>
      )}
    </ActionForm>
  );
}
