// /proposals/:id on a portal host — one offer: items, prices, cycle, trial, promotions, validity,
// message; accept (starts the subscription) or reject with a reason while it is open.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/portal/manage/buttons";
import { Notice } from "@/components/portal/manage/page-header";
import { StatusBadge } from "@/components/portal/manage/status-badge";
import { ProposalDecision } from "@/components/portal/proposals/proposal-decision";
import { ProposalTerms } from "@/components/portal/proposals/proposal-terms";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate, formatDateTime } from "@/lib/invoices/format";
import { can } from "@/lib/portal/permissions";
import { getPortalProposal } from "@/lib/portal/proposals";
import { isSectionEnabled } from "@/lib/portal/sections";
import { getPortalVisitor } from "../../../viewer";
import { requireSectionViewer } from "../../section";
import { acceptProposalAction, rejectProposalAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).proposals.title };
}

export default async function ProposalPage({ params }: Props) {
  const { host, id } = await params;
  const { viewer } = await requireSectionViewer(params, "proposals", { next: `/proposals/${encodeURIComponent(id)}` });
  const proposal = await getPortalProposal(getDb(), viewer, id);
  if (!proposal) notFound();
  const all = pick(portalManageMessages, viewer.locale);
  const t = all.proposals;
  const locale = viewer.locale;
  const open = proposal.status === "open";
  const manage = can(viewer.user.role, "manage_subscriptions");
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/proposals" className={linkClass}>← {t.back}</Link>
      </p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-zinc-950">{t.heading(formatDate(proposal.createdAt, locale))}</h1>
        <StatusBadge status={proposal.status} label={t.status[proposal.status] ?? proposal.status} />
      </div>
      {proposal.status === "expired" ? (
        <div className="mb-4">
          <Notice tone="warning">{t.expiredOn(formatDateTime(proposal.validUntil, locale))}</Notice>
        </div>
      ) : null}
      {proposal.status === "rejected" && proposal.rejectionReason ? <p className="mb-4 text-sm text-zinc-700">{t.rejectedReason(proposal.rejectionReason)}</p> : null}
      {proposal.status === "accepted" && proposal.subscriptionId && isSectionEnabled(viewer.settings, "subscriptions") ? (
        <p className="mb-4 text-sm">
          <Link href={`/subscriptions/${proposal.subscriptionId}`} className={linkClass}>{t.seeSubscription}</Link>
        </p>
      ) : null}
      <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <ProposalTerms proposal={proposal} locale={locale} />
      </div>
      {open && !manage ? (
        <div className="mt-6">
          <Notice>{all.common.readOnly}</Notice>
        </div>
      ) : null}
      {manage ? (
        <ProposalDecision
          locale={locale}
          open={open}
          accept={acceptProposalAction.bind(null, host, proposal.id)}
          reject={rejectProposalAction.bind(null, host, proposal.id)}
        />
      ) : null}
    </>
  );
}
