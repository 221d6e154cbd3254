import type { ChangePreview } from "@/lib/billing/plan-change";
import { formatDate, formatDateRange, formatMoney } from "@/lib/invoices/format";
import type { PriceView } from "./items";

// A change preview (computeChange's, the one the API's preview returns) as the portal shows it
// before the customer confirms: every amount and date already formatted for the viewer's locale,
// plus the exact amount due now, which the confirmation sends back so that a different amount
// by then is refused instead of charged.
export type ChangeSummary = {
  changeType: ChangePreview["change_type"];
  timing: ChangePreview["timing"];
  prorationMethod: ChangePreview["proration_method"];
  message: string | null;
  effectiveAt: string;
  newPeriod: string;
  lines: Array<{ kind: ChangePreview["lines"][number]["kind"]; name: string; quantity: number; period: string; amount: string; credit: boolean }>;
  amountDueNowCents: number;
  amountDueNow: string;
  creditToBalance: string | null;
  amountDueAtRenewal: string;
  bonusDays: number;
};

export function summarizeChange(preview: ChangePreview, names: Map<string, Pick<PriceView, "name" | "productName">>, currency: string, locale: string): ChangeSummary {
  const money = (cents: number) => formatMoney(cents, currency, locale);
  const nameOf = (priceId: string) => {
    const p = names.get(priceId);
    return p ? (p.name === p.productName ? p.name : `${p.productName} — ${p.name}`) : priceId;
  };
  return {
    changeType: preview.change_type,
    timing: preview.timing,
    prorationMethod: preview.proration_method,
    message: preview.message,
    effectiveAt: formatDate(preview.effective_at, locale),
    newPeriod: formatDateRange(preview.new_period.start, preview.new_period.end, locale),
    lines: preview.lines.map((line) => ({
      kind: line.kind,
      name: nameOf(line.price_id),
      quantity: line.quantity,
      period: formatDateRange(line.period_start, line.period_end, locale),
      amount: money(line.amount_cents),
      credit: line.amount_cents < 0,
    })),
    amountDueNowCents: preview.amount_due_now_cents,
    amountDueNow: money(preview.amount_due_now_cents),
    creditToBalance: preview.credit_to_balance_cents > 0 ? money(preview.credit_to_balance_cents) : null,
    amountDueAtRenewal: money(preview.amount_due_at_renewal_cents),
    bonusDays: preview.bonus_days,
  };
}
