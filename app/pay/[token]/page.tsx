// /pay/<token> — an invoice's public payment page: no sign-in, the token is the capability.
// The merchant's portal host serves the same page (app/(portal)/portal/[host]/pay/[token]).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PayPage } from "@/components/pay/pay-page";
import { payAction, simulateAction } from "./actions";
import { loadPayLinkPage, payLinkMetadata } from "./data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadPayLinkPage((await params).token);
  return payLinkMetadata(page);
}

export default async function PayLinkRoute({ params }: Props) {
  const { token } = await params;
  const page = await loadPayLinkPage(token);
  if (!page) notFound();
  return <PayPage page={page} token={token} actions={{ pay: payAction.bind(null, token), simulate: simulateAction.bind(null, token) }} showTestBanner />;
}
