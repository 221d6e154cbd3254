// /admin/<org>/proposals — the organization's proposals: search by customer, filter by status, cursor pages
import type { Metadata } from "next";
import Link from "next/link";
import { ProposalFilters } from "@/components/admin/proposals/proposal-filters";
import { ProposalStatusBadge } from "@/components/admin/proposals/status-badge";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { ADMIN_MONEY_LOCALE } from "@/lib/admin/proposal-options";
import { adminProposalQuery, listProposalRows } from "@/lib/admin/proposal-views";
import { page } from "@/lib/api/pagination";
import { formatMoney } from "@/lib/invoices/format";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Proposals" };

const LIMIT = 25;
type Search = Record<string, string | string[] | undefined>;

export default async function ProposalsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const base = `/admin/${staff.organization.slug}/proposals`;
  const values = { q: param(sp, "q"), status: param(sp, "status"), billing_account_id: param(sp, "billing_account_id") };
  const cursor = param(sp, "cursor");
  const parsed = adminProposalQuery.safeParse({ ...values, cursor, limit: LIMIT });
  const rows = parsed.success ? await unlessBadCursor(() => listProposalRows(getDb(), { organizationId: staff.organization.id }, parsed.data)) : null;
  const { data: proposals, next_cursor: nextCursor } = page(rows ?? [], LIMIT, (r) => r);
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const filtered = Boolean(values.q || values.status || values.billing_account_id);
  const problem = errors.cursor || (parsed.success && !rows) ? BAD_PAGE_LINK : errors.billing_account_id ? "The customer filter in this link is not valid." : null;
  return (
    <div className="max-w-6xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Proposals</h1>
          <p className="mt-1 text-sm text-slate-600">Subscription offers to your customers. They review them in the portal and accept or decline; accepting creates the subscription.</p>
        </div>
        {can(staff.role, "business:write") ? (
          <Link href={`${base}/new`} className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">
            New proposal
          </Link>
        ) : null}
      </div>
      <ProposalFilters action={base} values={values} errors={errors} />
      <ListProblem message={problem} />
      <DataTable
        caption="Proposals, newest first"
        columns={["Customer", "Offer", "Recurring amount", "Status", "Valid until", "Created"]}
        empty={proposals.length === 0 ? (filtered ? "No proposal matches these filters." : "No proposals yet.") : null}
      >
        {proposals.map((p) => (
          <tr key={p.id} className="border-b border-slate-100 last:border-0" data-testid="proposal-row">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`${base}/${p.id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{p.account?.name ?? "Unknown customer"}</Link>
              {p.account ? <div className="text-slate-600">{p.account.email}</div> : null}
            </th>
            <td className={tdClass}>{p.offer}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{p.currency ? formatMoney(p.recurringCents, p.currency, ADMIN_MONEY_LOCALE) : "—"}</td>
            <td className={tdClass}><ProposalStatusBadge status={p.status} /></td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.validUntil)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(p.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Proposals" />
    </div>
  );
}
