import type { DbOrTx } from "@/db";
import { CHECKOUT_MESSAGE_TYPE, checkoutSnippet, checkoutUrl } from "@/lib/checkout/snippet";
import { portalOrigin } from "@/lib/portal-auth/links";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { listPlans } from "@/lib/plans/plans";
import { getPortalSettings } from "@/lib/portal/settings";

// The admin's "Embed checkout" screen: for each plan on sale (public and active, what the
// hosted checkout sells) its checkout URL and the <iframe> snippet, as buildCheckoutSnippet
// makes them, and the origins allowed to frame it (portal settings' allowed_return_origins;
// none = blocked). The portal's origin is read once, not once per plan.
export type CheckoutEmbed = { planId: string; name: string; slug: string; url: string; embedUrl: string; snippet: string };

export async function loadCheckoutEmbeds(db: DbOrTx, organizationId: string): Promise<{ embeds: CheckoutEmbed[]; allowedOrigins: string[]; messageType: string }> {
  const plans = (await listPlans(db, { organizationId }, { limit: 100, status: "active", visibility: "public" })).slice(0, 100);
  const origin = portalOrigin(await getTenantRef(db, organizationId));
  const embeds = plans.map((plan) => ({
    planId: plan.id,
    name: plan.name,
    slug: plan.slug,
    url: checkoutUrl(origin, plan.slug),
    embedUrl: checkoutUrl(origin, plan.slug, { embed: true }),
    snippet: checkoutSnippet({ origin, planSlug: plan.slug, title: plan.name }),
  }));
  const settings = await getPortalSettings(db, organizationId);
  return { embeds, allowedOrigins: settings.allowedReturnOrigins, messageType: CHECKOUT_MESSAGE_TYPE };
}
