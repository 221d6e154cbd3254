// /admin/<org>/customers/<id>/credits — the customer's credit balance and ledger; grant and void (business:write)
import type { Metadata } from "next";
import Link from "next/link";
import { GrantCreditForm, VoidCreditForm } from "@/components/admin/customers/credit-forms";
import { money, StatusBadge } from "@/components/admin/customers/format";
import { ACTIONS_COLUMN, DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { now } from "@/lib/clock";
import { listAccountCredits } from "@/lib/credits/service";
import { organizationCurrency } from "@/lib/organizations/create";
import { can } from "@/lib/staff/permissions";
import { grantCreditAction, voidCreditAction } from "../../actions";
import { requireCustomer } from "../customer";

export const metadata: Metadata = { title: "Credits" };

const LIMIT = 25;
const STATUSES = ["active", "voided", "expired", "all"] as const;
const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";

export default async function CreditsPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, id } = await params;
  const { staff, account, base } = await requireCustomer(org, id);
  const sp = await searchParams;
  const statusParam = param(sp, "status");
  const status = STATUSES.find((s) => s === (statusParam ?? "active"));
  const cursor = param(sp, "cursor");
  const at = now();
  const scope = { organizationId: staff.organization.id, mode: staff.organization.mode, billingAccountId: account.id };
  const list = status ? await unlessBadCursor(() => listAccountCredits(getDb(), scope, { limit: LIMIT, cursor, status }, at)) : null;
  const { data: credits, next_cursor: nextCursor } = page(list?.rows ?? [], LIMIT, (c) => c);
  const mayWrite = can(staff.role, "business:write");
  const slug = staff.organization.slug;
  const path = `${base}/${account.id}/credits`;
  const currency = await organizationCurrency(getDb(), staff.organization.id);
  return (
    <div className="space-y-6">
      <section aria-labelledby="balance-heading" className={card}>
        <h2 id="balance-heading" className="text-base font-semibold text-slate-900">Available balance</h2>
        <p className="mt-2 text-xl font-semibold text-slate-900" data-testid="credit-balance">
          {list?.balances.length ? list.balances.map((b) => money(b.available_cents, b.currency)).join(" + ") : money(0, currency)}
        </p>
        {list?.balances.some((b) => b.expiring.length) ? (
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {list.balances.flatMap((b) => b.expiring.map((e) => <li key={e.credit_id}>{money(e.amount_remaining_cents, b.currency)} expires {when(e.expires_at)}</li>))}
          </ul>
        ) : null}
        <p className="mt-2 text-sm text-slate-600">Credits are applied to this customer&apos;s invoices when they are finalized, soonest expiry first.</p>
      </section>
      <nav aria-label="Credits by status" className="flex flex-wrap gap-2 text-sm">
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={s === "active" ? path : `${path}?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={`rounded-full px-3 py-1 font-medium capitalize ring-1 ring-inset ${s === status ? "bg-teal-700 text-white ring-teal-700" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
          >
            {s}
          </Link>
        ))}
      </nav>
      <ListProblem message={!status ? "Status must be active, voided, expired or all." : list === null ? BAD_PAGE_LINK : null} />
      <DataTable
        caption="Credits, newest first"
        columns={["Credit", "Remaining", "Status", "Expires", "Granted", ...(mayWrite ? [ACTIONS_COLUMN] : [])]}
        empty={credits.length === 0 && list ? (status === "active" ? "No active credits." : `No ${status === "all" ? "" : `${status} `}credits.`) : null}
      >
        {credits.map((c) => {
          const lapsed = c.status === "active" && c.expiresAt !== null && c.expiresAt.getTime() <= at.getTime();
          return (
            <tr key={c.id} className="border-b border-slate-100 last:border-0" data-testid="credit-row">
              <th scope="row" className={`${tdClass} font-normal`}>
                <div className="font-medium text-slate-900">{money(c.amountCents, c.currency)}</div>
                <div className="text-xs capitalize text-slate-600">{c.creditType}</div>
                {c.description ? <div className="text-slate-700">{c.description}</div> : null}
              </th>
              <td className={`${tdClass} whitespace-nowrap`}>{money(c.amountRemainingCents, c.currency)}</td>
              <td className={tdClass}><StatusBadge status={lapsed ? "expired" : c.status} /></td>
              <td className={`${tdClass} whitespace-nowrap`}>{c.expiresAt ? when(c.expiresAt) : "Never"}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(c.createdAt)}</td>
              {mayWrite ? (
                <td className={tdClass}>
                  {c.status === "active" && c.amountRemainingCents > 0 && !lapsed ? (
                    <VoidCreditForm action={voidCreditAction.bind(null, slug)} id={c.id} accountId={account.id} remaining={money(c.amountRemainingCents, c.currency)} />
                  ) : null}
                </td>
              ) : null}
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={path} params={{ status: status === "active" ? undefined : status }} cursor={cursor} nextCursor={nextCursor} label="Credits" />
      {mayWrite && account.status === "active" ? (
        <section aria-labelledby="grant-heading" className={card}>
          <h2 id="grant-heading" className="mb-3 text-base font-semibold text-slate-900">Grant credit</h2>
          <GrantCreditForm action={grantCreditAction.bind(null, slug)} accountId={account.id} currency={currency} today={at.toISOString().slice(0, 10)} />
        </section>
      ) : null}
    </div>
  );
}
