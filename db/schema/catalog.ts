import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// What a merchant sells: service items (NF-e tax data), product groups, products, prices.
// Amounts are integers: *_subcents = 1/10 000 of the currency unit (bigint columns).
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });
const status = () => text("status", { enum: ["active", "archived"] }).notNull().default("active");
const money = (name: string) => bigint(name, { mode: "number" });

export const serviceItems = pgTable(
  "service_items",
  {
    id: id(),
    organizationId: org(),
    code: text("code").notNull(),
    description: text("description").notNull(),
    municipalServiceCode: text("municipal_service_code"),
    issRateBps: integer("iss_rate_bps").notNull().default(0),
    status: status(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("service_items_org_code_key").on(t.organizationId, t.code),
    index("service_items_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("service_items_iss_rate", sql`${t.issRateBps} between 0 and 10000`),
  ],
);

export const productGroups = pgTable(
  "product_groups",
  {
    id: id(),
    organizationId: org(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("product_groups_org_slug_key").on(t.organizationId, t.slug),
    index("product_groups_org_created_idx").on(t.organizationId, t.createdAt, t.id),
  ],
);

export const productTypes = ["base", "addon_fixed", "addon_quantity", "metered"] as const;

export const products = pgTable(
  "products",
  {
    id: id(),
    organizationId: org(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description"),
    productType: text("product_type", { enum: productTypes }).notNull(),
    parentProductId: uuid("parent_product_id").references((): AnyPgColumn => products.id, { onDelete: "restrict" }),
    productGroupId: uuid("product_group_id").references(() => productGroups.id, { onDelete: "restrict" }),
    serviceItemId: uuid("service_item_id").references(() => serviceItems.id, { onDelete: "restrict" }),
    selfServiceEditable: boolean("self_service_editable").notNull().default(false),
    customMetadata: jsonb("custom_metadata").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    status: status(),
    archivedAt: ts("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("products_org_slug_key").on(t.organizationId, t.slug),
    index("products_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("products_parent_idx").on(t.parentProductId),
    check("products_not_own_parent", sql`${t.parentProductId} is distinct from ${t.id}`),
  ],
);

export type PriceTier = { up_to: number | null; unit_amount_subcents: number; flat_amount_subcents: number };

export const prices = pgTable(
  "prices",
  {
    id: id(),
    organizationId: org(),
    productId: uuid("product_id").notNull().references(() => products.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    currency: text("currency").notNull().default("BRL"),
    billingScheme: text("billing_scheme", { enum: ["per_unit", "tiered", "volume", "package"] }).notNull().default("per_unit"),
    usageType: text("usage_type", { enum: ["licensed", "metered"] }).notNull().default("licensed"),
    recurringInterval: text("recurring_interval", { enum: ["month", "year"] }).notNull(),
    intervalCount: integer("interval_count").notNull().default(1),
    unitAmountSubcents: money("unit_amount_subcents").notNull().default(0),
    setupAmountSubcents: money("setup_amount_subcents").notNull().default(0),
    excessAmountSubcents: money("excess_amount_subcents"),
    includedQuantity: money("included_quantity").notNull().default(0),
    tiers: jsonb("tiers").$type<PriceTier[]>(),
    tiersMode: text("tiers_mode", { enum: ["graduated", "volume"] }),
    packageSize: integer("package_size"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("prices_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("prices_product_idx").on(t.productId),
    check("prices_currency_format", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("prices_interval_count", sql`${t.intervalCount} between 1 and 36`),
    check("prices_amounts_non_negative", sql`${t.unitAmountSubcents} >= 0 and ${t.setupAmountSubcents} >= 0 and coalesce(${t.excessAmountSubcents}, 0) >= 0 and ${t.includedQuantity} >= 0`),
  ],
);

export type ServiceItem = typeof serviceItems.$inferSelect;
export type ProductGroup = typeof productGroups.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Price = typeof prices.$inferSelect;
