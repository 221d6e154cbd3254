"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";
import type { Action } from "./record-action";

// A new subscription: customer, plan and one of the plan's billing cycles, optional trial days
// (the plan's by default) and coupon. The API's schema and service check everything again.
type Plan = {
  id: string; name: string; billingCycles: Array<{ interval: string; interval_count: number }>; trialDays: number;
  quantityItems: Array<{ priceId: string; label: string; quantity: number; interval: string; intervalCount: number }>;
};
type Account = { id: string; name: string; email: string };

const cycleLabel = (c: { interval: string; interval_count: number }) => (c.interval_count === 1 ? (c.interval === "month" ? "Monthly" : "Yearly") : `Every ${c.interval_count} ${c.interval}s`);

export function NewSubscriptionForm({ action, plans, accounts, base, accountId }: { action: Action; plans: Plan[]; accounts: Account[]; base: string; accountId?: string }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const sent = (name: string) => (state.status === "error" ? (state.values?.[name] ?? "") : "");
  const [planId, setPlanId] = useState(sent("plan_id"));
  const plan = plans.find((p) => p.id === planId);
  const firstCycle = (p?: Plan) => (p?.billingCycles[0] ? `${p.billingCycles[0].interval}:${p.billingCycles[0].interval_count}` : "");
  const [cycle, setCycle] = useState(sent("billing_cycle") || firstCycle(plan));
  const [interval, count] = cycle.split(":");
  const quantityItems = (plan?.quantityItems ?? []).filter((i) => i.interval === interval && String(i.intervalCount) === count);
  if (state.status === "success" && state.values?.id) {
    return (
      <div className="space-y-3">
        <FormStatus state={state} />
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href={`${base}/${state.values.id}`} className="font-semibold text-teal-800 underline">Open the new subscription</Link>
          <Link href={base} className="text-teal-800 underline">Back to subscriptions</Link>
        </div>
      </div>
    );
  }
  return (
    <form key={state.seq} action={formAction} noValidate className="max-w-xl space-y-4" aria-labelledby="new-subscription-heading">
      <Field name="billing_account_id" label="Customer" error={state.fields.billing_account_id}>
        {(a11y) => (
          <select {...a11y} name="billing_account_id" defaultValue={sent("billing_account_id") || accountId} className={inputClass}>
            <option value="">Choose a customer…</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.email})</option>)}
          </select>
        )}
      </Field>
      <Field name="plan_id" label="Plan" error={state.fields.plan_id}>
        {(a11y) => (
          <select {...a11y} name="plan_id" value={planId} onChange={(e) => {
            setPlanId(e.target.value);
            setCycle(firstCycle(plans.find((p) => p.id === e.target.value)));
          }} className={inputClass}>
            <option value="">Choose a plan…</option>
            {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        )}
      </Field>
      <Field name="billing_cycle" label="Billing cycle" hint={plan ? undefined : "Choose a plan first."} error={state.fields.billing_cycle}>
        {(a11y) => (
          <select {...a11y} name="billing_cycle" value={cycle} onChange={(e) => setCycle(e.target.value)} className={inputClass} disabled={!plan}>
            {(plan?.billingCycles ?? []).map((c) => <option key={`${c.interval}:${c.interval_count}`} value={`${c.interval}:${c.interval_count}`}>{cycleLabel(c)}</option>)}
          </select>
        )}
      </Field>
      {quantityItems.map((item) => (
        <Field key={item.priceId} name={`quantities.${item.priceId}`} label={`Quantity: ${item.label}`} error={state.fields[`quantities.${item.priceId}`]}>
          {(a11y) => <input {...a11y} name={`quantities.${item.priceId}`} type="number" min={0} inputMode="numeric" defaultValue={sent(`quantities.${item.priceId}`) || String(item.quantity)} className={`${inputClass} max-w-32`} />}
        </Field>
      ))}
      <Field name="trial_days" label="Trial days (optional)" hint={plan ? `The plan's default is ${plan.trialDays} days.` : "Leave empty for the plan's default."} error={state.fields.trial_days}>
        {(a11y) => <input {...a11y} name="trial_days" type="number" min={0} max={730} inputMode="numeric" defaultValue={sent("trial_days")} className={`${inputClass} max-w-32`} />}
      </Field>
      <Field name="coupon" label="Coupon code (optional)" error={state.fields.coupon}>
        {(a11y) => <input {...a11y} name="coupon" type="text" autoComplete="off" defaultValue={sent("coupon")} className={`${inputClass} max-w-64 uppercase`} />}
      </Field>
      <FormStatus state={state} />
      <SubmitButton label="Create subscription" pendingLabel="Creating…" />
    </form>
  );
}
