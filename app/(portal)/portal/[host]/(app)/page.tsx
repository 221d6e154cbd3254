// / on a portal host — the Overview: subscription, next charge, invoice to pay, default method.
import type { Metadata } from "next";
import { PageHeader } from "@/components/portal/common/card";
import { PaymentMethodCard, PendingInvoiceCard } from "@/components/portal/overview/side-cards";
import { SubscriptionSummary } from "@/components/portal/overview/subscription-summary";
import { getDb } from "@/db";
import { now } from "@/lib/clock";
import { portalMessages } from "@/lib/i18n/messages/portal";
import { pick } from "@/lib/i18n/messages";
import { portalName } from "@/lib/portal/branding";
import { loadOverview } from "@/lib/portal/overview";
import { can } from "@/lib/portal/permissions";
import { isSectionEnabled, SECTION_PATHS } from "@/lib/portal/sections";
import { getPortalVisitor } from "../viewer";
import { requireSectionViewer } from "./section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, settings, locale } = await getPortalVisitor(params);
  // The layout's title template applies to the segments below it, not to this page beside it.
  return { title: { absolute: `${pick(portalMessages, locale).overview.title} · ${portalName(settings.branding, tenant.name)}` } };
}

export default async function OverviewPage({ params }: Props) {
  const { viewer, scope } = await requireSectionViewer(params, "overview", { next: "/" });
  const m = pick(portalMessages, viewer.locale);
  const overview = await loadOverview(getDb(), scope, now());
  const on = (s: Parameters<typeof isSectionEnabled>[1]) => isSectionEnabled(viewer.settings, s);
  const pending = overview.pending_invoice;
  const canPay = can(viewer.user.role, "manage_billing");
  const payHref = !pending || !canPay ? null : on("invoices") ? `${SECTION_PATHS.invoices}/${pending.id}?action=pay` : pending.payment_path;
  return (
    <>
      <PageHeader title={m.overview.title}>
        <p className="text-sm text-zinc-700">{m.overview.greeting(viewer.user.name ?? viewer.user.email)}</p>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <SubscriptionSummary subscriptions={overview.subscriptions} m={m} locale={viewer.locale} />
        </div>
        <div className="min-w-0 space-y-6">
          <PendingInvoiceCard
            invoice={pending}
            more={Math.max(overview.pending_count - 1, 0)}
            payHref={payHref}
            invoiceHref={pending && on("invoices") ? `${SECTION_PATHS.invoices}/${pending.id}` : null}
            allHref={on("invoices") ? `${SECTION_PATHS.invoices}?status=open` : null}
            m={m}
            locale={viewer.locale}
          />
          <PaymentMethodCard method={overview.default_payment_method} manageHref={on("payment_methods") ? SECTION_PATHS.payment_methods : null} m={m} />
        </div>
      </div>
    </>
  );
}
