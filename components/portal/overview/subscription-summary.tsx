import type { PortalMessages } from "@/lib/i18n/messages/portal";
import { formatDate, formatDateRange, formatMoney } from "@/lib/invoices/format";
import type { OverviewSubscription } from "@/lib/portal/overview";
import { Badge, Card, Empty } from "../common/card";
import { subscriptionTone } from "../common/tones";

// The Overview's subscriptions: plan, status, period, items, and what the next invoice charges.
export function SubscriptionSummary({ subscriptions, m, locale }: { subscriptions: OverviewSubscription[]; m: PortalMessages; locale: string }) {
  if (subscriptions.length === 0) {
    return (
      <Card title={m.overview.subscriptionsTitle} titleId="overview-subscriptions">
        <Empty>{m.overview.noSubscriptions}</Empty>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {subscriptions.map((s, i) => (
        <Card key={s.id} title={m.overview.subscriptionsTitle} titleId={`overview-subscription-${i}`} testId="subscription-summary">
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <p className="text-xl font-bold tracking-tight text-zinc-950" data-testid="plan-name">{s.plan_name ?? m.overview.customPlan}</p>
            <Badge tone={subscriptionTone(s.status)}>{m.subscriptionStatus[s.status]}</Badge>
          </div>
          <dl className="mt-4 grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-zinc-600">{m.overview.period}</dt>
              <dd className="mt-0.5 font-medium text-zinc-900">{formatDateRange(s.current_period.start, s.current_period.end, locale)}</dd>
            </div>
            {s.items.length > 0 ? (
              <div>
                <dt className="text-zinc-600">{m.overview.items}</dt>
                <dd className="mt-0.5 text-zinc-900">
                  <ul>
                    {s.items.map((item, n) => (
                      <li key={n}>{item.quantity > 1 ? `${item.name} × ${item.quantity}` : item.name}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
          </dl>
          {s.status === "trialing" && s.trial_end ? <p className="mt-3 text-sm text-sky-900">{m.overview.trialEnds(formatDate(s.trial_end, locale))}</p> : null}
          {s.cancel_at_period_end ? <p className="mt-3 text-sm text-amber-950">{m.overview.cancelsOn(formatDate(s.current_period.end, locale))}</p> : null}
          <NextCharge s={s} m={m} locale={locale} />
        </Card>
      ))}
    </div>
  );
}

function NextCharge({ s, m, locale }: { s: OverviewSubscription; m: PortalMessages; locale: string }) {
  const charge = s.next_charge;
  return (
    <div className="mt-5 rounded-lg bg-zinc-50 p-4" data-testid="next-charge">
      <p className="text-sm text-zinc-600">{m.overview.nextCharge}</p>
      {charge ? (
        <>
          <p className="mt-1 text-zinc-950">
            <span className="text-2xl font-bold tabular-nums" data-testid="next-charge-amount">{formatMoney(charge.amount_due_cents, charge.currency, locale)}</span>{" "}
            <span className="text-sm text-zinc-700" data-testid="next-charge-date">{m.overview.nextChargeOn(formatDate(charge.date, locale))}</span>
          </p>
          {charge.credit_cents > 0 ? <p className="mt-1 text-xs text-zinc-600">{m.overview.creditApplied(formatMoney(charge.credit_cents, charge.currency, locale))}</p> : null}
          {charge.final ? <p className="mt-1 text-xs text-zinc-600">{m.overview.finalInvoice}</p> : null}
          {charge.estimated ? <p className="mt-1 text-xs text-zinc-600">{m.overview.estimated}</p> : null}
        </>
      ) : (
        <p className="mt-1 text-sm text-zinc-700">{m.overview.noNextCharge}</p>
      )}
    </div>
  );
}
