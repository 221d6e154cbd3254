import type { DbOrTx } from "@/db";
import type { ChangePreview } from "@/lib/billing/plan-change";
import { negate } from "@/lib/billing/money";
import { grantCredit } from "@/lib/credits/service";
import { invoiceEventData } from "@/lib/invoices/events";
import { finalizeInvoice } from "@/lib/invoices/finalize";
import { blankLine, type DraftLine } from "@/lib/invoices/lines";
import { insertDraft, type InvoiceWithLines } from "@/lib/invoices/store";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { emitEvent } from "@/lib/webhooks/emit";

// What an immediate plan change bills, exactly as its preview showed: the unused time of the
// old items becomes an account credit (it pays this invoice first-hand at finalization, and what
// is left stays on the balance); the charges and the rule's bonus discount are the invoice.
type Scope = { organizationId: string; mode: "live" | "test" };

export async function billPlanChange(tx: DbOrTx, scope: Scope, sub: SubscriptionWithItems, preview: ChangePreview): Promise<InvoiceWithLines | null> {
  const unused = preview.lines.filter((l) => l.kind === "credit_unused").reduce((sum, l) => sum + negate(l.amount_cents), 0);
  if (unused > 0) {
    await grantCredit(tx, { ...scope, billingAccountId: sub.billingAccountId }, {
      credit_type: "adjustment", amount_cents: unused, currency: sub.currency, description: "Unused time before a plan change",
    });
  }
  const lines: DraftLine[] = preview.lines
    .filter((l) => l.kind !== "credit_unused")
    .map((l) => ({
      ...blankLine,
      kind: l.kind === "bonus_discount" ? "discount" : l.kind === "charge_remaining" ? "proration" : "recurring",
      discount_source: l.kind === "bonus_discount" ? "plan_change_bonus" : null,
      description: l.description,
      quantity: l.kind === "bonus_discount" ? null : l.quantity,
      amount_cents: l.amount_cents,
      price_id: l.price_id,
      subscription_item_id: sub.items.find((i) => i.priceId === l.price_id)?.id ?? null,
      period_start: l.period_start,
      period_end: l.period_end,
    }));
  if (!lines.some((l) => l.kind !== "discount")) return null;
  const draft = await insertDraft(tx, {
    organizationId: scope.organizationId,
    billingAccountId: sub.billingAccountId,
    subscriptionId: sub.id,
    currency: sub.currency,
    billingReason: "subscription_update",
    period: preview.new_period,
    lines,
  });
  await emitEvent(tx, { organizationId: scope.organizationId, type: "invoice.created", data: invoiceEventData(draft, scope.mode) });
  return finalizeInvoice(tx, { ...scope, id: draft.id });
}
