import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { prices, productGroups, products, serviceItems, type Price, type Product } from "@/db/schema";
import { ApiError, invalid, notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import { organizationCurrency } from "@/lib/organizations/create";
import { assertReferences, rethrowConflict } from "@/lib/api/references";
import { insertPrices, meteredMismatch } from "./prices";
import type { CreateProductInput, UpdateProductInput } from "./product-input";

type Scope = { organizationId: string };
export type ProductWithPrices = { product: Product; prices: Price[] };

const conflicts = { products_org_slug_key: { param: "slug", message: "A product with this slug already exists" } };
const byId = (organizationId: string, id: string) => and(eq(products.id, id), eq(products.organizationId, organizationId));

async function assertProductReferences(db: DbOrTx, scope: Scope, input: Partial<CreateProductInput>) {
  await assertReferences(db, serviceItems, scope.organizationId, [{ id: input.service_item_id, param: "service_item_id" }], "service item");
  await assertReferences(db, productGroups, scope.organizationId, [{ id: input.product_group_id, param: "product_group_id" }], "product group");
  await assertReferences(db, products, scope.organizationId, [{ id: input.parent_product_id, param: "parent_product_id" }], "product");
}

/** Creates the product and its nested prices in one transaction: all or nothing. */
export async function createProduct(db: DbOrTx, scope: Scope, input: CreateProductInput): Promise<ProductWithPrices> {
  return db.transaction(async (tx) => {
    await assertProductReferences(tx, scope, input);
    input.prices.forEach((p, i) => {
      const mismatch = meteredMismatch(input.product_type, p.usage_type);
      if (mismatch) throw invalid(`prices[${i}].usage_type`, mismatch);
    });
    let product: Product;
    try {
      [product] = (await tx
        .insert(products)
        .values({
          organizationId: scope.organizationId,
          name: input.name,
          slug: input.slug,
          description: input.description ?? null,
          productType: input.product_type,
          parentProductId: input.parent_product_id ?? null,
          productGroupId: input.product_group_id ?? null,
          serviceItemId: input.service_item_id ?? null,
          selfServiceEditable: input.self_service_editable,
          customMetadata: input.custom_metadata ?? {},
        })
        .returning()) as [Product];
    } catch (error) {
      rethrowConflict(error, conflicts);
    }
    const currency = await organizationCurrency(tx, scope.organizationId);
    return { product, prices: await insertPrices(tx, scope, product.id, input.prices, currency, product.createdAt) };
  });
}

export async function getProductOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Product> {
  const query = db.select().from(products).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("product", scope.id);
  return row;
}

/** Prices of the given products, oldest first, grouped by product id. */
export async function pricesOf(db: DbOrTx, scope: Scope, productIds: string[]): Promise<Map<string, Price[]>> {
  const out = new Map<string, Price[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return out;
  const rows = await db
    .select()
    .from(prices)
    .where(and(eq(prices.organizationId, scope.organizationId), inArray(prices.productId, productIds)))
    .orderBy(asc(prices.createdAt), asc(prices.id));
  for (const row of rows) out.get(row.productId)!.push(row);
  return out;
}

export type ProductFilters = {
  limit: number;
  cursor?: string;
  status: "active" | "archived" | "all";
  product_type?: Product["productType"];
  product_group_id?: string;
  parent_product_id?: string;
  slug?: string;
  /** Part of the name or slug, case-insensitive (the admin's search; `%` and `_` taken literally). */
  search?: string;
};

/** LIKE's wildcards taken literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listProducts(db: DbOrTx, scope: Scope, f: ProductFilters): Promise<Product[]> {
  // The search scans this organization's rows only (organization_id leads every condition).
  const search = f.search ? or(ilike(products.name, `%${escapeLike(f.search)}%`), ilike(products.slug, `%${escapeLike(f.search)}%`)) : undefined;
  return listPage(db, products, scope, [f.status === "all" ? undefined : eq(products.status, f.status), filterEq(products.productType, f.product_type), filterEq(products.productGroupId, f.product_group_id), filterEq(products.parentProductId, f.parent_product_id), filterEq(products.slug, f.slug), search], f);
}

/** True when `candidateParentId` is `productId` itself or one of its descendants. */
async function wouldCycle(db: DbOrTx, scope: Scope, productId: string, candidateParentId: string): Promise<boolean> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive ancestors(id, parent) as (
      select id, parent_product_id from products where id = ${candidateParentId} and organization_id = ${scope.organizationId}
      union
      select p.id, p.parent_product_id from products p join ancestors a on p.id = a.parent where p.organization_id = ${scope.organizationId}
    )
    select id from ancestors where id = ${productId} limit 1`);
  return rows.length > 0;
}

export async function updateProduct(db: DbOrTx, scope: Scope & { id: string }, input: UpdateProductInput): Promise<Product> {
  return db.transaction(async (tx) => {
    const current = await getProductOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") throw new ApiError("resource_archived", "This product is archived and can no longer be changed");
    await assertProductReferences(tx, scope, input);
    if (input.parent_product_id && (await wouldCycle(tx, scope, current.id, input.parent_product_id))) {
      throw new ApiError("validation_failed", "Invalid parent_product_id: a product cannot descend from itself", { param: "parent_product_id" });
    }
    if (input.product_type !== undefined && input.product_type !== current.productType) {
      const existing = (await pricesOf(tx, scope, [current.id])).get(current.id)!;
      const bad = existing.find((p) => meteredMismatch(input.product_type!, p.usageType));
      if (bad) throw new ApiError("validation_failed", `Invalid product_type: price ${bad.id} is ${bad.usageType}`, { param: "product_type" });
    }
    try {
      const [row] = await tx
        .update(products)
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.slug !== undefined && { slug: input.slug }),
          ...(input.description !== undefined && { description: input.description }),
          ...(input.product_type !== undefined && { productType: input.product_type }),
          ...(input.parent_product_id !== undefined && { parentProductId: input.parent_product_id }),
          ...(input.product_group_id !== undefined && { productGroupId: input.product_group_id }),
          ...(input.service_item_id !== undefined && { serviceItemId: input.service_item_id }),
          ...(input.self_service_editable !== undefined && { selfServiceEditable: input.self_service_editable }),
          ...(input.custom_metadata !== undefined && { customMetadata: input.custom_metadata }),
          updatedAt: new Date(),
        })
        .where(byId(scope.organizationId, scope.id))
        .returning();
      return row!;
    } catch (error) {
      rethrowConflict(error, conflicts);
    }
  });
}

/**
 * Deletes a product (and its prices) that nothing else uses. A product whose prices are in
 * plans (or, later, subscriptions and invoices) or that has child products is archived
 * instead, and its prices deactivated, so that history keeps pointing at them.
 */
export async function deleteProduct(db: DbOrTx, scope: Scope & { id: string }) {
  return db.transaction(async (tx) => {
    const current = await getProductOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") return { deleted: false as const, product: current };
    const removed = await deleteUnlessReferenced(tx, async (sp) => {
      await sp.delete(prices).where(and(eq(prices.organizationId, scope.organizationId), eq(prices.productId, current.id)));
      await sp.delete(products).where(byId(scope.organizationId, scope.id));
    });
    if (removed) return { deleted: true as const, id: current.id };
    const now = new Date();
    await tx.update(prices).set({ active: false, updatedAt: now }).where(and(eq(prices.organizationId, scope.organizationId), eq(prices.productId, current.id)));
    const [row] = await tx.update(products).set({ status: "archived", archivedAt: now, updatedAt: now }).where(byId(scope.organizationId, scope.id)).returning();
    return { deleted: false as const, product: row! };
  });
}

/**
 * Puts an archived product back on sale (the admin's "Unarchive"). Its prices stay inactive:
 * each is reactivated on its own, so nothing is sold again by surprise.
 */
export async function restoreProduct(db: DbOrTx, scope: Scope & { id: string }): Promise<Product> {
  return db.transaction(async (tx) => {
    const current = await getProductOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "active") return current;
    const [row] = await tx.update(products).set({ status: "active", archivedAt: null, updatedAt: new Date() }).where(byId(scope.organizationId, scope.id)).returning();
    return row!;
  });
}
