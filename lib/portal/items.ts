import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { prices, products, type Price, type Product } from "@/db/schema";
import { AmountOutOfRangeError } from "@/lib/billing/money";
import { priceAmount } from "@/lib/billing/amount";
import { rowToPriceTerms } from "@/lib/catalog/price-input";

// Prices as the portal shows them: with their product's name and what a quantity of them costs
// per period. Shared by the subscriptions, products, usage and proposals sections.
export type PriceView = {
  id: string;
  name: string;
  productId: string;
  productName: string;
  productType: Product["productType"];
  usageType: Price["usageType"];
  currency: string;
  interval: Price["recurringInterval"];
  intervalCount: number;
  billingScheme: Price["billingScheme"];
  unitAmountSubcents: number;
  includedQuantity: number;
  excessAmountSubcents: number | null;
  active: boolean;
  row: Price;
};

/** The organization's prices with these ids (others are left out), with their products' names. */
export async function loadPriceViews(db: DbOrTx, organizationId: string, priceIds: string[]): Promise<Map<string, PriceView>> {
  const ids = [...new Set(priceIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ price: prices, product: { name: products.name, productType: products.productType } })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
    .where(and(eq(prices.organizationId, organizationId), inArray(prices.id, ids)));
  return new Map(rows.map(({ price, product }) => [price.id, toPriceView(price, product)]));
}

export function toPriceView(price: Price, product: { name: string; productType: Product["productType"] }): PriceView {
  return {
    id: price.id,
    name: price.name,
    productId: price.productId,
    productName: product.name,
    productType: product.productType,
    usageType: price.usageType,
    currency: price.currency,
    interval: price.recurringInterval,
    intervalCount: price.intervalCount,
    billingScheme: price.billingScheme,
    unitAmountSubcents: price.unitAmountSubcents,
    includedQuantity: price.includedQuantity,
    excessAmountSubcents: price.excessAmountSubcents,
    active: price.active,
    row: price,
  };
}

/** What `quantity` of a licensed price costs per period; null for metered prices (billed on usage) or amounts beyond exact billing. */
export function periodAmountCents(price: PriceView, quantity: number): number | null {
  if (price.usageType === "metered") return null;
  try {
    return priceAmount(rowToPriceTerms(price.row), quantity).amount_cents;
  } catch (error) {
    if (error instanceof AmountOutOfRangeError || error instanceof RangeError) return null;
    throw error;
  }
}

/** Strips the raw row before a view crosses to a client component. */
export function publicPrice({ row: _row, ...view }: PriceView): Omit<PriceView, "row"> {
  void _row;
  return view;
}
