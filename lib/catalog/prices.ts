import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { planItems, prices, products, subscriptionItems, type Price, type Product } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import { organizationCurrency } from "@/lib/organizations/create";
import { priceAmount, setupFee, type Quote } from "@/lib/billing/amount";
import { AmountOutOfRangeError } from "@/lib/billing/money";
import { validatePriceTerms } from "@/lib/billing/price-terms";
import { rowToPriceTerms, toPriceTerms, type CreatePriceInput, type NestedPriceInput, type UpdatePriceInput } from "./price-input";

type Scope = { organizationId: string };
const byId = (organizationId: string, id: string) => and(eq(prices.id, id), eq(prices.organizationId, organizationId));

/** A metered product takes metered prices only, and only a metered product takes them. */
export function meteredMismatch(productType: Product["productType"], usageType: Price["usageType"]): string | null {
  if (productType === "metered" && usageType !== "metered") return "a metered product's prices must have usage_type metered";
  if (productType !== "metered" && usageType === "metered") return `a ${productType} product's prices must have usage_type licensed`;
  return null;
}

/**
 * Inserts prices for a product in one statement, returned in the order given. Listed by
 * created_at, prices made in one transaction would share an instant: with `createdAt` they are
 * stamped a millisecond apart from it, keeping the merchant's order.
 */
export async function insertPrices(
  db: DbOrTx,
  scope: Scope,
  productId: string,
  inputs: NestedPriceInput[],
  defaultCurrency: string,
  createdAt?: Date,
): Promise<Price[]> {
  if (inputs.length === 0) return [];
  const rows = await db
    .insert(prices)
    .values(
      inputs.map((input, i) => {
        const terms = toPriceTerms(input, input.currency ?? defaultCurrency);
        const stamp = createdAt && new Date(createdAt.getTime() + i);
        return {
          organizationId: scope.organizationId,
          productId,
          name: input.name,
          currency: terms.currency,
          billingScheme: terms.billing_scheme,
          usageType: terms.usage_type,
          recurringInterval: terms.recurring_interval,
          intervalCount: terms.interval_count,
          unitAmountSubcents: terms.unit_amount_subcents,
          setupAmountSubcents: terms.setup_amount_subcents,
          excessAmountSubcents: terms.excess_amount_subcents,
          includedQuantity: terms.included_quantity,
          tiers: terms.tiers,
          tiersMode: terms.tiers_mode,
          packageSize: terms.package_size,
          ...(stamp && { createdAt: stamp, updatedAt: stamp }),
        };
      }),
    )
    .returning();
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

export async function createPrice(db: DbOrTx, scope: Scope, input: CreatePriceInput): Promise<Price> {
  return db.transaction(async (tx) => {
    const [product] = await tx
      .select()
      .from(products)
      .where(and(eq(products.id, input.product_id), eq(products.organizationId, scope.organizationId)));
    if (!product) throw new ApiError("reference_not_found", `No such product: '${input.product_id}'`, { param: "product_id" });
    if (product.status === "archived") throw new ApiError("validation_failed", "Invalid product_id: the product is archived", { param: "product_id" });
    const mismatch = meteredMismatch(product.productType, input.usage_type);
    if (mismatch) throw new ApiError("validation_failed", `Invalid usage_type: ${mismatch}`, { param: "usage_type" });
    const [price] = await insertPrices(tx, scope, product.id, [input], await organizationCurrency(tx, scope.organizationId));
    return price!;
  });
}

export async function getPriceOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Price> {
  const query = db.select().from(prices).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("price", scope.id);
  return row;
}

/**
 * The organization's prices with these ids, by id, share-locked for the caller's transaction:
 * updatePrice (which locks for update) waits, so terms cannot change between a subscription's
 * validation and its write. Outside a transaction the lock ends with the statement.
 */
export async function getPricesByIds(db: DbOrTx, scope: Scope, ids: string[]): Promise<Map<string, Price>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(prices)
    .where(and(eq(prices.organizationId, scope.organizationId), inArray(prices.id, [...new Set(ids)])))
    .for("share");
  return new Map(rows.map((r) => [r.id, r]));
}

export type PriceFilters = { limit: number; cursor?: string; product_id?: string; active?: boolean; currency?: string; recurring_interval?: "month" | "year" };

export async function listPrices(db: DbOrTx, scope: Scope, f: PriceFilters): Promise<Price[]> {
  const filters = [filterEq(prices.productId, f.product_id), filterEq(prices.active, f.active), filterEq(prices.currency, f.currency), filterEq(prices.recurringInterval, f.recurring_interval)];
  return listPage(db, prices, scope, filters, f);
}

/**
 * Whether anything bills with this price: plans and subscriptions (invoice lines copy the
 * terms they billed). A used price's terms never change: create a new price.
 */
export async function priceInUse(db: DbOrTx, scope: Scope & { id: string }): Promise<boolean> {
  const [inPlans, inSubscriptions] = await Promise.all([
    db.select({ one: sql`1` }).from(planItems).where(and(eq(planItems.organizationId, scope.organizationId), eq(planItems.priceId, scope.id))).limit(1),
    db.select({ one: sql`1` }).from(subscriptionItems).where(and(eq(subscriptionItems.organizationId, scope.organizationId), eq(subscriptionItems.priceId, scope.id))).limit(1),
  ]);
  return inPlans.length > 0 || inSubscriptions.length > 0;
}

const TERM_FIELDS = ["currency", "billing_scheme", "usage_type", "recurring_interval", "interval_count", "unit_amount_subcents", "setup_amount_subcents", "excess_amount_subcents", "included_quantity", "tiers", "tiers_mode", "package_size"] as const;

export async function updatePrice(db: DbOrTx, scope: Scope & { id: string }, input: UpdatePriceInput): Promise<Price> {
  return db.transaction(async (tx) => {
    const current = await getPriceOrThrow(tx, scope, { forUpdate: true });
    const changedTerm = TERM_FIELDS.find((f) => input[f] !== undefined);
    if (changedTerm && (await priceInUse(tx, scope))) {
      throw new ApiError("resource_conflict", `Invalid ${changedTerm}: this price is in use, so its terms are fixed; create a new price and archive this one`, { param: changedTerm });
    }
    const merged = { ...rowToPriceTerms(current), ...Object.fromEntries(TERM_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]])) };
    const problem = validatePriceTerms(merged);
    if (problem) throw new ApiError("validation_failed", `Invalid ${problem.field}: ${problem.message}`, { param: problem.field });
    if (input.usage_type !== undefined) {
      const product = await tx
        .select({ type: products.productType })
        .from(products)
        .where(and(eq(products.id, current.productId), eq(products.organizationId, scope.organizationId)));
      const mismatch = meteredMismatch(product[0]!.type, merged.usage_type);
      if (mismatch) throw new ApiError("validation_failed", `Invalid usage_type: ${mismatch}`, { param: "usage_type" });
    }
    const [row] = await tx
      .update(prices)
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.active !== undefined && { active: input.active }),
        currency: merged.currency,
        billingScheme: merged.billing_scheme,
        usageType: merged.usage_type,
        recurringInterval: merged.recurring_interval,
        intervalCount: merged.interval_count,
        unitAmountSubcents: merged.unit_amount_subcents,
        setupAmountSubcents: merged.setup_amount_subcents,
        excessAmountSubcents: merged.excess_amount_subcents,
        includedQuantity: merged.included_quantity,
        tiers: merged.tiers,
        tiersMode: merged.tiers_mode,
        packageSize: merged.package_size,
        updatedAt: new Date(),
      })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    return row!;
  });
}

/** Deletes an unused price; one that plans (or bills) refer to is deactivated instead. */
export async function deletePrice(db: DbOrTx, scope: Scope & { id: string }) {
  return db.transaction(async (tx) => {
    await getPriceOrThrow(tx, scope, { forUpdate: true });
    if (await deleteUnlessReferenced(tx, (sp) => sp.delete(prices).where(byId(scope.organizationId, scope.id)))) {
      return { deleted: true as const, id: scope.id };
    }
    const [row] = await tx.update(prices).set({ active: false, updatedAt: new Date() }).where(byId(scope.organizationId, scope.id)).returning();
    return { deleted: false as const, price: row! };
  });
}

export function quotePrice(price: Price, quantity: number): Quote & { setup_amount_cents: number } {
  const terms = rowToPriceTerms(price);
  try {
    return { ...priceAmount(terms, quantity), setup_amount_cents: setupFee(terms) };
  } catch (error) {
    if (!(error instanceof AmountOutOfRangeError)) throw error;
    throw new ApiError("validation_failed", "Invalid quantity: the amount would exceed what can be billed exactly", { param: "quantity" });
  }
}
