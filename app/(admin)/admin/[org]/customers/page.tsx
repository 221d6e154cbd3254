// /admin/<org>/customers — billing accounts: search (name, email, CPF/CNPJ), status and overdue filters, cursor pages
import type { Metadata } from "next";
import Link from "next/link";
import { CustomerFilters } from "@/components/admin/customers/customer-filters";
import { Badge, documentText, money } from "@/components/admin/customers/format";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager, param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { CUSTOMERS_PER_PAGE, listCustomers, overdueByAccount, parseCustomerQuery } from "@/lib/admin/customer-queries";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const sp = await searchParams;
  const scope = { organizationId: staff.organization.id };
  const base = `/admin/${staff.organization.slug}/customers`;
  const values = { q: param(sp, "q"), status: param(sp, "status"), overdue: param(sp, "overdue") };
  const cursor = param(sp, "cursor");
  const parsed = parseCustomerQuery({ ...values, cursor });
  const rows = parsed.ok ? await unlessBadCursor(() => listCustomers(getDb(), scope, parsed.query)) : null;
  const { data: accounts, next_cursor: nextCursor } = page(rows ?? [], CUSTOMERS_PER_PAGE, (a) => a);
  const overdue = await overdueByAccount(getDb(), scope, accounts.map((a) => a.id));
  const filtered = Boolean(values.q || values.overdue);
  const archived = parsed.ok && parsed.query.status === "archived";
  return (
    <div className="max-w-6xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Customers</h1>
          <p className="mt-1 text-sm text-slate-600">The billing accounts you invoice, with their portal users and credits.</p>
        </div>
        {can(staff.role, "business:write") ? (
          <Link href={`${base}/new`} className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700">
            New customer
          </Link>
        ) : null}
      </div>
      <CustomerFilters action={base} values={values} problem={parsed.ok ? null : parsed.message} />
      <ListProblem message={!parsed.ok ? parsed.message : rows === null ? BAD_PAGE_LINK : null} />
      <DataTable
        caption={archived ? "Archived customers, newest first" : "Customers, newest first"}
        columns={["Customer", "Email", "Document", "Overdue", "Created"]}
        empty={accounts.length === 0 && parsed.ok && rows !== null ? (filtered ? "No customer matches these filters." : archived ? "No archived customers." : "No customers yet.") : null}
      >
        {accounts.map((a) => {
          const late = overdue.get(a.id);
          return (
            <tr key={a.id} className="border-b border-slate-100 last:border-0" data-testid="customer-row">
              <th scope="row" className={`${tdClass} font-normal`}>
                <Link href={`${base}/${a.id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{a.name}</Link>
                {a.legalName && a.legalName !== a.name ? <div className="text-slate-600">{a.legalName}</div> : null}
                {a.externalId ? <div className="font-mono text-xs text-slate-600">{a.externalId}</div> : null}
              </th>
              <td className={`${tdClass} break-all`}>{a.email}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{documentText(a) ?? "—"}</td>
              <td className={tdClass}>
                {late ? (
                  <Badge tone="bad">
                    {late.count} overdue · {late.due.map((d) => money(d.cents, d.currency)).join(" + ")}
                  </Badge>
                ) : "—"}
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(a.createdAt)}</td>
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Customers" />
    </div>
  );
}
