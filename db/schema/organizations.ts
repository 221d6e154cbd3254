import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";

export type MerchantAddress = { line1: string; line2: string | null; city: string; state: string; postal_code: string; country: string };

// An organization is a tenant. A live organization may have one sandbox organization
// (mode = 'test') linked through live_organization_id: test/live separation is tenant separation.
export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    mode: text("mode", { enum: ["live", "test"] }).notNull().default("live"),
    liveOrganizationId: uuid("live_organization_id").references((): AnyPgColumn => organizations.id, {
      onDelete: "cascade",
    }),
    status: text("status", { enum: ["active", "suspended"] }).notNull().default("active"),
    defaultCurrency: text("default_currency").notNull().default("BRL"),
    locale: text("locale").notNull().default("pt-BR"),
    timezone: text("timezone").notNull().default("America/Sao_Paulo"),
    // API rate limit for this organization's keys; null = the deployment default.
    rateLimitPerSecond: integer("rate_limit_per_second"),
    rateLimitBurst: integer("rate_limit_burst"),
    // Billing: invoices fall due this many days after finalization; a failed charge is retried
    // this many days after the first failure (each), then the subscription goes to dunning_final_status.
    invoiceDueDays: integer("invoice_due_days").notNull().default(5),
    dunningRetryDays: integer("dunning_retry_days").array().notNull().default(sql`'{1,3,5,7}'::integer[]`),
    dunningFinalStatus: text("dunning_final_status", { enum: ["past_due", "unpaid", "canceled"] }).notNull().default("unpaid"),
    // Merchant legal data and brand, printed on invoices (the portal settings build on these).
    legalName: text("legal_name"),
    taxId: text("tax_id"),
    address: jsonb("address").$type<MerchantAddress>(),
    supportEmail: text("support_email"),
    brandColor: text("brand_color").notNull().default("#4f46e5"),
    logoUrl: text("logo_url"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    uniqueIndex("organizations_sandbox_key").on(t.liveOrganizationId),
    index("organizations_created_at_idx").on(t.createdAt),
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check(
      "organizations_sandbox_link",
      sql`(${t.mode} = 'live' AND ${t.liveOrganizationId} IS NULL) OR (${t.mode} = 'test' AND ${t.liveOrganizationId} IS NOT NULL)`,
    ),
    check("organizations_currency_format", sql`${t.defaultCurrency} ~ '^[A-Z]{3}$'`),
    check("organizations_dunning", sql`${t.invoiceDueDays} between 0 and 365 and cardinality(${t.dunningRetryDays}) <= 10`),
    check("organizations_brand_color", sql`${t.brandColor} ~ '^#[0-9a-fA-F]{6}$'`),
    check("organizations_rate_limit_positive", sql`coalesce(${t.rateLimitPerSecond}, 1) > 0 AND coalesce(${t.rateLimitBurst}, 1) > 0`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
