// /admin/<org>/customers/new — create a billing account (createBillingAccountInput, as POST /api/v1/billing_accounts)
import type { Metadata } from "next";
import Link from "next/link";
import { CustomerForm } from "@/components/admin/customers/customer-form";
import { requireStaff } from "../../../staff";
import { createCustomerAction } from "../actions";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "business:write");
  const base = `/admin/${staff.organization.slug}/customers`;
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={base} className="text-sm text-teal-800 underline">← Customers</Link>
      <h1 className="text-2xl font-semibold text-slate-900">New customer</h1>
      <CustomerForm action={createCustomerAction.bind(null, staff.organization.slug)} saved={{ "tax_address.country": "BR" }} base={base} />
    </div>
  );
}
