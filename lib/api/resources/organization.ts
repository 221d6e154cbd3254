import { z } from "zod";
import type { Organization } from "@/db/schema";
import { updateOrganizationInput } from "@/lib/organizations/settings";
import { defineOperation } from "../operation";

// The authenticated key's organization: its identity, billing settings and invoice branding.
export const organizationObject = z
  .object({
    id: z.uuid(),
    object: z.literal("organization"),
    livemode: z.boolean(),
    name: z.string(),
    slug: z.string(),
    default_currency: z.string(),
    locale: z.string(),
    timezone: z.string(),
    invoice_due_days: z.number().int(),
    dunning_retry_days: z.array(z.number().int()),
    dunning_final_status: z.enum(["past_due", "unpaid", "canceled"]),
    legal_name: z.string().nullable(),
    tax_id: z.string().nullable(),
    address: z.object({ line1: z.string(), line2: z.string().nullable(), city: z.string(), state: z.string(), postal_code: z.string(), country: z.string() }).nullable(),
    support_email: z.string().nullable(),
    brand_color: z.string(),
    logo_url: z.string().nullable(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Organization" });

export function serializeOrganization(o: Organization): z.output<typeof organizationObject> {
  return {
    id: o.id, object: "organization", livemode: o.mode === "live", name: o.name, slug: o.slug, default_currency: o.defaultCurrency,
    locale: o.locale, timezone: o.timezone, invoice_due_days: o.invoiceDueDays, dunning_retry_days: o.dunningRetryDays,
    dunning_final_status: o.dunningFinalStatus, legal_name: o.legalName, tax_id: o.taxId, address: o.address,
    support_email: o.supportEmail, brand_color: o.brandColor, logo_url: o.logoUrl, updated_at: o.updatedAt.toISOString(),
  };
}

const tag = "organization";
export const organizationOps = {
  retrieve: defineOperation({
    operationId: "retrieveOrganization", method: "GET", path: "/organization", tag, summary: "Retrieve your organization and its billing settings",
    scope: "organization:read", response: organizationObject,
  }),
  update: defineOperation({
    operationId: "updateOrganization", method: "PATCH", path: "/organization", tag, summary: "Update billing settings and invoice branding",
    description: "Invoice due days, the dunning schedule and final status, and the legal data and brand printed on invoices. The sandbox organization has its own settings.",
    scope: "organization:write", body: updateOrganizationInput, response: organizationObject,
  }),
};
