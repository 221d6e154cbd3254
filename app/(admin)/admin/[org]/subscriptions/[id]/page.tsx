// /admin/<org>/subscriptions/<id> — one subscription: customer, plan, items, period, history, invoices, lifecycle actions
import type { Metadata } from "next";
import Link from "next/link";
import { BackLink, Card, CustomerLink, Facts } from "@/components/admin/billing/detail";
import { PlanChange } from "@/components/admin/billing/plan-change";
import { StatusBadge } from "@/components/admin/billing/status-badge";
import { SubscriptionActions } from "@/components/admin/billing/subscription-actions";
import { DataTable } from "@/components/admin/table/data-table";
import { tdClass, when } from "@/components/admin/table/format";
import { getDb } from "@/db";
import { accountNames, organizationLocale, planOptions } from "@/lib/admin/billing-lists";
import { foundOr404, queryValues } from "@/lib/admin/list-page";
import { parseTargetKey, planTargets, previewPlanChange } from "@/lib/admin/billing-plan-change";
import { isRunning } from "@/db/schema";
import { priceNames } from "@/lib/admin/billing-subscriptions";
import { formatMoney, formatSubcents } from "@/lib/invoices/format";
import { listInvoices } from "@/lib/invoices/service";
import { can } from "@/lib/staff/permissions";
import { getSubscriptionOrThrow, listVersions } from "@/lib/subscriptions/versions";
import { requireStaff } from "../../../staff";
import { cancelSubscriptionAction, changePlanAction, pauseSubscriptionAction, reactivateSubscriptionAction, resumeSubscriptionAction } from "../actions";

export const metadata: Metadata = { title: "Subscription" };

const row = "border-b border-slate-100 last:border-0";

export default async function SubscriptionPage({ params, searchParams }: { params: Promise<{ org: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org, id } = await params;
  const { change, changed } = queryValues(await searchParams, ["change", "changed"]);
  const staff = await requireStaff(org, "business:read");
  const organizationId = staff.organization.id;
  const slug = staff.organization.slug;
  const db = getDb();
  const sub = await foundOr404(id, () => getSubscriptionOrThrow(db, { organizationId, id }));
  const [accounts, plans, names, invoices, versions, locale] = await Promise.all([
    accountNames(db, organizationId, [sub.billingAccountId]),
    planOptions(db, organizationId),
    priceNames(db, organizationId, sub.items.map((i) => i.priceId)),
    listInvoices(db, { organizationId }, { limit: 50, subscription_id: sub.id }),
    listVersions(db, { organizationId, subscriptionId: sub.id }, { limit: 50 }),
    organizationLocale(db, organizationId),
  ]);
  const account = accounts.get(sub.billingAccountId);
  const plan = plans.find((p) => p.id === sub.planId);
  const period = `${when(sub.currentPeriodStart)} – ${when(sub.currentPeriodEnd)}`;
  const every = sub.intervalCount === 1 ? `Every ${sub.billingInterval}` : `Every ${sub.intervalCount} ${sub.billingInterval}s`;
  const bind = <A extends unknown[], R>(action: (slug: string, ...rest: A) => R) => action.bind(null, slug);
  const mayChange = can(staff.role, "business:write") && isRunning(sub.status);
  const target = mayChange ? parseTargetKey(change) : null;
  const [targets, preview] = mayChange
    ? await Promise.all([
        planTargets(db, organizationId, { planId: sub.planId, cycle: { interval: sub.billingInterval, interval_count: sub.intervalCount } }),
        target ? previewPlanChange(db, { organizationId, id: sub.id }, target) : change ? Promise.resolve({ ok: false as const, message: "choose a plan and billing cycle from the list" }) : null,
      ])
    : [[], null];
  return (
    <div className="max-w-6xl space-y-6">
      <BackLink href={`/admin/${slug}/subscriptions`}>Subscriptions</BackLink>
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
          <span>{account?.name ?? "Subscription"} · {plan?.name ?? "custom items"}</span> <StatusBadge status={sub.status} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          <span className="font-mono text-xs">{sub.id}</span>
          {sub.cancelAtPeriodEnd && sub.status !== "canceled" ? <span className="ml-2 font-medium text-amber-900">Cancels on {when(sub.currentPeriodEnd)}</span> : null}
        </p>
      </div>
      {changed === "now" || (changed === "scheduled" && sub.pendingChange) ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="plan-changed">
          {changed === "now" ? "Plan changed: the new items apply from now." : `Change scheduled: it takes effect on ${when(new Date(sub.pendingChange!.effective_at))}, at the end of the current cycle.`}
        </p>
      ) : null}
      {can(staff.role, "business:write") ? (
        <Card id="subscription-actions-heading" title="Actions">
          <SubscriptionActions
            id={sub.id}
            status={sub.status}
            cancelAtPeriodEnd={sub.cancelAtPeriodEnd}
            periodEnd={when(sub.currentPeriodEnd)}
            actions={{ cancel: bind(cancelSubscriptionAction), pause: bind(pauseSubscriptionAction), resume: bind(resumeSubscriptionAction), reactivate: bind(reactivateSubscriptionAction) }}
          />
        </Card>
      ) : null}
      {mayChange ? (
        <Card id="plan-change-heading" title="Change plan">
          <PlanChange
            base={`/admin/${slug}/subscriptions/${sub.id}`} id={sub.id} currency={sub.currency} locale={locale}
            targets={targets} chosen={target ? change! : null} preview={preview} action={bind(changePlanAction)}
          />
        </Card>
      ) : null}
      <Card id="subscription-summary-heading" title="Summary">
        <Facts
          items={[
            ["Customer", <CustomerLink key="c" slug={slug} id={sub.billingAccountId} name={account?.name} email={account?.email} />],
            ["Plan", plan?.name ?? "Custom items"],
            ["Billing", `${every} · ${sub.currency}`],
            ["Current period", sub.status === "canceled" ? "—" : period],
            ["Started", when(sub.startAt)],
            ["Trial ends", when(sub.trialEnd)],
            ...(sub.pausedAt ? [["Paused", `${when(sub.pausedAt)}${sub.resumeAt ? ` · resumes ${when(sub.resumeAt)}` : ""}`] as [string, string]] : []),
            ...(sub.canceledAt ? [["Canceled", when(sub.canceledAt)] as [string, string]] : []),
            ...(sub.endedAt ? [["Ended", when(sub.endedAt)] as [string, string]] : []),
            ...(sub.cancellationReason ? [["Cancellation reason", sub.cancellationReason] as [string, string]] : []),
            ...(sub.pendingChange ? [["Scheduled change", `On ${when(new Date(sub.pendingChange.effective_at))}: ${plans.find((p) => p.id === sub.pendingChange?.plan_id)?.name ?? "new items"}`] as [string, string]] : []),
            ["Version", String(sub.version)],
          ]}
        />
      </Card>
      <DataTable caption="Items" columns={["Product", "Price", "Unit price", "Quantity"]} empty={sub.items.length === 0 ? "No items." : null}>
        {sub.items.map((item) => {
          const n = names.get(item.priceId);
          return (
            <tr key={item.id} className={row} data-testid="subscription-item">
              <th scope="row" className={`${tdClass} font-medium`}>{n?.productName ?? item.productId}</th>
              <td className={tdClass}>{n?.priceName ?? item.priceId}</td>
              <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{n ? (n.billingScheme === "per_unit" ? formatSubcents(n.unitAmountSubcents, n.currency, locale) : n.billingScheme) : "—"}</td>
              <td className={`${tdClass} tabular-nums`}>{item.quantity}</td>
            </tr>
          );
        })}
      </DataTable>
      <DataTable caption="Invoices of this subscription" columns={["Invoice", "Status", "Total", "Created"]} empty={invoices.length === 0 ? "No invoices yet." : null}>
        {invoices.slice(0, 50).map((inv) => (
          <tr key={inv.id} className={row} data-testid="subscription-invoice">
            <th scope="row" className={`${tdClass} font-normal`}>
              <Link href={`/admin/${slug}/invoices/${inv.id}`} className="font-mono font-medium text-teal-800 underline hover:text-teal-950">{inv.number ?? "Draft"}</Link>
            </th>
            <td className={tdClass}><StatusBadge status={inv.status} /></td>
            <td className={`${tdClass} whitespace-nowrap tabular-nums`}>{formatMoney(inv.totalCents, inv.currency, locale)}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(inv.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
      <DataTable caption="History (versions, newest first)" columns={["Version", "Change", "By", "When"]} empty={versions.length === 0 ? "No changes recorded." : null}>
        {versions.slice(0, 50).map((v) => (
          <tr key={v.id} className={row} data-testid="subscription-version">
            <th scope="row" className={`${tdClass} font-medium tabular-nums`}>{v.version}</th>
            <td className={tdClass}>{v.reason.replace(/_/g, " ")}</td>
            <td className={`${tdClass} font-mono text-xs`}>{v.actor}</td>
            <td className={`${tdClass} whitespace-nowrap`}>{when(v.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
