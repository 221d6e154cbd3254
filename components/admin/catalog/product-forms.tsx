"use client";

import Link from "next/link";
import type { AdminFormState } from "@/lib/admin/form-state";
import { ActionForm, checkedAfter, textAfter } from "../forms/action-form";
import { Checkbox, Field, inputClass } from "../forms/field";
import { FieldGroup } from "../forms/section-card";
import { PRODUCT_TYPES } from "./format";
import { PriceFields } from "./price-fields";

// The product forms: create (with its first price, in one transaction, as POST /products does)
// and edit (PATCH /products/:id). Input names are the API's fields.
type Action = (prev: AdminFormState, form: FormData) => Promise<AdminFormState>;
export type ProductValues = {
  name: string; slug: string; description: string; product_type: string; parent_product_id: string; product_group_id: string; service_item_id: string; self_service_editable: boolean;
};
type ParentChoice = { id: string; name: string };
export type ProductRefs = { groups: ParentChoice[]; serviceItems: ParentChoice[] };

function ProductFields({ state, saved, parents, refs }: { state: AdminFormState; saved: ProductValues; parents: ParentChoice[]; refs: ProductRefs }) {
  const v = (name: keyof ProductValues) => textAfter(state, name, String(saved[name]));
  const choose = (name: "product_group_id" | "service_item_id", label: string, none: string, choices: ParentChoice[], hint?: string) => (
    <Field name={name} label={label} hint={hint} error={state.fields[name]}>
      {(a11y) => (
        <select {...a11y} name={name} defaultValue={v(name)} className={inputClass}>
          <option value="">{none}</option>
          {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      )}
    </Field>
  );
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
      <Field name="name" label="Name" error={state.fields.name}>
        {(a11y) => <input {...a11y} name="name" type="text" autoComplete="off" defaultValue={v("name")} className={inputClass} />}
      </Field>
      <Field name="slug" label="Slug" hint="Lower-case letters, digits and hyphens; unique in the catalog." error={state.fields.slug}>
        {(a11y) => <input {...a11y} name="slug" type="text" autoComplete="off" defaultValue={v("slug")} className={`${inputClass} font-mono`} />}
      </Field>
      <Field name="product_type" label="Type" error={state.fields.product_type}>
        {(a11y) => (
          <select {...a11y} name="product_type" defaultValue={v("product_type")} className={inputClass}>
            {PRODUCT_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
          </select>
        )}
      </Field>
      <Field name="parent_product_id" label="Parent product (add-ons)" hint="An add-on belongs to a base product." error={state.fields.parent_product_id}>
        {(a11y) => (
          <select {...a11y} name="parent_product_id" defaultValue={v("parent_product_id")} className={inputClass}>
            <option value="">None</option>
            {parents.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        )}
      </Field>
      {choose("product_group_id", "Product group", "No group", refs.groups)}
      {choose("service_item_id", "Service item (NF-e)", "None", refs.serviceItems, "The tax data used on invoices of this product.")}
      <div className="sm:col-span-2">
        <Field name="description" label="Description (optional)" error={state.fields.description}>
          {(a11y) => <textarea {...a11y} name="description" rows={2} defaultValue={v("description")} className={inputClass} />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Checkbox name="self_service_editable" label="Customers may add or remove it in the portal" defaultChecked={checkedAfter(state, "self_service_editable", saved.self_service_editable)} />
      </div>
    </div>
  );
}

const EMPTY: ProductValues = { name: "", slug: "", description: "", product_type: "base", parent_product_id: "", product_group_id: "", service_item_id: "", self_service_editable: false };

export function CreateProductForm({ action, parents, refs, base }: { action: Action; parents: ParentChoice[]; refs: ProductRefs; base: string }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Create product">
      {(state) => (
        <>
          {state.status === "success" && state.values?.created_id ? (
            <p className="text-sm"><Link href={`${base}/${state.values.created_id}`} className="font-medium text-teal-800 underline">Open the new product</Link></p>
          ) : null}
          <FieldGroup legend="Product">
            <ProductFields state={state.status === "success" ? { ...state, values: null } : state} saved={EMPTY} parents={parents} refs={refs} />
          </FieldGroup>
          <FieldGroup legend="First price (optional)" description="Created with the product, in the same transaction: if the price is refused, nothing is saved.">
            <PriceFields prefix="prices." state={state.status === "success" ? { ...state, values: null } : state} optional />
          </FieldGroup>
        </>
      )}
    </ActionForm>
  );
}

export function EditProductForm({ action, id, saved, parents, refs }: { action: Action; id: string; saved: ProductValues; parents: ParentChoice[]; refs: ProductRefs }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save product">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          <ProductFields state={state} saved={saved} parents={parents} refs={refs} />
        </>
      )}
    </ActionForm>
  );
}

export function AddPriceForm({ action, productId }: { action: Action; productId: string }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Add price">
      {(state) => (
        <>
          <input type="hidden" name="product_id" value={productId} />
          <PriceFields state={state.status === "success" ? { ...state, values: null } : state} />
        </>
      )}
    </ActionForm>
  );
}

export function EditPriceForm({ action, id, saved, inUse }: { action: Action; id: string; saved: Record<string, string>; inUse: boolean }) {
  return (
    <ActionForm action={action} canWrite submitLabel="Save price">
      {(state) => (
        <>
          <input type="hidden" name="id" value={id} />
          {inUse ? <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">Plans or subscriptions use this price, so only its name can change: for new terms, add a new price and deactivate this one.</p> : null}
          <PriceFields state={state} saved={saved} />
        </>
      )}
    </ActionForm>
  );
}
