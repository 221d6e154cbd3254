import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { billingAccounts } from "./billing-accounts";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// The credit ledger of a billing account. Applications to invoices (credit_applications)
// arrive with invoices; amount_remaining_cents is what is left to apply.
const money = (name: string) => bigint(name, { mode: "number" });

export const credits = pgTable(
  "credits",
  {
    id: id(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    billingAccountId: uuid("billing_account_id").notNull().references(() => billingAccounts.id, { onDelete: "restrict" }),
    creditType: text("credit_type", { enum: ["promotional", "adjustment", "refund", "manual"] }).notNull(),
    amountCents: money("amount_cents").notNull(),
    amountRemainingCents: money("amount_remaining_cents").notNull(),
    currency: text("currency").notNull().default("BRL"),
    expiresAt: ts("expires_at"),
    description: text("description"),
    status: text("status", { enum: ["active", "voided", "expired"] }).notNull().default("active"),
    voidedAt: ts("voided_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("credits_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("credits_account_idx").on(t.organizationId, t.billingAccountId, t.status),
    check("credits_amounts", sql`${t.amountCents} > 0 and ${t.amountRemainingCents} between 0 and ${t.amountCents}`),
    check("credits_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export type Credit = typeof credits.$inferSelect;
