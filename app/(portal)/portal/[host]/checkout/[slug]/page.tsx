// /checkout/<plan-slug> on a portal host — buy a public plan (also framed: ?embed=1).
import { randomBytes } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { CheckoutForm } from "@/components/portal/checkout/checkout-form";
import { CheckoutNotFoundError, loadCheckoutOffer } from "@/lib/checkout/offer";
import { quoteCheckout } from "@/lib/checkout/quote";
import { pick } from "@/lib/i18n/messages";
import { checkoutMessages } from "@/lib/i18n/messages/checkout";
import { portalName } from "@/lib/portal/branding";
import { findPortalTenant } from "../../tenant";
import { getPortalVisitor } from "../../viewer";
import { completeAction, quoteAction } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Read once per request: generateMetadata and the page share it.
const offerOrNull = cache(async (organizationId: string, slug: string) => {
  try {
    return await loadCheckoutOffer(getDb(), { organizationId, slug });
  } catch (error) {
    if (error instanceof CheckoutNotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await findPortalTenant(params);
  if (!tenant) return { title: "Page not found" };
  const offer = await offerOrNull(tenant.id, (await params).slug).catch(() => null);
  return { title: offer ? `${offer.name} · ${tenant.name}` : "Page not found", robots: { index: false, follow: false } };
}

export default async function CheckoutRoute({ params, searchParams }: Props) {
  const { tenant, settings, locale } = await getPortalVisitor(params);
  const { slug } = await params;
  const query = await searchParams;
  const offer = await offerOrNull(tenant.id, slug);
  if (!offer) notFound();
  const quote = await quoteCheckout(getDb(), { organizationId: tenant.id, mode: tenant.mode, slug: offer.slug }, { billing_cycle: offer.cycles[0]!.cycle }).catch(() => null);
  const embed = query.embed === "1";
  const m = pick(checkoutMessages, locale);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold text-zinc-900">{m.title(offer.name)}</h1>
      <CheckoutForm
        locale={locale}
        offer={offer}
        initialQuote={quote}
        merchantName={portalName(settings.branding, tenant.name)}
        formKey={randomBytes(18).toString("base64url")}
        embed={embed ? { allowedOrigins: settings.allowedReturnOrigins, requestedOrigin: typeof query.origin === "string" ? query.origin : null } : null}
        actions={{ quote: quoteAction.bind(null, offer.slug), complete: completeAction.bind(null, offer.slug) }}
      />
    </>
  );
}
