// /admin/<org>/payments — the organization's payments: search (receipt, customer), status and method filters, pages
import type { Metadata } from "next";
import { ListFilters } from "@/components/admin/billing/list-filters";
import { PageHeader } from "@/components/admin/billing/page-header";
import { METHOD_LABEL, PaymentsTable } from "@/components/admin/billing/payments-table";
import { ListProblem } from "@/components/admin/table/data-table";
import { Pager } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { paymentMethodTypes, paymentStatuses } from "@/db/schema";
import { accountNames, ADMIN_PAGE_SIZE, organizationLocale, paymentFiltersOf, paymentListQuery } from "@/lib/admin/billing-lists";
import { queryValues, searchParam } from "@/lib/admin/list-page";
import { issuesToFields } from "@/lib/admin/form-state";
import { BAD_PAGE_LINK, unlessBadCursor } from "@/lib/admin/list-page";
import { page } from "@/lib/api/pagination";
import { listPayments } from "@/lib/payments/refunds";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Payments" };

const FILTERS = ["q", "status", "method"] as const;

export default async function PaymentsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  const organizationId = staff.organization.id;
  const base = `/admin/${staff.organization.slug}/payments`;
  const sp = await searchParams;
  const values = queryValues(sp, FILTERS);
  const cursor = searchParam(sp, "cursor");
  const parsed = paymentListQuery.safeParse({ ...values, cursor });
  const rows = parsed.success ? await unlessBadCursor(() => listPayments(getDb(), { organizationId }, paymentFiltersOf(parsed.data))) : null;
  const { data: payments, next_cursor: nextCursor } = page(rows ?? [], ADMIN_PAGE_SIZE, (r) => r);
  const [accounts, locale] = await Promise.all([accountNames(getDb(), organizationId, payments.map((p) => p.billingAccountId)), organizationLocale(getDb(), organizationId)]);
  const errors = parsed.success ? {} : issuesToFields(parsed.error.issues);
  const filtered = FILTERS.some((f) => values[f]);
  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader title="Payments" staff={staff} description="Every attempt to collect an invoice (cards, boletos, PIX), newest first. Open a captured payment to refund it." />
      <ListFilters
        action={base}
        label="Search payments"
        values={values}
        errors={errors}
        fields={[
          { type: "search", name: "q", label: "Search", placeholder: "Receipt number, customer name, email or CNPJ/CPF" },
          { type: "select", name: "status", label: "Status", options: paymentStatuses },
          { type: "select", name: "method", label: "Method", options: paymentMethodTypes.map((m) => ({ value: m, label: METHOD_LABEL[m] ?? m })) },
        ]}
      />
      <ListProblem message={(parsed.success && !rows) || errors.cursor ? BAD_PAGE_LINK : null} />
      <PaymentsTable
        caption="Payments, newest first"
        payments={payments}
        slug={staff.organization.slug}
        locale={locale}
        accounts={accounts}
        empty={parsed.success && rows ? (filtered ? "No payment matches these filters." : "No payments yet: they appear when invoices are collected.") : null}
      />
      <Pager pathname={base} params={values} cursor={cursor} nextCursor={nextCursor} label="Payments" />
    </div>
  );
}
