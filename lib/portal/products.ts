import { and, asc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { isRunning, prices, products, type Product } from "@/db/schema";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";
import type { ChangeSummary } from "./change-summary";
import { itemQuantitiesInput } from "./item-change";
import { periodAmountCents, toPriceView } from "./items";
import type { PortalActor } from "./account";
import { fail, guarded, ok, type PortalResult } from "./outcome";
import { applyPortalChangeInput, previewPortalChangeInput, type AppliedChange } from "./subscription-actions";
import { getPortalSubscription, type PortalSubscription } from "./subscriptions";

// The Products section: the self-service add-on catalog of one of the account's subscriptions.
// An offer is a product the merchant flagged self_service_editable (not a base product, not
// archived; an add-on of a parent product only when the subscription has that product) at an
// active price on the subscription's cycle and currency. Buying or removing one is a change of
// the subscription's items: the same preview and apply as every other change.
export type AddOnOffer = {
  priceId: string;
  productId: string;
  productName: string;
  productType: Product["productType"];
  description: string | null;
  priceName: string;
  usageType: "licensed" | "metered";
  /** Per period for one unit (licensed); null when billed on usage. */
  unitPeriodCents: number | null;
  includedQuantity: number;
  /** What the subscription has now (0 when not bought). */
  currentQuantity: number;
  /** Only per-quantity add-ons take a quantity; the others are 1. */
  quantityEditable: boolean;
};


/**
 * The catalog for a subscription of the viewer's account, or null when it is not theirs. A page
 * that already read the subscription for this viewer (listPortalSubscriptions) passes it as is.
 */
export async function loadAddOnCatalog(db: DbOrTx, actor: PortalActor, sub: string | PortalSubscription): Promise<{ subscription: PortalSubscription; offers: AddOnOffer[] } | null> {
  const subscription = typeof sub === "string" ? await getPortalSubscription(db, actor, sub) : sub;
  if (!subscription) return null;
  if (!isRunning(subscription.status)) return { subscription, offers: [] };
  return { subscription, offers: await offersFor(db, actor.tenant.id, subscription) };
}

async function offersFor(db: DbOrTx, organizationId: string, sub: PortalSubscription): Promise<AddOnOffer[]> {
  const rows = await db
    .select({ price: prices, product: products })
    .from(prices)
    .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
    .where(
      and(
        eq(prices.organizationId, organizationId),
        eq(products.selfServiceEditable, true),
        eq(products.status, "active"),
        ne(products.productType, "base"),
        eq(prices.currency, sub.currency),
        eq(prices.recurringInterval, sub.cycle.interval),
        eq(prices.intervalCount, sub.cycle.interval_count),
      ),
    )
    .orderBy(asc(products.name), asc(prices.createdAt));
  const ownedProducts = new Set(sub.items.map((i) => i.price.productId));
  const held = new Map(sub.items.map((i) => [i.priceId, i.quantity]));
  const offers: AddOnOffer[] = [];
  for (const { price, product } of rows) {
    const current = held.get(price.id) ?? 0;
    // A price being phased out stays visible only to whoever still has it.
    if (!price.active && current === 0) continue;
    if (product.parentProductId && !ownedProducts.has(product.parentProductId)) continue;
    // One offer per product: the price the subscription has, else the first active one.
    const existing = offers.findIndex((o) => o.productId === product.id);
    if (existing >= 0 && (offers[existing]!.currentQuantity > 0 || current === 0)) continue;
    const view = toPriceView(price, product);
    const offer: AddOnOffer = {
      priceId: price.id,
      productId: product.id,
      productName: product.name,
      productType: product.productType,
      description: product.description,
      priceName: price.name,
      usageType: price.usageType,
      unitPeriodCents: periodAmountCents(view, 1),
      includedQuantity: price.includedQuantity,
      currentQuantity: current,
      quantityEditable: product.productType === "addon_quantity" && price.usageType === "licensed",
    };
    if (existing >= 0) offers[existing] = offer;
    else offers.push(offer);
  }
  return offers;
}

/** The catalog's offer for this price on this subscription, or null (not offered: refused). */
async function offerOf(db: DbOrTx, actor: PortalActor, subscriptionId: string, priceId: string): Promise<AddOnOffer | null> {
  const catalog = await loadAddOnCatalog(db, actor, subscriptionId);
  return catalog?.offers.find((o) => o.priceId === priceId) ?? null;
}

export type AddOnRequest = { subscriptionId: string; priceId: string; quantity: number };

async function inputFor(db: DbOrTx, actor: PortalActor, request: AddOnRequest) {
  const offer = await offerOf(db, actor, request.subscriptionId, request.priceId);
  if (!offer) return fail("not_found");
  const quantity = offer.quantityEditable || request.quantity === 0 ? request.quantity : 1;
  if (quantity === offer.currentQuantity) return fail("no_change");
  const sub = await getSubscriptionOrThrow(db, { organizationId: actor.tenant.id, id: request.subscriptionId });
  return { ok: true as const, offer, quantity, input: await itemQuantitiesInput(db, sub, { [request.priceId]: quantity }) };
}

/** What buying (quantity > 0) or removing (0) an add-on costs now and at renewal. */
export function previewAddOn(db: DbOrTx, actor: PortalActor, request: AddOnRequest): Promise<PortalResult<ChangeSummary>> {
  return guarded(actor, "manage_subscriptions", async () => {
    const resolved = await inputFor(db, actor, request);
    if (!resolved.ok) return resolved;
    return previewPortalChangeInput(db, actor, request.subscriptionId, resolved.input);
  });
}

export type AppliedAddOn = AppliedChange & { productName: string; previousQuantity: number; quantity: number };

/** Buys or removes the add-on, refused when the amount due now differs from the one reviewed. */
export function applyAddOn(db: DbOrTx, actor: PortalActor, request: AddOnRequest, expectedAmountDueNowCents: number): Promise<PortalResult<AppliedAddOn>> {
  return guarded(actor, "manage_subscriptions", async () => {
    const resolved = await inputFor(db, actor, request);
    if (!resolved.ok) return resolved;
    const applied = await applyPortalChangeInput(db, actor, request.subscriptionId, resolved.input, expectedAmountDueNowCents);
    if (!applied.ok) return applied;
    return ok({ ...applied.value, productName: resolved.offer.productName, previousQuantity: resolved.offer.currentQuantity, quantity: resolved.quantity });
  });
}
