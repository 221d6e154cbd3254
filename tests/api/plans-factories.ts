import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { prices, products, type Price } from "@/db/schema";
import { api } from "../helpers/api";

// Catalog rows for plan tests, inserted directly (the products/prices API is separate work).
const suffix = () => randomBytes(4).toString("hex");

export async function insertProduct(organizationId: string, overrides: Partial<typeof products.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(products)
    .values({ organizationId, name: "Plano Base", slug: `produto-${suffix()}`, productType: "base", ...overrides })
    .returning();
  return row!;
}

export async function insertPrice(organizationId: string, overrides: Partial<typeof prices.$inferInsert> = {}): Promise<Price> {
  const productId = overrides.productId ?? (await insertProduct(organizationId)).id;
  const [row] = await getDb()
    .insert(prices)
    .values({ organizationId, productId, name: "Mensal", recurringInterval: "month", intervalCount: 1, unitAmountSubcents: 990_000, ...overrides })
    .returning();
  return row!;
}

/** A monthly and a yearly price of one product, and a monthly add-on of another. */
export async function insertCatalog(organizationId: string) {
  const base = await insertProduct(organizationId);
  const monthly = await insertPrice(organizationId, { productId: base.id });
  const yearly = await insertPrice(organizationId, { productId: base.id, name: "Anual", recurringInterval: "year", unitAmountSubcents: 9_900_000 });
  const addon = await insertPrice(organizationId, { name: "Usuário extra", unitAmountSubcents: 190_000 });
  return { base, monthly, yearly, addon };
}

export const validPlan = (priceIds: string[], overrides: Record<string, unknown> = {}) => ({
  name: "Pro",
  slug: `pro-${suffix()}`,
  billing_cycles: [{ interval: "month", interval_count: 1 }],
  items: priceIds.map((price_id) => ({ price_id })),
  ...overrides,
});

/** Creates a plan through the API with one fresh monthly price; returns the plan body. */
export async function createPlanVia(key: string, organizationId: string, overrides: Record<string, unknown> = {}) {
  const price = await insertPrice(organizationId);
  const res = await api.post("/api/v1/plans", validPlan([price.id], overrides), { key });
  if (res.status !== 201) throw new Error(`plan not created: ${res.status} ${res.text}`);
  return res.body;
}

/** Gives rows distinct, increasing created_at in the order given (oldest first), so list order is certain. */
export async function pinCreatedAt(table: "plans" | "plan_groups" | "plan_change_rules", ids: string[], base = "2025-01-01T00:00:00Z") {
  for (const [i, id] of ids.entries()) {
    await getDb().execute(sql`update ${sql.identifier(table)} set created_at = ${base}::timestamptz + ${i} * interval '1 second' where id = ${id}`);
  }
}
