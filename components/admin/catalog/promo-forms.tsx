"use client";

import Link from "next/link";
import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, textAfter } from "../forms/action-form";
import { Checkbox, Field, FieldError, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// Coupons (POST/PATCH /coupons) and discount codes (POST/PATCH /discount_codes). The discount
// itself is fixed at creation; the edit forms hold what PATCH may change. Percentages are typed
// as percents (12,5), amounts as decimals (50,00); instants in UTC.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
type Named = { id: string; name: string };
export type CouponLimits = {
  name: string; usage_limit: string; usage_limit_per_user: string; min_purchase_cents: string; max_discount_cents: string; valid_from: string; valid_until: string;
  "applies_to.product_ids": string[]; "applies_to.plan_ids": string[]; "excludes.product_ids": string[]; "excludes.plan_ids": string[];
};
export type DiscountLimits = { max_redemptions: string; expires_at: string };

const fresh = (state: AdminFormState): AdminFormState => (state.status === "success" ? { ...state, values: null } : state);

function Input({ state, name, label, hint, saved = "", type = "text", mode }: { state: AdminFormState; name: string; label: string; hint?: string; saved?: string; type?: string; mode?: "decimal" | "numeric" }) {
  return (
    <Field name={name} label={label} hint={hint} error={state.fields[name]}>
      {(a11y) => <input {...a11y} name={name} type={type} inputMode={mode} autoComplete="off" defaultValue={textAfter(state, name, saved)} className={inputClass} />}
    </Field>
  );
}

function Select({ state, name, label, options, saved, hint }: { state: AdminFormState; name: string; label: string; options: ReadonlyArray<[string, string]>; saved: string; hint?: string }) {
  return (
    <Field name={name} label={label} hint={hint} error={state.fields[name]}>
      {(a11y) => (
        <select {...a11y} name={name} defaultValue={textAfter(state, name, saved)} className={inputClass}>
          {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      )}
    </Field>
  );
}

/** Checkboxes of ids (a coupon's applies_to / excludes), named `side.kind` as in the API. */
function IdChecklist({ state, name, legend, choices, saved }: { state: AdminFormState; name: string; legend: string; choices: Named[]; saved: string[] }) {
  const sent = state.status === "error" && state.values ? (state.values[name] ?? "").split("\n").filter(Boolean) : saved;
  const errorId = `${name.replace(/\W/g, "-")}-error`;
  return (
    <fieldset aria-describedby={state.fields[name] ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {choices.length === 0 ? <p className="mt-1 text-xs text-slate-600">None yet.</p> : null}
      <div className="mt-2 grid max-h-48 grid-cols-1 gap-2 overflow-y-auto sm:grid-cols-2">
        {choices.map((c) => <Checkbox key={c.id} name={name} value={c.id} label={c.name} defaultChecked={sent.includes(c.id)} />)}
      </div>
      <FieldError id={errorId} error={state.fields[name]} />
    </fieldset>
  );
}

const UTC_HINT = "In UTC (Coordinated Universal Time).";

function CouponLimitFields({ state, saved, products, plans }: { state: AdminFormState; saved: CouponLimits; products: Named[]; plans: Named[] }) {
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Input state={state} name="name" label="Name (optional)" saved={saved.name} />
        <Input state={state} name="usage_limit" label="Total redemptions allowed" hint="Empty = no limit." saved={saved.usage_limit} type="number" mode="numeric" />
        <Input state={state} name="usage_limit_per_user" label="Redemptions per billing account" hint="Empty = no limit." saved={saved.usage_limit_per_user} type="number" mode="numeric" />
        <Input state={state} name="min_purchase_cents" label="Minimum purchase (R$)" hint="Empty = any subtotal." saved={saved.min_purchase_cents} mode="decimal" />
        <Input state={state} name="max_discount_cents" label="Maximum discount (R$)" hint="A cap on one redemption's discount; empty = none." saved={saved.max_discount_cents} mode="decimal" />
        <div />
        <Input state={state} name="valid_from" label="Valid from" hint={UTC_HINT} saved={saved.valid_from} type="datetime-local" />
        <Input state={state} name="valid_until" label="Valid until" hint={`${UTC_HINT} Exclusive.`} saved={saved.valid_until} type="datetime-local" />
      </div>
      <p className="text-sm text-slate-600">Applies to: nothing ticked = every product and plan.</p>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <IdChecklist state={state} name="applies_to.product_ids" legend="Applies to products" choices={products} saved={saved["applies_to.product_ids"]} />
        <IdChecklist state={state} name="applies_to.plan_ids" legend="Applies to plans" choices={plans} saved={saved["applies_to.plan_ids"]} />
        <IdChecklist state={state} name="excludes.product_ids" legend="Excludes products" choices={products} saved={saved["excludes.product_ids"]} />
        <IdChecklist state={state} name="excludes.plan_ids" legend="Excludes plans" choices={plans} saved={saved["excludes.plan_ids"]} />
      </div>
    </>
  );
}

const NO_LIMITS: CouponLimits = {
  name: "", usage_limit: "", usage_limit_per_user: "", min_purchase_cents: "", max_discount_cents: "", valid_from: "", valid_until: "",
  "applies_to.product_ids": [], "applies_to.plan_ids": [], "excludes.product_ids": [], "excludes.plan_ids": [],
};

function Created({ state, base, what }: { state: AdminFormState; base: string; what: string }) {
  return state.status === "success" && state.values?.created_id ? (
    <p className="text-sm"><Link href={`${base}/${state.values.created_id}`} className="font-medium text-teal-800 underline">Open the new {what}</Link></p>
  ) : null;
}

export function CreateCouponForm({ action, base, products, plans }: { action: Action; base: string; products: Named[]; plans: Named[] }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Create coupon">
      {(raw) => {
        const state = fresh(raw);
        return (
          <>
            <Created state={raw} base={base} what="coupon" />
            <FieldGroup legend="Discount" description="Fixed once created: to change it, create a new coupon.">
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Input state={state} name="code" label="Code" hint="3–64 letters, digits, - or _; customers type it in any case." />
                <Select state={state} name="discount_type" label="Discount type" options={[["percentage", "Percentage"], ["fixed_amount", "Fixed amount"]]} saved="percentage" />
                <Input state={state} name="percent_off_bps" label="Percent off (%)" hint="Percentage coupons: e.g. 10 or 12,5." mode="decimal" />
                <Input state={state} name="amount_off_cents" label="Amount off (R$)" hint="Fixed-amount coupons: e.g. 50,00." mode="decimal" />
                <Input state={state} name="currency" label="Currency (fixed amount, optional)" hint="Empty = the organization's currency (BRL)." />
              </div>
            </FieldGroup>
            <FieldGroup legend="Limits and scope"><CouponLimitFields state={state} saved={NO_LIMITS} products={products} plans={plans} /></FieldGroup>
          </>
        );
      }}
    </ActionForm>
  );
}

export function EditCouponForm({ action, id, saved, products, plans }: { action: Action; id: string; saved: CouponLimits; products: Named[]; plans: Named[] }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save coupon">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <CouponLimitFields state={state} saved={saved} products={products} plans={plans} />
        </>
      )}
    </ActionForm>
  );
}

function DiscountLimitFields({ state, saved }: { state: AdminFormState; saved: DiscountLimits }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <Input state={state} name="max_redemptions" label="Total redemptions allowed" hint="Empty = no limit." saved={saved.max_redemptions} type="number" mode="numeric" />
      <Input state={state} name="expires_at" label="Expires at" hint={`${UTC_HINT} Empty = never.`} saved={saved.expires_at} type="datetime-local" />
    </div>
  );
}

export function CreateDiscountCodeForm({ action, base }: { action: Action; base: string }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Create discount code">
      {(raw) => {
        const state = fresh(raw);
        return (
          <>
            <Created state={raw} base={base} what="discount code" />
            <FieldGroup legend="Discount" description="Either a percentage or an amount off, fixed once created.">
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
                <Input state={state} name="code" label="Code" hint="3–64 letters, digits, - or _; customers type it in any case." />
                <Select state={state} name="duration" label="Duration" saved="once" options={[["once", "Once (the first invoice)"], ["repeating", "For some months"], ["forever", "Forever"]]} />
                <Input state={state} name="percent_off_bps" label="Percent off (%)" hint="e.g. 20 or 12,5; or an amount off." mode="decimal" />
                <Input state={state} name="amount_off_cents" label="Amount off (R$)" hint="e.g. 50,00; or a percent off." mode="decimal" />
                <Input state={state} name="currency" label="Currency (amount off, optional)" hint="Empty = the organization's currency (BRL)." />
                <Input state={state} name="duration_in_months" label="Months (for some months)" type="number" mode="numeric" />
              </div>
            </FieldGroup>
            <FieldGroup legend="Limits"><DiscountLimitFields state={state} saved={{ max_redemptions: "", expires_at: "" }} /></FieldGroup>
          </>
        );
      }}
    </ActionForm>
  );
}

export function EditDiscountCodeForm({ action, id, saved }: { action: Action; id: string; saved: DiscountLimits }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save discount code">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <DiscountLimitFields state={state} saved={saved} />
        </>
      )}
    </ActionForm>
  );
}
