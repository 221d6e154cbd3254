"use client";

import Link from "next/link";
import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, textAfter } from "../forms/action-form";
import { Checkbox, Field, FieldError, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";

// The plan forms: create (with its items, as POST /plans), edit (PATCH /plans/:id) and the items
// picker (PUT /plans/:id/items replaces the whole set). Input names are the API's fields; an
// item is a checked price (`items` = its id) with `quantity.<id>` and `optional.<id>`.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
export type PriceOption = { priceId: string; productName: string; priceName: string; terms: string; active: boolean };
export type ItemValue = { priceId: string; quantity: number; optional: boolean };
export type PlanValues = { name: string; slug: string; description: string; trial_days: string; visibility: string; plan_group_id: string; billing_cycles: string[] };
type Group = { id: string; name: string };
type Cycle = { readonly value: string; readonly label: string };

const sentList = (state: AdminFormState, name: string) => (state.status === "error" && state.values ? (state.values[name] ?? "").split("\n").filter(Boolean) : null);

function PlanFields({ state, saved, cycles, groups }: { state: AdminFormState; saved: PlanValues; cycles: readonly Cycle[]; groups: Group[] }) {
  const v = (name: Exclude<keyof PlanValues, "billing_cycles">) => textAfter(state, name, saved[name]);
  const chosen = sentList(state, "billing_cycles") ?? saved.billing_cycles;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <Field name="name" label="Name" error={state.fields.name}>
        {(a11y) => <input {...a11y} name="name" type="text" autoComplete="off" defaultValue={v("name")} className={inputClass} />}
      </Field>
      <Field name="slug" label="Slug" hint="Also the plan's public checkout address: /checkout/<slug>." error={state.fields.slug}>
        {(a11y) => <input {...a11y} name="slug" type="text" autoComplete="off" defaultValue={v("slug")} className={`${inputClass} font-mono`} />}
      </Field>
      <Field name="trial_days" label="Trial days" error={state.fields.trial_days}>
        {(a11y) => <input {...a11y} name="trial_days" type="number" min={0} max={730} inputMode="numeric" defaultValue={v("trial_days")} className={inputClass} />}
      </Field>
      <Field name="visibility" label="Visibility" hint="Private plans are offered only by link or by the API." error={state.fields.visibility}>
        {(a11y) => (
          <select {...a11y} name="visibility" defaultValue={v("visibility")} className={inputClass}>
            <option value="public">Public (on sale at checkout)</option>
            <option value="private">Private</option>
          </select>
        )}
      </Field>
      <Field name="plan_group_id" label="Plan group" hint="Plans of one group are offered side by side (e.g. Starter, Pro)." error={state.fields.plan_group_id}>
        {(a11y) => (
          <select {...a11y} name="plan_group_id" defaultValue={v("plan_group_id")} className={inputClass}>
            <option value="">No group</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
          </select>
        )}
      </Field>
      <div className="sm:col-span-2">
        <Field name="description" label="Description (optional)" error={state.fields.description}>
          {(a11y) => <textarea {...a11y} name="description" rows={2} defaultValue={v("description")} className={inputClass} />}
        </Field>
      </div>
      <fieldset className="sm:col-span-2" aria-describedby={state.fields.billing_cycles ? "f-billing_cycles-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Billing cycles subscribers may choose</legend>
        <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-3">
          {cycles.map((c) => <Checkbox key={c.value} name="billing_cycles" value={c.value} label={c.label} defaultChecked={chosen.includes(c.value)} />)}
        </div>
        <FieldError id="f-billing_cycles-error" error={state.fields.billing_cycles} />
      </fieldset>
    </div>
  );
}

/** The plan's items: each price of the catalog with include / quantity / optional, in display order. */
export function ItemsPicker({ state, options, items }: { state: AdminFormState; options: PriceOption[]; items: ItemValue[] }) {
  const sent = sentList(state, "items");
  const byId = new Map(items.map((i) => [i.priceId, i]));
  // Current items first, in their order, then the rest of the catalog.
  const ordered = [...items.map((i) => options.find((o) => o.priceId === i.priceId)).filter((o): o is PriceOption => Boolean(o)), ...options.filter((o) => !byId.has(o.priceId))];
  return (
    <fieldset aria-describedby={state.fields.items ? "f-items-error" : "f-items-hint"}>
      <legend className="text-sm font-medium text-slate-800">Items</legend>
      <p id="f-items-hint" className="mt-1 text-xs text-slate-600">Tick the prices the plan bills, with their quantity. Optional items are add-ons the subscriber may leave out; the others must bill on one of the plan&apos;s cycles, all in one currency.</p>
      <FieldError id="f-items-error" error={state.fields.items} />
      {ordered.length === 0 ? <p className="mt-2 text-sm text-slate-600">No active prices yet: create a product with a price first.</p> : null}
      <ul className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {ordered.map((o) => {
          const item = byId.get(o.priceId);
          const included = sent ? sent.includes(o.priceId) : Boolean(item);
          const qty = textAfter(state, `quantity.${o.priceId}`, String(item?.quantity ?? 1));
          const optional = state.status === "error" && state.values ? state.values[`optional.${o.priceId}`] === "on" : Boolean(item?.optional);
          return (
            <li key={o.priceId} className="grid grid-cols-1 items-center gap-2 p-3 sm:grid-cols-[1fr_7rem_8rem]" data-testid="item-choice">
              <Checkbox name="items" value={o.priceId} label={`${o.productName} — ${o.priceName}`} hint={`${o.terms}${o.active ? "" : " (inactive)"}`} defaultChecked={included} />
              <div>
                <label htmlFor={`q-${o.priceId}`} className="sr-only">Quantity of {o.priceName}</label>
                <input id={`q-${o.priceId}`} name={`quantity.${o.priceId}`} type="number" min={0} inputMode="numeric" defaultValue={qty} className={inputClass} />
              </div>
              <Checkbox name={`optional.${o.priceId}`} label="Optional" defaultChecked={optional} />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

const EMPTY: PlanValues = { name: "", slug: "", description: "", trial_days: "0", visibility: "public", plan_group_id: "", billing_cycles: ["month/1"] };
const fresh = (state: AdminFormState): AdminFormState => (state.status === "success" ? { ...state, values: null } : state);

export function CreatePlanForm({ action, options, cycles, groups, base }: { action: Action; options: PriceOption[]; cycles: readonly Cycle[]; groups: Group[]; base: string }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Create plan">
      {(state) => (
        <>
          {state.status === "success" && state.values?.created_id ? (
            <p className="text-sm"><Link href={`${base}/${state.values.created_id}`} className="font-medium text-teal-800 underline">Open the new plan</Link></p>
          ) : null}
          <FieldGroup legend="Plan"><PlanFields state={fresh(state)} saved={EMPTY} cycles={cycles} groups={groups} /></FieldGroup>
          <FieldGroup legend="What it bills"><ItemsPicker state={fresh(state)} options={options} items={[]} /></FieldGroup>
        </>
      )}
    </ActionForm>
  );
}

export function EditPlanForm({ action, id, saved, cycles, groups }: { action: Action; id: string; saved: PlanValues; cycles: readonly Cycle[]; groups: Group[] }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save plan">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <PlanFields state={state} saved={saved} cycles={cycles} groups={groups} />
        </>
      )}
    </ActionForm>
  );
}

export function PlanItemsForm({ action, id, options, items }: { action: Action; id: string; options: PriceOption[]; items: ItemValue[] }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save items">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <ItemsPicker state={state} options={options} items={items} />
        </>
      )}
    </ActionForm>
  );
}
