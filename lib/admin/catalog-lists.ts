import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { plans, prices, products, type Plan, type Price, type Product } from "@/db/schema";
import { page } from "@/lib/api/pagination";
import { couponOps } from "@/lib/api/resources/coupons";
import { discountCodeOps } from "@/lib/api/resources/discount-codes";
import { planChangeRuleOps } from "@/lib/api/resources/plan-change-rules";
import { planOps } from "@/lib/api/resources/plans";
import { productOps } from "@/lib/api/resources/products";
import { listProductGroups } from "@/lib/catalog/product-groups";
import { listProducts, pricesOf } from "@/lib/catalog/products";
import { listServiceItems } from "@/lib/catalog/service-items";
import { listPlanGroups } from "@/lib/plans/groups";
import { listPlans } from "@/lib/plans/plans";
import { listPlanChangeRules } from "@/lib/plans/change-rules";
import { listCoupons } from "@/lib/promotions/coupons";
import { listDiscountCodes } from "@/lib/promotions/discount-codes";

// The Catalog screens' lists: the API's own list query schemas (filters named as in the API),
// plus the admin's name search, 25 a page, read through the same lib list functions. Every
// read takes the organization in the URL explicitly.
type Org = { organizationId: string };
const PAGE = 25;
const search = z.string().trim().max(100, "must be at most 100 characters").optional();

export const productListQuery = productOps.list.query.extend({ search, limit: z.number().int().default(PAGE) });
export const planListQuery = planOps.list.query.extend({ search, limit: z.number().int().default(PAGE) });
export const couponListQuery = couponOps.list.query.extend({ limit: z.number().int().default(PAGE) });
export const discountCodeListQuery = discountCodeOps.list.query.extend({ limit: z.number().int().default(PAGE) });
export const changeRuleListQuery = planChangeRuleOps.list.query.extend({ limit: z.number().int().default(PAGE) });

const paged = <T extends { createdAt: Date; id: string }>(rows: T[], limit: number) => {
  const { data, next_cursor } = page(rows, limit, (r) => r);
  return { rows: data, nextCursor: next_cursor };
};

export async function readProducts(db: DbOrTx, org: Org, q: z.output<typeof productListQuery>) {
  const list = paged(await listProducts(db, org, q), q.limit);
  const byProduct = await pricesOf(db, org, list.rows.map((r) => r.id));
  return { ...list, prices: byProduct };
}

export async function readPlans(db: DbOrTx, org: Org, q: z.output<typeof planListQuery>) {
  return paged(await listPlans(db, org, q), q.limit);
}

export async function readCoupons(db: DbOrTx, org: Org, q: z.output<typeof couponListQuery>) {
  return paged(await listCoupons(db, org, q), q.limit);
}

export async function readDiscountCodes(db: DbOrTx, org: Org, q: z.output<typeof discountCodeListQuery>) {
  return paged(await listDiscountCodes(db, org, q), q.limit);
}

export async function readChangeRules(db: DbOrTx, org: Org, q: z.output<typeof changeRuleListQuery>) {
  return paged(await listPlanChangeRules(db, org, q), q.limit);
}

export type PriceChoice = { price: Price; product: Product };

/**
 * What a plan can be made of: the organization's active prices of active products, by product
 * name (the plan items picker), and the prices already in `keep` even if they are no longer on sale.
 */
export async function priceChoices(db: DbOrTx, org: Org, keep: string[] = []): Promise<PriceChoice[]> {
  const rows = await db
    .select({ price: prices, product: products })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, org.organizationId)))
    .where(and(eq(prices.organizationId, org.organizationId), eq(prices.active, true), eq(products.status, "active")))
    .orderBy(asc(products.name), asc(prices.createdAt))
    .limit(500);
  const have = new Set(rows.map((r) => r.price.id));
  const missing = keep.filter((id) => !have.has(id));
  if (missing.length === 0) return rows;
  const extra = await db
    .select({ price: prices, product: products })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, org.organizationId)))
    .where(and(eq(prices.organizationId, org.organizationId), inArray(prices.id, missing)));
  return [...rows, ...extra];
}

/** The organization's plans and products by id and name (selects, coupon scopes, rule labels). */
export async function catalogNames(db: DbOrTx, org: Org): Promise<{ plans: Pick<Plan, "id" | "name" | "status">[]; products: Pick<Product, "id" | "name" | "status">[] }> {
  const [planRows, productRows] = await Promise.all([
    db.select({ id: plans.id, name: plans.name, status: plans.status }).from(plans).where(eq(plans.organizationId, org.organizationId)).orderBy(asc(plans.name)).limit(500),
    db.select({ id: products.id, name: products.name, status: products.status }).from(products).where(eq(products.organizationId, org.organizationId)).orderBy(asc(products.name)).limit(500),
  ]);
  return { plans: planRows, products: productRows };
}

export type Choice = { id: string; name: string };

/** A product's product groups and service items (NF-e tax data), for its form's selects. */
export async function productRefs(db: DbOrTx, org: Org): Promise<{ groups: Choice[]; serviceItems: Choice[] }> {
  const [groups, items] = await Promise.all([listProductGroups(db, org, { limit: 100 }), listServiceItems(db, org, { limit: 100, status: "active" })]);
  return { groups: groups.map((g) => ({ id: g.id, name: g.name })), serviceItems: items.map((i) => ({ id: i.id, name: `${i.code} — ${i.description}` })) };
}

/** The plan groups, for the plan form's select. */
export async function planGroupChoices(db: DbOrTx, org: Org): Promise<Choice[]> {
  return (await listPlanGroups(db, org, { limit: 100 })).map((g) => ({ id: g.id, name: g.name }));
}
