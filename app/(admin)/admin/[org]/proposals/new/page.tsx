// /admin/<org>/proposals/new — make a proposal (business:write): customer, plan or prices, terms, validity, message; create and send
import type { Metadata } from "next";
import Link from "next/link";
import { ProposalForm } from "@/components/admin/proposals/proposal-form";
import { getDb } from "@/db";
import { param } from "@/components/admin/table/pager";
import { accountOption, organizationTimeZone, proposalFormOptions } from "@/lib/admin/proposal-options";
import { isoToZonedLocal } from "@/lib/admin/proposal-input";
import { now } from "@/lib/clock";
import { requireStaff } from "../../../staff";
import { createProposalAction } from "../actions";

export const metadata: Metadata = { title: "New proposal" };

const DEFAULT_VALIDITY_DAYS = 14;

export default async function NewProposalPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff((await params).org, "business:write");
  const slug = staff.organization.slug;
  const db = getDb();
  const scope = { organizationId: staff.organization.id };
  const [options, timeZone] = await Promise.all([proposalFormOptions(db, scope), organizationTimeZone(db, scope.organizationId)]);
  // A customer's "New proposal" link (?billing_account_id=) preselects it, listed or not (its own organization's only).
  const preselect = param(await searchParams, "billing_account_id");
  if (preselect && !options.accounts.some((a) => a.id === preselect)) {
    const account = await accountOption(db, scope, preselect);
    if (account) options.accounts.unshift(account);
  }
  const validUntil = isoToZonedLocal(new Date(now().getTime() + DEFAULT_VALIDITY_DAYS * 86_400_000), timeZone);
  return (
    <div className="max-w-4xl space-y-6">
      <Link href={`/admin/${slug}/proposals`} className="text-sm text-teal-800 underline">← Proposals</Link>
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">New proposal</h1>
        <p className="mt-1 text-sm text-slate-600">
          The offer is checked exactly as the subscription it creates on acceptance would be, and stored as it resolves.
          {staff.testMode ? " Test mode: the customer sees it on the sandbox portal." : ""}
        </p>
      </div>
      {options.truncated ? <p className="text-sm text-amber-900">Only the first {options.accounts.length} customers (by name) are listed: a link with <code>?billing_account_id=</code> preselects any other.</p> : null}
      <ProposalForm
        action={createProposalAction.bind(null, slug)}
        accounts={options.accounts}
        plans={options.plans}
        prices={options.prices}
        defaults={{ billingAccountId: preselect, validUntil, timeZone }}
      />
    </div>
  );
}
