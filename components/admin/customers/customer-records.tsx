import Link from "next/link";
import { DataTable } from "../table/data-table";
import { tdClass, when } from "../table/format";
import type { customerOverview } from "@/lib/admin/customer-queries";
import { money, StatusBadge } from "./format";

// A customer's subscriptions, recent invoices and payments (newest first), each linking to its own page.
type Overview = Awaited<ReturnType<typeof customerOverview>>;
const link = "font-medium text-teal-800 underline hover:text-teal-950";
const row = "border-b border-slate-100 last:border-0";
const recent = (more: boolean, what: string) => (more ? `${what}, the 10 newest` : `${what}, newest first`);

/** Links under a table: the full list filtered to this customer (the lists search by account id), and a create link. */
function More({ links }: { links: Array<{ href: string; label: string } | null> }) {
  if (!links.some((l) => l !== null)) return null;
  return (
    <p className="-mt-4 flex flex-wrap gap-4 px-1 text-sm">
      {links.filter((l) => l !== null).map((l) => <Link key={l.href} href={l.href} className="font-medium text-teal-800 underline">{l.label}</Link>)}
    </p>
  );
}

export function CustomerRecords({ orgBase, accountId, mayWrite, overview }: { orgBase: string; accountId: string; mayWrite: boolean; overview: Overview }) {
  const { subscriptions, invoices, payments, more } = overview;
  const all = (what: string) => `${orgBase}/${what}?q=${accountId}`;
  return (
    <div className="space-y-6">
      <DataTable caption={recent(more.subscriptions, "Subscriptions")} columns={["Subscription", "Status", "Current period", "Started"]} empty={subscriptions.length ? null : "No subscriptions."}>
        {subscriptions.map((s) => (
          <tr key={s.id} className={row} data-testid="subscription-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${orgBase}/subscriptions/${s.id}`} className={link}>{s.planName ?? "Custom subscription"}</Link>
              <div className="text-xs text-slate-600">{s.currency} · every {s.intervalCount > 1 ? `${s.intervalCount} ${s.billingInterval}s` : s.billingInterval}</div>
            </th>
            <td className={tdClass}><StatusBadge status={s.status} /></td>
            <td className={`${tdClass} whitespace-nowrap text-xs`}>{when(s.currentPeriodStart)} →<br />{when(s.currentPeriodEnd)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(s.startAt)}</td>
          </tr>
        ))}
      </DataTable>
      <More links={[more.subscriptions ? { href: all("subscriptions"), label: "All subscriptions of this customer" } : null, mayWrite ? { href: `${orgBase}/subscriptions/new?customer=${accountId}`, label: "New subscription" } : null, mayWrite ? { href: `${orgBase}/proposals/new?billing_account_id=${accountId}`, label: "New proposal" } : null]} />
      <DataTable caption={recent(more.invoices, "Invoices")} columns={["Invoice", "Status", "Total", "Amount due", "Due", "Created"]} empty={invoices.length ? null : "No invoices."}>
        {invoices.map((i) => (
          <tr key={i.id} className={row} data-testid="invoice-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${orgBase}/invoices/${i.id}`} className={link}>{i.number ?? "Draft"}</Link>
            </th>
            <td className={tdClass}><StatusBadge status={i.status} /></td>
            <td className={`${tdClass} whitespace-nowrap`}>{money(i.totalCents, i.currency)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{money(i.amountDueCents - i.amountPaidCents, i.currency)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(i.dueAt)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(i.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <More links={[more.invoices ? { href: all("invoices"), label: "All invoices of this customer" } : null, mayWrite ? { href: `${orgBase}/invoices/new?customer=${accountId}`, label: "New invoice" } : null]} />
      <DataTable caption={recent(more.payments, "Payments")} columns={["Payment", "Status", "Method", "Created"]} empty={payments.length ? null : "No payments."}>
        {payments.map((p) => (
          <tr key={p.id} className={row} data-testid="payment-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${orgBase}/payments/${p.id}`} className={link}>{money(p.amountCents, p.currency)}</Link>
              {p.amountRefundedCents > 0 ? <div className="text-xs text-slate-600">{money(p.amountRefundedCents, p.currency)} refunded</div> : null}
            </th>
            <td className={tdClass}>
              <StatusBadge status={p.status} />
              {p.failureMessage ? <div className="mt-1 text-xs text-red-800">{p.failureMessage}</div> : null}
            </td>
            <td className={`${tdClass} capitalize`}>{p.methodType}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <More links={[more.payments ? { href: all("payments"), label: "All payments of this customer" } : null]} />
    </div>
  );
}
