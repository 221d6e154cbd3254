import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, type Coupon, type DiscountCode } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { PlanWithItems } from "@/lib/plans/plans";
import { createSubscriptionInput, type CreateSubscriptionInput } from "@/lib/subscriptions/input";
import { CheckoutError, fromApiError, fromZod } from "./errors";
import type { CheckoutSelection } from "./input";

// From the checkout's choices to the input of createSubscription (the service behind
// POST /api/v1/subscriptions), so the quote and the purchase run exactly what the API runs.
export type PromoKind = "coupon" | "discount_code";

export type Promotion = { kind: "coupon"; coupon: Coupon } | { kind: "discount_code"; discountCode: DiscountCode };

/** The promotion a typed code names: coupons first, then discount codes; unknown is refused. */
export async function findPromotion(db: DbOrTx, organizationId: string, code: string): Promise<Promotion> {
  const [coupon] = await db.select().from(coupons).where(and(eq(coupons.organizationId, organizationId), sql`upper(${coupons.code}) = ${code}`));
  if (coupon) return { kind: "coupon", coupon };
  const [discountCode] = await db.select().from(discountCodes).where(and(eq(discountCodes.organizationId, organizationId), sql`upper(${discountCodes.code}) = ${code}`));
  if (discountCode) return { kind: "discount_code", discountCode };
  throw new CheckoutError("promo_invalid", { promo_code: "no such promotion code" });
}

/** The API's subscription input for these choices (validated by the API's own schema). */
export async function subscriptionInputFor(
  db: DbOrTx,
  organizationId: string,
  plan: PlanWithItems,
  selection: CheckoutSelection,
  billingAccountId: string,
  metadata: Record<string, string> = {},
): Promise<{ input: CreateSubscriptionInput; promo: { code: string; kind: PromoKind } | null }> {
  const promo = selection.promo_code ? { code: selection.promo_code, kind: (await findPromotion(db, organizationId, selection.promo_code)).kind } : null;
  const parsed = createSubscriptionInput.safeParse({
    billing_account_id: billingAccountId,
    plan_id: plan.id,
    billing_cycle: selection.billing_cycle,
    ...(selection.add_ons.length ? { add_ons: selection.add_ons } : {}),
    ...(promo ? { [promo.kind]: promo.code } : {}),
    metadata: { source: "checkout", ...metadata },
  });
  if (!parsed.success) throw fromZod(parsed.error);
  return { input: parsed.data, promo };
}

/** The subscription service's refusals as checkout errors (a 422 names the field). */
export function checkoutErrorOf(error: unknown): unknown {
  if (error instanceof ApiError) {
    return fromApiError(error, { billing_cycle: "billing_cycle", add_ons: "add_ons", quantities: "add_ons", coupon: "promo_code", discount_code: "promo_code" }) ?? error;
  }
  return error;
}
