// /admin/<org>/checkout — the hosted checkout's URL and <iframe> snippet for each plan on sale
import type { Metadata } from "next";
import { CheckoutEmbeds } from "@/components/admin/checkout/checkout-embeds";
import { getDb } from "@/db";
import { loadCheckoutEmbeds } from "@/lib/admin/checkout-embeds";
import { requireStaff } from "../../staff";

export const metadata: Metadata = { title: "Embed checkout" };

export default async function CheckoutEmbedPage({ params }: { params: Promise<{ org: string }> }) {
  const staff = await requireStaff((await params).org, "portal_settings:read");
  const data = await loadCheckoutEmbeds(getDb(), staff.organization.id);
  return <CheckoutEmbeds {...data} originsHref={`/admin/${staff.organization.slug}/portal/general`} />;
}
