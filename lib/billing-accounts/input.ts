import { metadataInput, metadataPatchInput } from "@/lib/api/metadata";
import { z } from "zod";
import { classifyDocument } from "./documents";

// Input rules for billing accounts, shared by the API (and later the admin forms).
export const UFS = ["AC","AL","AP","AM","BA","CE","DF","ES","GO","MA","MT","MS","MG","PA","PB","PR","PE","PI","RJ","RN","RS","RO","RR","SC","SP","SE","TO"] as const;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const documentInput = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const doc = classifyDocument(v);
    if (!doc) {
      ctx.addIssue({ code: "custom", message: "not a valid CPF or CNPJ (check digits do not match)" });
      return z.NEVER;
    }
    return doc;
  })
  .meta({ description: "CPF (11 digits) or CNPJ (14 characters, alphanumeric allowed), punctuation optional", examples: ["11.222.333/0001-81", "12.ABC.345/01DE-35"] });

export const taxAddressInput = z
  .strictObject({
    line1: text(200).meta({ description: "Street (logradouro)" }),
    number: text(20).nullable().default(null),
    complement: text(100).nullable().default(null),
    district: text(100).nullable().default(null).meta({ description: "Bairro" }),
    city: text(100),
    state: z.string().trim().toUpperCase().min(2).max(3).meta({ description: "UF for Brazil, e.g. SP" }),
    postal_code: z.string().trim().max(16).meta({ description: "CEP for Brazil (8 digits)" }),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code").default("BR"),
  })
  .superRefine((a, ctx) => {
    if (a.country !== "BR") return;
    if (!(UFS as readonly string[]).includes(a.state)) ctx.addIssue({ code: "custom", path: ["state"], message: "must be a Brazilian UF such as SP" });
    if (!/^\d{5}-?\d{3}$/.test(a.postal_code)) ctx.addIssue({ code: "custom", path: ["postal_code"], message: "must be a CEP with 8 digits" });
  })
  .transform((a) => ({ ...a, postal_code: a.country === "BR" ? a.postal_code.replace("-", "") : a.postal_code }));


export const createBillingAccountInput = z.strictObject({
  name: text(200),
  legal_name: text(200).nullish(),
  email: z.email("must be a valid email address").max(254),
  phone: z.string().trim().regex(/^\+?[0-9 ().-]{8,24}$/, "must be a phone number such as +55 11 91234-5678").nullish(),
  document: documentInput.nullish(),
  tax_address: taxAddressInput.nullish(),
  external_id: text(255).nullish().meta({ description: "Your id for this customer; unique per organization" }),
  metadata: metadataInput.optional(),
});

// PATCH: every field optional; null clears it. metadata merges, a key set to "" or null is removed.
export const updateBillingAccountInput = createBillingAccountInput.partial().extend({
  name: text(200).optional(),
  email: z.email("must be a valid email address").max(254).optional(),
  metadata: metadataPatchInput.optional(),
});

export type CreateBillingAccountInput = z.output<typeof createBillingAccountInput>;
export type UpdateBillingAccountInput = z.output<typeof updateBillingAccountInput>;
