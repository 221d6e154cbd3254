import type { AccountBalance } from "@/lib/credits/balance";
import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { formatDate, formatMoney } from "@/lib/invoices/format";
import { Card, Empty } from "../common/card";

// What the account can still spend, per currency, and when parts of it expire.
export function CreditBalances({ balances, m, locale }: { balances: AccountBalance[]; m: PortalBillingMessages; locale: string }) {
  return (
    <Card title={m.credits.balanceTitle} titleId="credit-balance-heading" testId="credit-balance">
      {balances.length === 0 ? (
        <Empty>{m.credits.noBalance}</Empty>
      ) : (
        <div className="mt-3 grid gap-6 sm:grid-cols-2">
          {balances.map((b) => (
            <div key={b.currency}>
              <p className="text-sm text-zinc-600">{m.credits.available}</p>
              <p className="text-3xl font-bold tabular-nums text-zinc-950" data-testid={`balance-${b.currency}`}>{formatMoney(b.available_cents, b.currency, locale)}</p>
              <h3 className="mt-3 text-sm font-semibold text-zinc-900">{m.credits.expiringTitle}</h3>
              {b.expiring.length === 0 ? (
                <p className="text-sm text-zinc-700">{m.credits.neverExpires}</p>
              ) : (
                <ul className="mt-1 space-y-1 text-sm text-zinc-700">
                  {b.expiring.map((e) => (
                    <li key={e.credit_id}>{m.credits.expiresOn(formatMoney(e.amount_remaining_cents, b.currency, locale), formatDate(e.expires_at, locale))}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
