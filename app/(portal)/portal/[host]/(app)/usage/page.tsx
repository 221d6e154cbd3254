// /usage on a portal host — metered consumption of one of the account's subscriptions
// (?subscription=<id>, else the first running one with metered items): this period so far, the
// daily chart, the projection to the period's end and its amount.
import type { Metadata } from "next";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { SubscriptionPicker } from "@/components/portal/manage/subscription-picker";
import { UsageItem } from "@/components/portal/usage/usage-item";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDateRange, formatDateTime } from "@/lib/invoices/format";
import { listPortalSubscriptions } from "@/lib/portal/subscriptions";
import { loadPortalUsage } from "@/lib/portal/usage";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).usage.title };
}

const hasMetered = (s: { items: Array<{ price: { usageType: string } }> }) => s.items.some((i) => i.price.usageType === "metered");

export default async function UsagePage({ params, searchParams }: Props) {
  const wanted = single((await searchParams).subscription);
  const { viewer } = await requireSectionViewer(params, "usage", { next: "/usage" });
  const t = pick(portalManageMessages, viewer.locale).usage;
  const db = getDb();
  const locale = viewer.locale;
  const subscriptions = await listPortalSubscriptions(db, viewer);
  const chosen = subscriptions.find((s) => s.id === wanted) ?? subscriptions.find((s) => s.status !== "canceled" && hasMetered(s)) ?? subscriptions.find(hasMetered);
  const usage = chosen ? await loadPortalUsage(db, viewer, chosen) : null;
  return (
    <>
      <PageHeader title={t.title} intro={t.intro}>
        {subscriptions.length > 1 && chosen ? <SubscriptionPicker subscriptions={subscriptions} current={chosen.id} locale={locale} label={t.forSubscription} submit={t.choose} /> : null}
      </PageHeader>
      {!usage ? <Notice>{t.noSubscription}</Notice> : null}
      {usage ? (
        <>
          <p className="text-sm text-zinc-700">{t.period(formatDateRange(usage.periodStart, usage.periodEnd, locale))}</p>
          <p className="mb-4 text-xs text-zinc-600">{t.asOf(formatDateTime(usage.asOf, locale))}</p>
          {usage.items.length === 0 ? <Notice>{t.empty}</Notice> : null}
          <div className="space-y-6">
            {usage.items.map((item) => (
              <UsageItem key={item.subscriptionItemId} item={item} currency={usage.subscription.currency} locale={locale} />
            ))}
          </div>
          {usage.items.length > 0 ? <p className="mt-4 text-xs text-zinc-600">{t.dailyNote}</p> : null}
        </>
      ) : null}
    </>
  );
}
