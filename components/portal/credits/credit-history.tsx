import type { Credit } from "@/db/schema";
import type { PortalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { formatDate, formatMoney } from "@/lib/invoices/format";
import type { InvoiceCreditHistory } from "@/lib/portal/credits";
import { Badge, Card, Empty, InvoiceRef } from "../common/card";

// Where credit went (per invoice) and the credits the account received.
export function CreditApplications({ history, m, locale, linkInvoices }: { history: InvoiceCreditHistory[]; m: PortalBillingMessages; locale: string; linkInvoices: boolean }) {
  return (
    <Card title={m.credits.historyTitle} titleId="credit-history-heading" testId="credit-history">
      {history.length === 0 ? (
        <Empty>{m.credits.historyNone}</Empty>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-100">
          {history.map((h) => (
            <li key={h.invoiceId} className="py-3 text-sm">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <InvoiceRef id={h.invoiceId} number={h.invoiceNumber} link={linkInvoices} />
                <span className="font-semibold tabular-nums text-zinc-950">{m.credits.appliedTotal(formatMoney(h.appliedCents, h.currency, locale))}</span>
              </p>
              <ul className="mt-1 space-y-0.5 text-zinc-700">
                {h.applications.map((a) => (
                  <li key={a.id} className={a.reversedAt ? "text-zinc-500" : undefined}>
                    {formatMoney(a.amountCents, a.currency, locale)} · {a.creditDescription ?? m.credits.types[a.creditType]} · {m.credits.appliedOn(formatDate(a.appliedAt, locale, "medium"))}
                    {a.reversedAt ? <span className="ml-2"><Badge>{m.credits.reversed}</Badge></span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function CreditsReceived({ credits, m, locale }: { credits: Credit[]; m: PortalBillingMessages; locale: string }) {
  return (
    <Card title={m.credits.receivedTitle} titleId="credits-received-heading" testId="credits-received">
      {credits.length === 0 ? (
        <Empty>{m.credits.receivedNone}</Empty>
      ) : (
        <div role="region" aria-label={m.credits.receivedTitle} tabIndex={0} className="relative mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--brand-accent)]">
          <table className="w-full min-w-[32rem] text-sm">
            <thead>
              <tr className="border-b border-zinc-200 text-left text-zinc-600">
                <th scope="col" className="py-2 pr-4 font-medium">{m.credits.received}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{m.credits.description}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{m.credits.amount}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{m.credits.left}</th>
                <th scope="col" className="py-2 font-medium">{m.credits.status}</th>
              </tr>
            </thead>
            <tbody>
              {credits.map((c) => (
                <tr key={c.id} className="border-b border-zinc-100 last:border-0">
                  <td className="py-2 pr-4 text-zinc-700">{formatDate(c.createdAt, locale, "medium")}</td>
                  <td className="py-2 pr-4 text-zinc-900">{c.description ?? m.credits.types[c.creditType]}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(c.amountCents, c.currency, locale)}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(c.amountRemainingCents, c.currency, locale)}</td>
                  <td className="py-2"><Badge tone={c.status === "active" ? "success" : "neutral"}>{m.credits.statuses[c.status]}</Badge></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
