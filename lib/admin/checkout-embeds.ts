import type { DbOrTx } from "@/db";
import { CheckoutNotFoundError } from "@/lib/checkout/offer";
import { buildCheckoutSnippet, CHECKOUT_MESSAGE_TYPE } from "@/lib/checkout/snippet";
import { listPlans } from "@/lib/plans/plans";
import { getPortalSettings } from "@/lib/portal/settings";

// The admin's "Embed checkout" screen: for each plan on sale (public and active, what the
// hosted checkout sells) its checkout URL and the <iframe> snippet from buildCheckoutSnippet,
// and the origins allowed to frame it (portal settings' allowed_return_origins; none = blocked).
export type CheckoutEmbed = { planId: string; name: string; slug: string; url: string; embedUrl: string; snippet: string };

export async function loadCheckoutEmbeds(db: DbOrTx, organizationId: string): Promise<{ embeds: CheckoutEmbed[]; allowedOrigins: string[]; messageType: string }> {
  const plans = (await listPlans(db, { organizationId }, { limit: 100, status: "active", visibility: "public" })).slice(0, 100);
  const embeds: CheckoutEmbed[] = [];
  for (const plan of plans) {
    try {
      const built = await buildCheckoutSnippet(db, { organizationId, planSlug: plan.slug });
      embeds.push({ planId: plan.id, name: plan.name, slug: plan.slug, ...built });
    } catch (error) {
      if (!(error instanceof CheckoutNotFoundError)) throw error; // a slug the checkout cannot serve
    }
  }
  const settings = await getPortalSettings(db, organizationId);
  return { embeds, allowedOrigins: settings.allowedReturnOrigins, messageType: CHECKOUT_MESSAGE_TYPE };
}
