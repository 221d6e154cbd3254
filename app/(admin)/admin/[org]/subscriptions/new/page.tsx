// /admin/<org>/subscriptions/new — create a subscription (business:write), as POST /api/v1/subscriptions does
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, Card } from "@/components/admin/billing/detail";
import { NewSubscriptionForm } from "@/components/admin/billing/new-subscription-form";
import { getDb } from "@/db";
import { queryValues } from "@/lib/admin/list-page";
import { subscribableAccounts, subscribablePlans } from "@/lib/admin/billing-subscriptions";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { createSubscriptionAction } from "../actions";

export const metadata: Metadata = { title: "New subscription" };

export default async function NewSubscriptionPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:read");
  if (!can(staff.role, "business:write")) notFound();
  const slug = staff.organization.slug;
  const { customer } = queryValues(await searchParams, ["customer"]);
  const [plans, accounts] = await Promise.all([subscribablePlans(getDb(), staff.organization.id), subscribableAccounts(getDb(), staff.organization.id)]);
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href={`/admin/${slug}/subscriptions`}>Subscriptions</BackLink>
      <h1 className="text-2xl font-semibold text-slate-900">New subscription</h1>
      <Card id="new-subscription-heading" title="Subscribe a customer to a plan">
        {plans.length === 0 ? (
          <p className="text-sm text-slate-600">There are no active plans yet: create one in the Catalog first.</p>
        ) : (
          <NewSubscriptionForm action={createSubscriptionAction.bind(null, slug)} plans={plans} accounts={accounts} base={`/admin/${slug}/subscriptions`} accountId={accounts.some((a) => a.id === customer) ? customer : undefined} />
        )}
      </Card>
    </div>
  );
}
