// /admin/<org>/invoices/new — a one-off invoice (business:write), as POST /api/v1/invoices makes it
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Card } from "@/components/admin/billing/detail";
import { NewInvoiceForm } from "@/components/admin/billing/invoice-forms";
import { getDb } from "@/db";
import { queryValues } from "@/lib/admin/list-page";
import { subscribableAccounts } from "@/lib/admin/billing-subscriptions";
import { organizationCurrency } from "@/lib/organizations/create";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createInvoiceAction } from "../actions";

export const metadata: Metadata = { title: "New invoice" };

export default async function NewInvoicePage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  if (!can(staff.role, "business:write")) notFound();
  const slug = staff.organization.slug;
  const [accounts, currency] = await Promise.all([subscribableAccounts(getDb(), staff.organization.id), organizationCurrency(getDb(), staff.organization.id)]);
  const { customer } = queryValues(await searchParams, ["customer"]);
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href={`/admin/${slug}/invoices`}>Invoices</BackLink>
      <h1 className="text-2xl font-semibold text-slate-900">New invoice</h1>
      <Card id="new-invoice-heading" title="Invoice a customer for one-off items">
        <NewInvoiceForm action={createInvoiceAction.bind(null, slug)} accounts={accounts} currency={currency} accountId={accounts.some((a) => a.id === customer) ? customer : undefined} />
      </Card>
    </div>
  );
}
