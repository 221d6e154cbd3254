// /admin/<org>/invoices — the organization's invoices: search (number, customer), status and date filters, pages
import type { Metadata } from "next";
import Link from "next/link";
import { CustomerLink } from "@/components/admin/billing/detail";
import { ListFilters } from "@/components/admin/billing/list-filters";
import { PageHeader } from "@/components/admin/billing/page-header";
import { StatusBadge } from "@/components/admin/billing/status-badge";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { invoiceStatuses } from "@/db/schema";
import { accountNames, ADMIN_PAGE_SIZE, invoiceFiltersOf, invoiceListQuery, organizationLocale } from "@/lib/admin/billing-lists";
import { queryValues, searchParam } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { formatMoney } from "@/lib/invoices/format";
import { listInvoices } from "@/lib/invoices/service";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Invoices" };

const FILTERS = ["q", "status", "from", "to"] as const;

export default async function InvoicesPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const organizationId = staff.organization.id;
  const base = `/admin/${staff.organization.slug}/invoices`;
  const sp = await searchParams;
  const values = queryValues(sp, FILTERS);
  const cursor = searchParam(sp, "cursor");
  const parsed = invoiceListQuery.safeParse({ ...values, cursor });
  const rows = parsed.success ? await unlessBadCursor(() => listInvoices(getDb(), { organizationId }, invoiceFiltersOf(parsed.data))) : null;
  const { data: invoices, next_cursor: nextCursor } = page(rows ?? [], ADMIN_PAGE_SIZE, (r) => r);
  const [accounts, locale] = await Promise.all([accountNames(getDb(), organizationId, invoices.map((i) => i.billingAccountId)), organizationLocale(getDb(), organizationId)]);
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const filtered = FILTERS.some((f) => values[f]);
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title="Invoices"
        staff={staff}
        description="Every invoice of this organization, newest first. Open one to finalize, collect, void or download it."
        actions={can(staff.role, "business:write") ? <Link href={`${base}/new`} className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-teal-800">New invoice</Link> : null}
      />
      <ListFilters
        action={base}
        label="Search invoices"
        values={values}
        errors={errors}
        fields={[
          { type: "search", name: "q", label: "Search", placeholder: "Invoice number, customer name, email or CNPJ/CPF" },
          { type: "select", name: "status", label: "Status", options: invoiceStatuses },
          { type: "date", name: "from", label: "Created from" },
          { type: "date", name: "to", label: "Created to" },
        ]}
      />
      <ListProblem message={(parsed.success && !rows) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption="Invoices, newest first"
        columns={["Invoice", "Customer", "Status", "Total", "Amount due", "Created", "Due"]}
        empty={invoices.length === 0 && parsed.success && rows ? (filtered ? "No invoice matches these filters." : "No invoices yet: they are made when subscriptions bill, or through the API.") : null}
      >
        {invoices.map((inv) => {
          const account = accounts.get(inv.billingAccountId);
          return (
            <tr key={inv.id} className="border-b border-slate-100 last:border-0" data-testid="invoice-row">
              <th scope="row" className={`${tdClass} font-normal`}>
                <Link href={`${base}/${inv.id}`} className="font-mono font-medium text-teal-800 underline hover:text-teal-950">{inv.number ?? "Draft"}</Link>
                <div className="text-xs text-slate-600">{inv.billingReason.replace(/_/g, " ")}</div>
              </th>
              <td className={tdClass}><CustomerLink slug={staff.organization.slug} id={inv.billingAccountId} name={account?.name} email={account?.email} /></td>
              <td className={tdClass}><StatusBadge status={inv.status} /></td>
              <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatMoney(inv.totalCents, inv.currency, locale)}</td>
              <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatMoney(inv.amountDueCents - inv.amountPaidCents, inv.currency, locale)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(inv.createdAt)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{inv.dueAt ? when(inv.dueAt) : "—"}</td>
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Invoices" />
    </div>
  );
}
