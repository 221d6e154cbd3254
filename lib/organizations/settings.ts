import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { organizations, type Organization } from "@/db/schema";
import { text } from "@/lib/api/fields";
import { classifyDocument } from "@/lib/billing-accounts/documents";

// The organization's billing settings (invoice due days, dunning) and the legal data and brand
// its invoices carry. Read and changed through GET/PATCH /api/v1/organization.
const addressInput = z.strictObject({
  line1: text(200),
  line2: text(200).nullish().transform((v) => v ?? null),
  city: text(100),
  state: text(50),
  postal_code: text(20),
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as BR").default("BR"),
});

export const updateOrganizationInput = z
  .strictObject({
    invoice_due_days: z.number().int().min(0).max(365).meta({ description: "Days from finalization to an invoice's due date" }),
    dunning_retry_days: z
      .array(z.number().int().min(1).max(60))
      .max(10)
      .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), "must be increasing")
      .meta({ description: "Days after finalization when a failed charge is retried (default [1, 3, 5, 7]); [] for no retries" }),
    dunning_final_status: z.enum(["past_due", "unpaid", "canceled"]).meta({ description: "What a subscription becomes when the last retry fails" }),
    legal_name: text(200).nullable(),
    tax_id: z
      .string()
      .nullable()
      .refine((v) => v === null || classifyDocument(v)?.type === "cnpj", "must be a valid CNPJ")
      .transform((v) => (v === null ? null : classifyDocument(v)!.value)),
    address: addressInput.nullable(),
    support_email: z.email("must be a valid email address").max(254).nullable(),
    brand_color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a hex colour such as #4f46e5"),
    logo_url: z
      .string()
      .max(300_000)
      .regex(/^(https:\/\/|data:image\/(png|jpeg);base64,)/, "must be an https:// URL or a data:image/png|jpeg;base64 URL")
      .nullable()
      .meta({ description: "Printed on invoice PDFs when it is a data: URL (PDFs are rendered without network access)" }),
  })
  .partial();

export type UpdateOrganizationInput = z.output<typeof updateOrganizationInput>;

export async function getOrganization(db: DbOrTx, organizationId: string): Promise<Organization> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  return row!;
}

export async function updateOrganizationSettings(db: DbOrTx, organizationId: string, input: UpdateOrganizationInput): Promise<Organization> {
  const changes: Partial<typeof organizations.$inferInsert> = { updatedAt: sql`clock_timestamp()` as unknown as Date };
  if (input.invoice_due_days !== undefined) changes.invoiceDueDays = input.invoice_due_days;
  if (input.dunning_retry_days !== undefined) changes.dunningRetryDays = input.dunning_retry_days;
  if (input.dunning_final_status !== undefined) changes.dunningFinalStatus = input.dunning_final_status;
  if (input.legal_name !== undefined) changes.legalName = input.legal_name;
  if (input.tax_id !== undefined) changes.taxId = input.tax_id;
  if (input.address !== undefined) changes.address = input.address;
  if (input.support_email !== undefined) changes.supportEmail = input.support_email;
  if (input.brand_color !== undefined) changes.brandColor = input.brand_color.toLowerCase();
  if (input.logo_url !== undefined) changes.logoUrl = input.logo_url;
  const [row] = await db.update(organizations).set(changes).where(eq(organizations.id, organizationId)).returning();
  return row!;
}
