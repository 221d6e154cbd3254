// /admin/<org>/proposals/<id> — one proposal: status, customer, offer and totals, the customer's link, emails, history; send, edit, withdraw
import type { Metadata } from "next";
import Link from "next/link";
import { SendProposalForm, UpdateProposalForm, WithdrawProposalForm } from "@/components/admin/proposals/proposal-actions";
import { ProposalOffer } from "@/components/admin/proposals/proposal-offer";
import { ProposalStatusBadge } from "@/components/admin/proposals/status-badge";
import { DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { param } from "@/components/admin/table/pager";
import { getDb } from "@/db";
import { isoToZonedLocal } from "@/lib/admin/proposal-input";
import { organizationTimeZone } from "@/lib/admin/proposal-options";
import { getProposalDetail } from "@/lib/admin/proposal-views";
import { proposalPortalUrl } from "@/lib/proposals/send";
import { getProposalOrThrow } from "@/lib/proposals/service";
import { can } from "@/lib/staff/permissions";
import { requireStaff } from "../../../staff";
import { cancelProposalAction, sendProposalAction, updateProposalAction } from "../actions";
import { foundOr404 } from "@/lib/admin/list-page";

export const metadata: Metadata = { title: "Proposal" };

const card = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
const CREATED = { sent: "Proposal created and sent to the customer.", draft: "Proposal created. It has not been emailed: send it when it is ready." } as const;

export default async function ProposalPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, id } = await params;
  const staff = await requireStaff(org, "business:read");
  const db = getDb();
  const scope = { organizationId: staff.organization.id };
  const proposal = await foundOr404(id, () => getProposalOrThrow(db, { ...scope, id }));
  const [detail, timeZone] = await Promise.all([getProposalDetail(db, scope, proposal), organizationTimeZone(db, scope.organizationId)]);
  const slug = staff.organization.slug;
  const base = `/admin/${slug}`;
  const open = detail.status === "open";
  const mayWrite = can(staff.role, "business:write") && open;
  const created = param(await searchParams, "created");
  const link = proposalPortalUrl(slug, proposal.id);
  return (
    <div className="max-w-5xl space-y-6">
      <Link href={`${base}/proposals`} className="text-sm text-teal-800 underline">← Proposals</Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">Proposal for {detail.account?.name ?? "a customer"}</h1>
        <ProposalStatusBadge status={detail.status} />
      </div>
      <p className="-mt-4 text-sm text-slate-600">
        Created {when(proposal.createdAt)} · valid until {when(proposal.validUntil)} · <span className="font-mono text-xs">{proposal.id}</span>
      </p>
      {created === "sent" || created === "draft" ? <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900 ring-1 ring-emerald-200">{CREATED[created]}</p> : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="customer-heading" className={card}>
          <h2 id="customer-heading" className="text-base font-semibold text-slate-900">Customer</h2>
          {detail.account ? (
            <p className="mt-2 text-sm">
              <Link href={`${base}/customers/${detail.account.id}`} className="font-medium text-teal-800 underline">{detail.account.name}</Link>
              <span className="block text-slate-600">{detail.account.email}</span>
            </p>
          ) : <p className="mt-2 text-sm text-slate-600">Unknown billing account.</p>}
        </section>
        <section aria-labelledby="link-heading" className={`${card} lg:col-span-2`}>
          <h2 id="link-heading" className="text-base font-semibold text-slate-900">The customer&apos;s link</h2>
          <p className="mt-1 text-sm text-slate-600">The proposal on your customer portal (after sign-in), as sent in the email.</p>
          <p className="mt-2 break-all font-mono text-sm"><a href={link} className="text-teal-800 underline" data-testid="portal-link">{link}</a></p>
          {proposal.status === "accepted" && proposal.subscriptionId ? (
            <p className="mt-3 text-sm">Accepted {when(proposal.acceptedAt)}: <Link href={`${base}/subscriptions/${proposal.subscriptionId}`} className="font-medium text-teal-800 underline">see the subscription</Link></p>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="offer-heading" className={card}>
        <h2 id="offer-heading" className="mb-3 text-base font-semibold text-slate-900">Offer</h2>
        <ProposalOffer detail={detail} />
        {proposal.message ? (
          <div className="mt-4">
            <h3 className="text-sm font-medium text-slate-600">Message to the customer</h3>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-900" data-testid="proposal-message">{proposal.message}</p>
          </div>
        ) : null}
      </section>

      {mayWrite ? (
        <section aria-labelledby="actions-heading" className={`${card} space-y-6`}>
          <h2 id="actions-heading" className="text-base font-semibold text-slate-900">Actions</h2>
          <SendProposalForm id={proposal.id} action={sendProposalAction.bind(null, slug)} sentBefore={detail.emails.length > 0} />
          <div>
            <h3 id="edit-proposal-heading" className="mb-2 text-sm font-semibold text-slate-900">Validity and message</h3>
            <UpdateProposalForm id={proposal.id} action={updateProposalAction.bind(null, slug)} validUntil={isoToZonedLocal(proposal.validUntil, timeZone)} message={proposal.message ?? ""} timeZone={timeZone} />
          </div>
          <WithdrawProposalForm id={proposal.id} action={cancelProposalAction.bind(null, slug)} />
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className={card}>
        <h2 id="history-heading" className="text-base font-semibold text-slate-900">History</h2>
        <ol className="mt-3 space-y-2 text-sm" data-testid="proposal-history">
          {detail.history.map((h, i) => (
            <li key={i} className="flex flex-wrap gap-x-3"><span className="whitespace-nowrap text-slate-600">{when(h.at)}</span><span className="text-slate-900">{h.label}</span></li>
          ))}
        </ol>
      </section>

      <DataTable caption="Emails" columns={["To", "Delivery", "Queued", "Sent"]} empty={detail.emails.length === 0 ? "Not emailed yet." : null}>
        {detail.emails.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 last:border-0" data-testid="proposal-email">
            <th scope="row" className={`${tdClass} font-normal`}>{can(staff.role, "developers:read") ? <Link href={`${base}/developers/emails/${e.id}`} className="text-teal-800 underline">{e.to}</Link> : e.to}</th>
            <td className={tdClass}>{e.status}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(e.createdAt)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(e.sentAt)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
