// /subscriptions/:id on a portal host — one subscription of the account: its plan, items and
// period; change plan/cycle/quantity with the proration preview; pause, resume, cancel, reactivate.
// ?action=change|cancel opens that flow (deep links land here).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/portal/manage/buttons";
import { Notice } from "@/components/portal/manage/page-header";
import { ChangeForm } from "@/components/portal/subscriptions/change-form";
import { LifecyclePanel } from "@/components/portal/subscriptions/lifecycle-panel";
import { SubscriptionSummary } from "@/components/portal/subscriptions/subscription-summary";
import { getDb } from "@/db";
import { now } from "@/lib/clock";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatDate } from "@/lib/invoices/format";
import { can } from "@/lib/portal/permissions";
import { getPortalSubscription, planOptions } from "@/lib/portal/subscriptions";
import { getPortalVisitor } from "../../../viewer";
import { requireSectionViewer, single } from "../../section";
import { applyChangeAction, cancelAction, pauseAction, previewChangeAction, reactivateAction, resumeAction } from "../actions";
import { isRunning } from "@/db/schema";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).subscriptions.title };
}


export default async function SubscriptionPage({ params, searchParams }: Props) {
  const { host, id } = await params;
  const action = single((await searchParams).action);
  const { viewer } = await requireSectionViewer(params, "subscriptions", { next: `/subscriptions/${encodeURIComponent(id)}${action ? `?action=${encodeURIComponent(action)}` : ""}` });
  const db = getDb();
  const sub = await getPortalSubscription(db, viewer, id);
  if (!sub) notFound();
  const t = pick(portalManageMessages, viewer.locale);
  const s = t.subscriptions;
  const manage = can(viewer.user.role, "manage_subscriptions");
  const running = isRunning(sub.status);
  const tomorrow = new Date(now().getTime() + 86_400_000).toISOString().slice(0, 10);
  const editable = sub.items.filter((i) => i.price.usageType === "licensed").map((i) => ({ priceId: i.priceId, name: i.price.productName, quantity: i.quantity }));
  const bind = <A extends unknown[], R>(fn: (host: unknown, id: unknown, ...rest: A) => R) => fn.bind(null, host, sub.id);
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/subscriptions" className={linkClass}>← {s.back}</Link>
      </p>
      <div className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm" data-testid="subscription">
        <SubscriptionSummary sub={sub} locale={viewer.locale} headingLevel={1} />
      </div>
      {!manage ? (
        <div className="mt-6">
          <Notice>{t.common.readOnly}</Notice>
        </div>
      ) : (
        <>
          {running ? (
            <details id="change" open={action === "change"} className="mt-6 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
              <summary className="cursor-pointer text-lg font-semibold text-zinc-900">{s.change.title}</summary>
              <div className="mt-4">
                <ChangeForm
                  locale={viewer.locale}
                  plans={await planOptions(db, viewer, sub)}
                  currentPlanId={sub.planId}
                  currentCycle={sub.cycle}
                  items={editable}
                  previewAction={bind(previewChangeAction)}
                  applyAction={bind(applyChangeAction)}
                />
              </div>
            </details>
          ) : null}
          <section aria-labelledby="actions-title" className="mt-6 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
            <h2 id="actions-title" className="mb-4 text-lg font-semibold text-zinc-900">{s.actions}</h2>
            <LifecyclePanel
              locale={viewer.locale}
              offers={{
                pause: running,
                resume: sub.status === "paused",
                cancelAtPeriodEnd: running && !sub.cancelAtPeriodEnd,
                cancelNow: sub.status !== "canceled",
                reactivate: sub.cancelAtPeriodEnd && sub.status !== "canceled",
              }}
              periodEnd={formatDate(sub.currentPeriodEnd, viewer.locale)}
              minResumeDate={tomorrow}
              openCancel={action === "cancel"}
              actions={{ pause: bind(pauseAction), resume: bind(resumeAction), cancel: bind(cancelAction), reactivate: bind(reactivateAction) }}
            />
          </section>
        </>
      )}
    </>
  );
}
