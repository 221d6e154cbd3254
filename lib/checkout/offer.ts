import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { plans, type BillingCycle } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { getPlanWithItemsOrThrow, type PlanWithItems } from "@/lib/plans/plans";
import { loadPriceViews, periodAmountCents, type PriceView } from "@/lib/portal/items";

// What the checkout sells: a plan that is `visibility = public` and `status = active` (the
// plans table's own flags), found by its slug inside the organization of the portal host. A
// private, archived or another organization's plan is the same 404 as no plan at all.
type Scope = { organizationId: string };

export class CheckoutNotFoundError extends Error {
  constructor() {
    super("No such plan on sale");
    this.name = "CheckoutNotFoundError";
  }
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The public, active plan with this slug in this organization; CheckoutNotFoundError otherwise. */
export async function getCheckoutPlanOrThrow(db: DbOrTx, scope: Scope & { slug: string }): Promise<PlanWithItems> {
  // The slug reaches here from a server action's arguments: anything but a plan slug is a 404.
  if (typeof scope.slug !== "string" || !SLUG.test(scope.slug.toLowerCase())) throw new CheckoutNotFoundError();
  const slug = scope.slug.toLowerCase();
  const [row] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.organizationId, scope.organizationId), sql`lower(${plans.slug}) = ${slug}`, eq(plans.visibility, "public"), eq(plans.status, "active")));
  if (!row) throw new CheckoutNotFoundError();
  try {
    return await getPlanWithItemsOrThrow(db, { organizationId: scope.organizationId, id: row.id });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw new CheckoutNotFoundError();
    throw error;
  }
}

export type OfferItem = {
  priceId: string;
  productName: string;
  priceName: string;
  metered: boolean;
  /** Per period for the plan's quantity (required) or one unit (add-on); null when billed on usage. */
  periodCents: number | null;
  quantity: number;
  /** Add-ons sold per unit take a quantity; the others are on or off. */
  quantityEditable: boolean;
};

export type OfferCycle = { cycle: BillingCycle; key: string; required: OfferItem[]; addOns: OfferItem[] };

export type CheckoutOffer = {
  planId: string;
  slug: string;
  name: string;
  description: string | null;
  trialDays: number;
  currency: string;
  cycles: OfferCycle[];
};

export const cycleKey = (c: BillingCycle) => `${c.interval}-${c.interval_count}`;

function item(view: PriceView, quantity: number): OfferItem {
  return {
    priceId: view.id,
    productName: view.productName,
    priceName: view.name,
    metered: view.usageType === "metered",
    periodCents: periodAmountCents(view, quantity),
    quantity,
    quantityEditable: view.productType === "addon_quantity" && view.usageType === "licensed",
  };
}

/** The plan as the checkout page shows it: per billing cycle, its required items and its add-ons. */
export async function loadCheckoutOffer(db: DbOrTx, scope: Scope & { slug: string }): Promise<CheckoutOffer> {
  const plan = await getCheckoutPlanOrThrow(db, scope);
  const views = await loadPriceViews(db, scope.organizationId, plan.items.map((i) => i.priceId));
  const cycles: OfferCycle[] = plan.billingCycles.map((cycle) => {
    const onCycle = plan.items
      .map((i) => ({ i, view: views.get(i.priceId) }))
      .filter((x): x is { i: (typeof plan.items)[number]; view: PriceView } =>
        x.view !== undefined && x.view.active && x.view.interval === cycle.interval && x.view.intervalCount === cycle.interval_count);
    return {
      cycle,
      key: cycleKey(cycle),
      required: onCycle.filter((x) => !x.i.optional).map((x) => item(x.view, x.i.quantity)),
      addOns: onCycle.filter((x) => x.i.optional).map((x) => item(x.view, 1)),
    };
  });
  const usable = cycles.filter((c) => c.required.length > 0);
  if (usable.length === 0) throw new CheckoutNotFoundError();
  const currency = views.get(usable[0]!.required[0]!.priceId)!.currency;
  return { planId: plan.id, slug: plan.slug, name: plan.name, description: plan.description, trialDays: plan.trialDays, currency, cycles: usable };
}
