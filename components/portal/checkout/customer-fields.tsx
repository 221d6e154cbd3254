"use client";

import type { Locale } from "@/lib/i18n/locale";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { Field, legendClass, sectionClass } from "./field";

export type CustomerValues = Record<string, string>;
const ADDRESS = ["postal_code", "line1", "number", "complement", "district", "city", "state"] as const;

/** Name, email, phone, CPF/CNPJ and the address; errors come from the server keyed by field path. */
export function CustomerFields({ locale, values, onChange, errors, disabled }: { locale: Locale; values: CustomerValues; onChange: (name: string, value: string) => void; errors: Record<string, string>; disabled: boolean }) {
  const m = pick(checkoutMessages, locale);
  const c = m.customer;
  const bind = (name: string) => ({ value: values[name] ?? "", onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(name, e.target.value), disabled });
  const autoComplete: Record<string, string> = { postal_code: "postal-code", line1: "address-line1", complement: "address-line2", city: "address-level2", state: "address-level1", district: "address-level3" };
  return (
    <section aria-labelledby="step-customer" className={sectionClass}>
      <h2 id="step-customer" className={legendClass}>{m.steps.customer}</h2>
      <div className="grid gap-4 sm:grid-cols-6">
        <Field id="customer-name" label={c.name} autoComplete="name" required className="sm:col-span-6" error={errors["customer.name"]} {...bind("name")} />
        <Field id="customer-email" label={c.email} type="email" autoComplete="email" required hint={c.emailHint} className="sm:col-span-3" error={errors["customer.email"]} {...bind("email")} />
        <Field id="customer-phone" label={c.phone} type="tel" autoComplete="tel" className="sm:col-span-3" error={errors["customer.phone"]} {...bind("phone")} />
        <Field id="customer-document" label={c.document} inputMode="numeric" required className="sm:col-span-3" error={errors["customer.document"]} {...bind("document")} />
        {ADDRESS.map((name) => (
          <Field
            key={name} id={`address-${name}`} label={c[name]} autoComplete={autoComplete[name]}
            required={name !== "complement"} inputMode={name === "postal_code" ? "numeric" : undefined} maxLength={name === "state" ? 2 : undefined}
            className={name === "line1" || name === "city" ? "sm:col-span-4" : name === "postal_code" ? "sm:col-span-3" : "sm:col-span-2"}
            error={errors[`customer.tax_address.${name}`]} {...bind(name)}
          />
        ))}
      </div>
    </section>
  );
}
