import { checkedAdd, negate } from "@/lib/billing/money";
import type { InvoiceLineKind } from "@/db/schema";

// An invoice's totals are a function of its lines, computed here and nowhere else:
//   subtotal       = sum of the charge lines (recurring, proration, setup_fee, usage, manual)
//   discount       = minus the sum of the discount lines
//   total          = subtotal - discount
//   credit_applied = minus the sum of the credit lines (one per CreditApplication)
//   amount_due     = total - credit_applied
// The invoices_totals constraint re-checks the arithmetic in the database.
export type TotalsLine = { kind: InvoiceLineKind; amount_cents: number };
export type InvoiceTotals = { subtotal_cents: number; discount_cents: number; total_cents: number; credit_applied_cents: number; amount_due_cents: number };

export function invoiceTotals(lines: readonly TotalsLine[]): InvoiceTotals {
  let subtotal = 0;
  let discount = 0;
  let credit = 0;
  for (const line of lines) {
    if (line.kind === "discount") discount = checkedAdd(discount, negate(line.amount_cents));
    else if (line.kind === "credit") credit = checkedAdd(credit, negate(line.amount_cents));
    else subtotal = checkedAdd(subtotal, line.amount_cents);
  }
  if (discount > subtotal) throw new RangeError(`discounts (${discount}) exceed the subtotal (${subtotal})`);
  const total = subtotal - discount;
  if (credit > total) throw new RangeError(`credit applied (${credit}) exceeds the total (${total})`);
  return { subtotal_cents: subtotal, discount_cents: discount, total_cents: total, credit_applied_cents: credit, amount_due_cents: total - credit };
}

/** The columns of `invoices` that hold the totals, for an update. */
export function totalsColumns(t: InvoiceTotals) {
  return {
    subtotalCents: t.subtotal_cents,
    discountCents: t.discount_cents,
    totalCents: t.total_cents,
    creditAppliedCents: t.credit_applied_cents,
    amountDueCents: t.amount_due_cents,
  };
}
