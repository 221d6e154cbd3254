// /admin/<org>/subscriptions — the organization's subscriptions: search (customer, id), status and plan filters, pages
import type { Metadata } from "next";
import Link from "next/link";
import { ListFilters } from "@/components/admin/billing/list-filters";
import { PageHeader } from "@/components/admin/billing/page-header";
import { StatusBadge } from "@/components/admin/billing/status-badge";
import { DataTable, ListProblem } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { Pager } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { subscriptionStatuses } from "@/db/schema";
import { accountNames, ADMIN_PAGE_SIZE, planOptions, subscriptionFiltersOf, subscriptionListQuery } from "@/lib/admin/billing-lists";
import { queryValues, searchParam } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { can } from "@/lib/staff/permissions";
import { listSubscriptions } from "@/lib/subscriptions/list";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Subscriptions" };

const FILTERS = ["q", "status", "plan"] as const;
const cycle = (interval: string, count: number) => (count === 1 ? `Every ${interval}` : `Every ${count} ${interval}s`);

export default async function SubscriptionsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const organizationId = staff.organization.id;
  const slug = staff.organization.slug;
  const base = `/admin/${slug}/subscriptions`;
  const sp = await searchParams;
  const values = queryValues(sp, FILTERS);
  const cursor = searchParam(sp, "cursor");
  const parsed = subscriptionListQuery.safeParse({ ...values, cursor });
  const rows = parsed.success ? await unlessBadCursor(() => listSubscriptions(getDb(), { organizationId }, subscriptionFiltersOf(parsed.data))) : null;
  const { data: subs, next_cursor: nextCursor } = page(rows ?? [], ADMIN_PAGE_SIZE, (r) => r);
  const [accounts, plans] = await Promise.all([accountNames(getDb(), organizationId, subs.map((s) => s.billingAccountId)), planOptions(getDb(), organizationId)]);
  const planName = new Map(plans.map((p) => [p.id, p.name]));
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const filtered = FILTERS.some((f) => values[f]);
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title="Subscriptions"
        staff={staff}
        description="Every subscription of this organization, newest first. Open one to cancel, pause or resume it."
        actions={can(staff.role, "business:write") ? <Link href={`${base}/new`} className="rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-teal-800">New subscription</Link> : null}
      />
      <ListFilters
        action={base}
        label="Search subscriptions"
        values={values}
        errors={errors}
        fields={[
          { type: "search", name: "q", label: "Search", placeholder: "Customer name, email, CNPJ/CPF or subscription id" },
          { type: "select", name: "status", label: "Status", options: subscriptionStatuses },
          { type: "select", name: "plan", label: "Plan", options: plans.map((p) => ({ value: p.id, label: p.status === "archived" ? `${p.name} (archived)` : p.name })) },
        ]}
      />
      <ListProblem message={(parsed.success && !rows) || errors.cursor ? BAD_PAGE_LINK : null} />
      <DataTable
        caption="Subscriptions, newest first"
        columns={["Customer", "Plan", "Status", "Billing", "Current period ends", "Created"]}
        empty={subs.length === 0 && parsed.success && rows ? (filtered ? "No subscription matches these filters." : "No subscriptions yet.") : null}
      >
        {subs.map((s) => {
          const account = accounts.get(s.billingAccountId);
          return (
            <tr key={s.id} className="border-b border-slate-100 last:border-0" data-testid="subscription-row">
              <th scope="row" className={`${tdClass} font-normal`}>
                <Link href={`${base}/${s.id}`} className="font-medium text-teal-800 underline hover:text-teal-950">{account?.name ?? s.billingAccountId}</Link>
                {account ? <div className="text-xs text-slate-600">{account.email}</div> : null}
              </th>
              <td className={tdClass}>{s.planId ? (planName.get(s.planId) ?? "—") : `${s.items.length} custom item${s.items.length === 1 ? "" : "s"}`}</td>
              <td className={tdClass}>
                <StatusBadge status={s.status} />
                {s.cancelAtPeriodEnd ? <div className="mt-1 text-xs text-amber-900">Cancels at period end</div> : null}
              </td>
              <td className={`${tdClass} whitespace-nowrap`}>{cycle(s.billingInterval, s.intervalCount)} · {s.currency}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{s.status === "canceled" ? "—" : when(s.currentPeriodEnd)}</td>
              <td className={`${tdClass} whitespace-nowrap`}>{when(s.createdAt)}</td>
            </tr>
          );
        })}
      </DataTable>
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Subscriptions" />
    </div>
  );
}
