// /proposals on a portal host — the offers made to the account, newest first (expired ones as such).
import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/portal/manage/buttons";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { StatusBadge } from "@/components/portal/manage/status-badge";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate, formatDateTime, formatMoney } from "@/lib/invoices/format";
import { listPortalProposals } from "@/lib/portal/proposals";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).proposals.title };
}

export default async function ProposalsPage({ params }: Props) {
  const { viewer } = await requireSectionViewer(params, "proposals", { next: "/proposals" });
  const all = pick(portalManageMessages, viewer.locale);
  const t = all.proposals;
  const locale = viewer.locale;
  const proposals = await listPortalProposals(getDb(), viewer);
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      {proposals.length === 0 ? <Notice>{t.empty}</Notice> : null}
      <ul className="space-y-4">
        {proposals.map((p) => {
          const created = formatDate(p.createdAt, locale);
          return (
            <li key={p.id} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm" data-testid="proposal">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-lg font-semibold text-zinc-900">{p.planName ?? all.subscriptions.custom}</h2>
                <StatusBadge status={p.status} label={t.status[p.status] ?? p.status} />
              </div>
              <p className="mt-1 text-sm text-zinc-700">
                {p.currency ? `${formatMoney(p.recurringCents, p.currency, locale)} ${p.cycle ? all.common.perPeriod(all.common.cycle(p.cycle.interval, p.cycle.interval_count)) : ""}` : null}
              </p>
              <p className="text-sm text-zinc-600">
                {p.status === "expired" ? t.expiredOn(formatDateTime(p.validUntil, locale)) : `${t.validUntil}: ${formatDateTime(p.validUntil, locale)}`}
              </p>
              <p className="mt-3">
                <Link href={`/proposals/${p.id}`} className={linkClass}>
                  {t.view}
                  <span className="sr-only"> — {t.heading(created)}</span>
                </Link>
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
