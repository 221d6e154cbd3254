// /subscriptions on a portal host — the account's subscriptions. ?action=change|cancel (a deep
// link's target) opens that flow on the subscription it concerns.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { linkClass } from "@/components/portal/manage/buttons";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { SubscriptionSummary } from "@/components/portal/subscriptions/subscription-summary";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { listPortalSubscriptions } from "@/lib/portal/subscriptions";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const FLOWS = ["change", "cancel"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).subscriptions.title };
}

export default async function SubscriptionsPage({ params, searchParams }: Props) {
  const action = single((await searchParams).action);
  const flow = FLOWS.find((f) => f === action);
  const { viewer } = await requireSectionViewer(params, "subscriptions", { next: flow ? `/subscriptions?action=${flow}` : "/subscriptions" });
  const t = pick(portalManageMessages, viewer.locale);
  const subscriptions = await listPortalSubscriptions(getDb(), viewer);
  const running = subscriptions.filter((s) => s.status !== "canceled");
  // A flow without a subscription named goes to the one it can only mean.
  if (flow && running.length === 1) redirect(`/subscriptions/${running[0]!.id}?action=${flow}`);
  return (
    <>
      <PageHeader title={t.subscriptions.title} intro={t.subscriptions.intro} />
      {subscriptions.length === 0 ? <Notice>{t.subscriptions.empty}</Notice> : null}
      <ul className="space-y-4">
        {subscriptions.map((sub) => (
          <li key={sub.id} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm" data-testid="subscription">
            <SubscriptionSummary sub={sub} locale={viewer.locale} />
            <p className="mt-4">
              <Link href={`/subscriptions/${sub.id}${flow ? `?action=${flow}` : ""}`} className={linkClass}>
                {t.subscriptions.open}
                <span className="sr-only"> — {sub.planName ?? t.subscriptions.custom}</span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
