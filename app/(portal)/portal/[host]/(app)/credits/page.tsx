// /credits on a portal host — the credit balance per currency (with next expirations), the
// credits received, and what was applied to each invoice.
import type { Metadata } from "next";
import { PageHeader } from "@/components/portal/common/card";
import { CreditBalances } from "@/components/portal/credits/credit-balances";
import { CreditApplications, CreditsReceived } from "@/components/portal/credits/credit-history";
import { getDb } from "@/db";
import { now } from "@/lib/clock";
import { pick } from "@/lib/i18n/messages";
import { portalBillingMessages } from "@/lib/i18n/messages/portal-billing";
import { loadPortalCredits } from "@/lib/portal/credits";
import { isSectionEnabled } from "@/lib/portal/sections";
import { getPortalVisitor } from "../../viewer";
import { requireSectionViewer } from "../section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pick(portalBillingMessages, (await getPortalVisitor(params)).locale).credits.title };
}

export default async function CreditsPage({ params }: Props) {
  const { viewer, scope } = await requireSectionViewer(params, "credits", { next: "/credits" });
  const m = pick(portalBillingMessages, viewer.locale);
  const credits = await loadPortalCredits(getDb(), scope, now());
  return (
    <>
      <PageHeader title={m.credits.title} />
      <div className="space-y-6">
        <CreditBalances balances={credits.balances} m={m} locale={viewer.locale} />
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <CreditApplications history={credits.history} m={m} locale={viewer.locale} linkInvoices={isSectionEnabled(viewer.settings, "invoices")} />
          <CreditsReceived credits={credits.received} m={m} locale={viewer.locale} />
        </div>
      </div>
    </>
  );
}
