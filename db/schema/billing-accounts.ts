import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

export type TaxAddress = {
  line1: string;
  number: string | null;
  complement: string | null;
  district: string | null;
  city: string;
  state: string;
  postal_code: string;
  country: string;
};

// The merchant's customer: who is billed. Rows that reference a billing account must use
// ON DELETE RESTRICT so that deleting one with history archives it instead.
export const billingAccounts = pgTable(
  "billing_accounts",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    legalName: text("legal_name"),
    email: text("email").notNull(),
    phone: text("phone"),
    documentType: text("document_type", { enum: ["cpf", "cnpj"] }),
    document: text("document"),
    taxAddress: jsonb("tax_address").$type<TaxAddress>(),
    externalId: text("external_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    archivedAt: ts("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("billing_accounts_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("billing_accounts_org_email_idx").on(t.organizationId, sql`lower(${t.email})`),
    uniqueIndex("billing_accounts_org_external_id_key").on(t.organizationId, t.externalId),
    check("billing_accounts_document_pair", sql`(${t.document} IS NULL) = (${t.documentType} IS NULL)`),
  ],
);

export type BillingAccount = typeof billingAccounts.$inferSelect;
