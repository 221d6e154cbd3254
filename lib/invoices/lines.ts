import type { InvoiceLineKind } from "@/db/schema";
import { priceAmount, setupFee } from "@/lib/billing/amount";
import { applyDiscounts, type CouponTerms, type DiscountCodeTerms } from "@/lib/billing/discounts";
import type { Period } from "@/lib/billing/periods";
import type { PriceTerms } from "@/lib/billing/price-terms";
import { invoiceTotals } from "./totals";

// The lines of a subscription's cycle invoice, from the pricing library (no rounding here:
// each item's amount is priceAmount's, rounded once there; discounts are applyDiscounts').
//
// Licensed items bill in advance, for the period that starts; metered items bill in arrears,
// for the period that ended, on the quantity the usage records add up to. The setup fee of each
// item is on the subscription's first invoice. The coupon and the discount code apply to the
// invoice's subtotal, coupon first.
export type DraftLine = {
  kind: InvoiceLineKind;
  description: string;
  quantity: number | null;
  unit_amount_subcents: number | null;
  amount_cents: number;
  price_id: string | null;
  subscription_item_id: string | null;
  period_start: Date | null;
  period_end: Date | null;
  discount_source: "coupon" | "discount_code" | "plan_change_bonus" | null;
  coupon_id: string | null;
  discount_code_id: string | null;
  credit_id: string | null;
};

export type BillableItem = {
  subscription_item_id: string;
  price_id: string;
  name: string;
  price: PriceTerms;
  quantity: number;
};

export type CycleInput = {
  items: BillableItem[];
  /** Licensed items are billed for this period; null bills none (a final invoice). */
  advance: Period | null;
  /** Metered items are billed for this period on `usage`; null bills none (a trial). */
  arrears: Period | null;
  usage: ReadonlyMap<string, number>;
  includeSetup: boolean;
  coupon: (CouponTerms & { id: string; code: string }) | null;
  discountCode: (DiscountCodeTerms & { id: string; code: string }) | null;
};

export const blankLine: Omit<DraftLine, "kind" | "description" | "amount_cents"> = {
  quantity: null, unit_amount_subcents: null, price_id: null, subscription_item_id: null,
  period_start: null, period_end: null, discount_source: null, coupon_id: null, discount_code_id: null, credit_id: null,
};

/** The unit price to print: only when every billed unit costs the same (per unit, no allowance). */
function unitOf(price: PriceTerms): number | null {
  return price.billing_scheme === "per_unit" && price.excess_amount_subcents === null && price.included_quantity === 0 ? price.unit_amount_subcents : null;
}

export function cycleLines(input: CycleInput): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const item of input.items) {
    const ref = { price_id: item.price_id, subscription_item_id: item.subscription_item_id };
    if (input.includeSetup && item.price.setup_amount_subcents > 0) {
      lines.push({ ...blankLine, ...ref, kind: "setup_fee", description: `${item.name} — setup fee`, quantity: 1, unit_amount_subcents: item.price.setup_amount_subcents, amount_cents: setupFee(item.price) });
    }
    const metered = item.price.usage_type === "metered";
    const period = metered ? input.arrears : input.advance;
    if (!period) continue;
    const quantity = metered ? (input.usage.get(item.subscription_item_id) ?? 0) : item.quantity;
    const quote = priceAmount(item.price, quantity);
    lines.push({
      ...blankLine, ...ref,
      kind: metered ? "usage" : "recurring",
      description: metered ? `${item.name} — ${quantity} used` : `${item.name} × ${quantity}`,
      quantity,
      unit_amount_subcents: unitOf(item.price),
      amount_cents: quote.amount_cents,
      period_start: period.start,
      period_end: period.end,
    });
  }
  return [...lines, ...discountLines(lines, input.coupon, input.discountCode)];
}

export function discountLines(lines: DraftLine[], coupon: CycleInput["coupon"], discountCode: CycleInput["discountCode"]): DraftLine[] {
  if (!coupon && !discountCode) return [];
  const { subtotal_cents } = invoiceTotals(lines);
  const d = applyDiscounts({ subtotal_cents, coupon, discount_code: discountCode });
  const out: DraftLine[] = [];
  if (coupon && d.coupon_discount_cents > 0) {
    out.push({ ...blankLine, kind: "discount", discount_source: "coupon", coupon_id: coupon.id, description: `Coupon ${coupon.code}`, amount_cents: -d.coupon_discount_cents });
  }
  if (discountCode && d.discount_code_discount_cents > 0) {
    out.push({ ...blankLine, kind: "discount", discount_source: "discount_code", discount_code_id: discountCode.id, description: `Discount code ${discountCode.code}`, amount_cents: -d.discount_code_discount_cents });
  }
  return out;
}
