// /products on a portal host — the self-service add-on catalog of one of the account's
// subscriptions (?subscription=<id>, else the first running one): pick -> review -> confirm.
import type { Metadata } from "next";
import { Notice, PageHeader } from "@/components/portal/manage/page-header";
import { SubscriptionPicker } from "@/components/portal/manage/subscription-picker";
import { subscriptionNotes } from "@/components/portal/subscriptions/subscription-summary";
import { AddOnCatalog, type OfferView } from "@/components/portal/products/addon-catalog";
import { getDb } from "@/db";
import { pick } from "@/lib/i18n/messages";
import { portalManageMessages } from "@/lib/i18n/messages/portal-manage";
import { formatMoney, formatNumber } from "@/lib/invoices/format";
import { can } from "@/lib/portal/permissions";
import { isRunning } from "@/db/schema";
import { loadAddOnCatalog } from "@/lib/portal/products";
import { listPortalSubscriptions } from "@/lib/portal/subscriptions";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer, single } from "../section";
import { applyAddOnAction, previewAddOnAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalManageMessages, (await getPortalVisitor(params)).locale).products.title };
}

export default async function ProductsPage({ params, searchParams }: Props) {
  const { host } = await params;
  const wanted = single((await searchParams).subscription);
  const { viewer } = await requireSectionViewer(params, "products", { next: "/products" });
  const t = pick(portalManageMessages, viewer.locale);
  const p = t.products;
  const db = getDb();
  const subscriptions = await listPortalSubscriptions(db, viewer);
  const running = subscriptions.filter((s) => isRunning(s.status));
  const chosen = subscriptions.find((s) => s.id === wanted) ?? running[0];
  const catalog = chosen ? await loadAddOnCatalog(db, viewer, chosen) : null;
  const locale = viewer.locale;
  const offers: OfferView[] = (catalog?.offers ?? []).map((o) => {
    const currency = catalog!.subscription.currency;
    const cycle = t.common.cycle(catalog!.subscription.cycle.interval, catalog!.subscription.cycle.interval_count);
    const amount = o.unitPeriodCents === null ? null : formatMoney(o.unitPeriodCents, currency, locale);
    return {
      priceId: o.priceId,
      productName: o.productName,
      description: o.description,
      priceLine: amount === null ? p.usage : o.quantityEditable ? p.each(amount, cycle) : p.flat(amount, cycle),
      includedLine: o.usageType === "metered" && o.includedQuantity > 0 ? p.included(formatNumber(o.includedQuantity, locale)) : null,
      currentQuantity: o.currentQuantity,
      haveLine: o.currentQuantity > 0 ? p.have(formatNumber(o.currentQuantity, locale)) : null,
      quantityEditable: o.quantityEditable,
    };
  });
  return (
    <>
      <PageHeader title={p.title} intro={p.intro}>
        {subscriptions.length > 1 && chosen ? (
          <SubscriptionPicker subscriptions={subscriptions} current={chosen.id} locale={locale} label={p.forSubscription} submit={p.choose} />
        ) : null}
      </PageHeader>
      {!chosen ? <Notice>{p.noSubscription}</Notice> : null}
      {catalog ? subscriptionNotes(catalog.subscription, locale).map((note) => (
        <p key={note} className="mb-3 text-sm text-amber-950">{note}</p>
      )) : null}
      {chosen && !isRunning(chosen.status) ? <Notice>{p.notRunning}</Notice> : null}
      {chosen && isRunning(chosen.status) && offers.length === 0 ? <Notice>{p.empty}</Notice> : null}
      {!can(viewer.user.role, "manage_subscriptions") && offers.length > 0 ? (
        <div className="mb-4">
          <Notice>{t.common.readOnly}</Notice>
        </div>
      ) : null}
      {chosen && offers.length > 0 ? (
        <AddOnCatalog
          key={chosen.id}
          locale={locale}
          offers={offers}
          canManage={can(viewer.user.role, "manage_subscriptions")}
          previewAction={previewAddOnAction.bind(null, host, chosen.id)}
          applyAction={applyAddOnAction.bind(null, host, chosen.id)}
        />
      ) : null}
    </>
  );
}
