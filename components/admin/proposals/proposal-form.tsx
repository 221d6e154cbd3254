"use client";

import { useActionState } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import type { AccountOption, PlanOption, PriceOption } from "@/lib/admin/proposal-options";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { FieldGroup } from "../forms/section-card";
import { SubmitButton } from "../forms/submit-button";
import { OfferFields } from "./offer-fields";

// "New proposal": the customer, the offer, its terms and how long it holds. "Create and send"
// emails the customer the link to it in their portal; "Create without sending" keeps it quiet
// until it is sent from its page. The server validates with the API's createProposalInput.
type Props = {
  action: (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
  accounts: AccountOption[];
  plans: PlanOption[];
  prices: PriceOption[];
  defaults: { billingAccountId?: string; validUntil: string; timeZone: string };
};

export function ProposalForm({ action, accounts, plans, prices, defaults }: Props) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string, fallback = "") => state.values?.[name] ?? fallback;
  const f = state.fields;
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-6" aria-label="New proposal">
      <FieldGroup legend="Customer">
        <Field name="billing_account_id" label="Billing account" hint="Its portal users (or, without any, its billing email) receive the proposal." error={f.billing_account_id}>
          {(a11y) => (
            <select {...a11y} name="billing_account_id" defaultValue={sent("billing_account_id", defaults.billingAccountId ?? "")} className={inputClass}>
              <option value="">Choose a customer</option>
              {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} — {a.email}</option>)}
            </select>
          )}
        </Field>
      </FieldGroup>
      <FieldGroup legend="What you offer">
        <OfferFields state={state} plans={plans} prices={prices} />
      </FieldGroup>
      <FieldGroup legend="Terms">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Field name="trial_days" label="Trial days (optional)" hint="Blank: the plan's trial (none for individual prices)." error={f.trial_days}>
            {(a11y) => <input {...a11y} name="trial_days" type="number" min={0} max={730} inputMode="numeric" defaultValue={sent("trial_days")} className={inputClass} />}
          </Field>
          <Field name="coupon" label="Coupon code (optional)" error={f.coupon}>
            {(a11y) => <input {...a11y} name="coupon" type="text" autoComplete="off" defaultValue={sent("coupon")} className={`${inputClass} uppercase`} />}
          </Field>
          <Field name="discount_code" label="Discount code (optional)" error={f.discount_code}>
            {(a11y) => <input {...a11y} name="discount_code" type="text" autoComplete="off" defaultValue={sent("discount_code")} className={`${inputClass} uppercase`} />}
          </Field>
        </div>
        <Field name="valid_until" label="Valid until" hint={`Date and time in ${defaults.timeZone}. After it, the offer expires and can no longer be accepted.`} error={f.valid_until}>
          {(a11y) => <input {...a11y} name="valid_until" type="datetime-local" defaultValue={sent("valid_until", defaults.validUntil)} className={inputClass} />}
        </Field>
        <Field name="message" label="Message to the customer (optional)" hint="Shown with the offer in the email and the portal. Up to 2,000 characters." error={f.message}>
          {(a11y) => <textarea {...a11y} name="message" rows={4} maxLength={2000} defaultValue={sent("message")} className={inputClass} />}
        </Field>
      </FieldGroup>
      <FormStatus state={state} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton label="Create and send" pendingLabel="Saving…" name="intent" value="send" />
        <SubmitButton label="Create without sending" pendingLabel="Saving…" name="intent" value="create" variant="secondary" />
      </div>
    </form>
  );
}
