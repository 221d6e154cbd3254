"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { IDLE_FORM, type AdminFormState } from "@/lib/admin/form-state";
import type { CustomerFormState } from "@/lib/admin/customer-forms";
import { FieldGroup } from "../forms/section-card";
import { Field, inputClass } from "../forms/field";
import { FormStatus } from "../forms/form-status";
import { SubmitButton } from "../forms/submit-button";

// The billing account form (new customer, edit details). Input names are the API's field paths
// (`tax_address.postal_code`), so the schema's messages land under their fields.
export type CustomerValues = Record<string, string>;
type Action = (prev: AdminFormState, form: FormData) => Promise<CustomerFormState>;

function Text({ state, saved, name, label, hint, type = "text", autoComplete = "off", className = "" }: {
  state: AdminFormState; saved: CustomerValues; name: string; label: string; hint?: string; type?: string; autoComplete?: string; className?: string;
}) {
  const value = state.status === "error" ? (state.values?.[name] ?? "") : (saved[name] ?? "");
  return (
    <div className={className}>
      <Field name={name} label={label} hint={hint} error={state.fields[name]}>
        {(a11y) => <input {...a11y} name={name} type={type} autoComplete={autoComplete} defaultValue={value} className={inputClass} />}
      </Field>
    </div>
  );
}

/** New customer (`id` absent) or the account's details; on create, the new account opens. */
export function CustomerForm({ action, saved, id, base, readOnly = false }: { action: Action; saved: CustomerValues; id?: string; base: string; readOnly?: boolean }) {
  const [state, formAction] = useActionState(action, IDLE_FORM);
  const router = useRouter();
  const created = (state as CustomerFormState).createdId;
  useEffect(() => {
    if (created) router.push(`${base}/${created}`);
  }, [created, base, router]);
  const p = { state, saved };
  return (
    <form key={state.seq} action={formAction} noValidate className="space-y-6" aria-label={id ? "Customer details" : "New customer"}>
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <FieldGroup legend="Customer" description="Who you bill. Invoices show the legal name, document and tax address.">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
            <Text {...p} name="name" label="Name" hint="As you and the customer know it." autoComplete="organization" />
            <Text {...p} name="legal_name" label="Legal name (optional)" hint="Razão social, for invoices." />
            <Text {...p} name="email" label="Billing email" type="email" autoComplete="email" hint="Invoices and receipts are sent here." />
            <Text {...p} name="phone" label="Phone (optional)" type="tel" autoComplete="tel" hint="e.g. +55 11 91234-5678" />
            <Text {...p} name="document" label="CPF or CNPJ (optional)" hint="Punctuation optional; the check digits are verified." />
            <Text {...p} name="external_id" label="External id (optional)" hint="Your id for this customer; unique in this organization." />
          </div>
        </FieldGroup>
        <FieldGroup legend="Tax address (optional)" description="Leave every field blank for no address. For Brazil: the UF and an 8-digit CEP.">
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-6">
            <Text {...p} name="tax_address.line1" label="Street" autoComplete="address-line1" className="sm:col-span-4" />
            <Text {...p} name="tax_address.number" label="Number" className="sm:col-span-2" />
            <Text {...p} name="tax_address.complement" label="Complement" autoComplete="address-line2" className="sm:col-span-3" />
            <Text {...p} name="tax_address.district" label="District (bairro)" className="sm:col-span-3" />
            <Text {...p} name="tax_address.city" label="City" autoComplete="address-level2" className="sm:col-span-3" />
            <Text {...p} name="tax_address.state" label="State (UF)" autoComplete="address-level1" className="sm:col-span-1" />
            <Text {...p} name="tax_address.postal_code" label="Postal code (CEP)" autoComplete="postal-code" className="sm:col-span-2" />
            <Text {...p} name="tax_address.country" label="Country" hint="Two letters; blank is BR." autoComplete="country" className="sm:col-span-2" />
          </div>
        </FieldGroup>
      </fieldset>
      <FormStatus state={state} />
      {readOnly ? null : <SubmitButton label={id ? "Save customer" : "Create customer"} pendingLabel="Saving…" />}
    </form>
  );
}
