// /pay/<token> on a merchant's portal host: the payment page of that merchant's invoices only.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PayPage } from "@/components/pay/pay-page";
import { payAction, simulateAction } from "@/app/pay/[token]/actions";
import { loadPayLinkPage, payLinkMetadata } from "@/app/pay/[token]/data";
import { requirePortalTenant } from "../../tenant";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string; token: string }> };

async function load(params: Props["params"]) {
  const tenant = await requirePortalTenant(params);
  const { token } = await params;
  const page = await loadPayLinkPage(token);
  // Another merchant's link on this host would borrow this merchant's address: nothing here.
  return { token, page: page && page.target.organizationId === tenant.id ? page : null };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return payLinkMetadata((await load(params)).page);
}

export default async function PortalPayLinkRoute({ params }: Props) {
  const { token, page } = await load(params);
  if (!page) notFound();
  return <PayPage page={page} token={token} actions={{ pay: payAction.bind(null, token), simulate: simulateAction.bind(null, token) }} showTestBanner={false} />;
}
