import type { DbOrTx } from "@/db";
import { portalOrigin } from "@/lib/portal-auth/links";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { CHECKOUT_MESSAGE_TYPE } from "./message";
import { getCheckoutPlanOrThrow } from "./offer";

// The embed snippet the admin shows for a plan: an <iframe> of the hosted checkout and a
// listener for its success message. See docs/checkout.md.
export { CHECKOUT_MESSAGE_TYPE, type CheckoutMessage } from "./message";

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function checkoutUrl(origin: string, planSlug: string, options: { embed?: boolean } = {}): string {
  return `${origin}/checkout/${encodeURIComponent(planSlug)}${options.embed ? "?embed=1" : ""}`;
}

/** The HTML to paste in the merchant's page (iframe + message listener). */
export function checkoutSnippet(input: { origin: string; planSlug: string; title?: string }): string {
  const src = checkoutUrl(input.origin, input.planSlug, { embed: true });
  return [
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(input.title ?? "Checkout")}" style="width:100%;min-height:1100px;border:0" allow="payment; clipboard-write"></iframe>`,
    "<script>",
    "  window.addEventListener(\"message\", function (event) {",
    `    if (event.origin !== ${JSON.stringify(input.origin)}) return;`,
    `    if (!event.data || event.data.type !== ${JSON.stringify(CHECKOUT_MESSAGE_TYPE)}) return;`,
    "    // event.data: { type, subscription_id, billing_account_id, portal_url }",
    "    console.log(\"subscribed\", event.data.subscription_id);",
    "  });",
    "</script>",
  ].join("\n");
}

/** Snippet and URLs for one of the organization's public plans (throws CheckoutNotFoundError otherwise). */
export async function buildCheckoutSnippet(db: DbOrTx, scope: { organizationId: string; planSlug: string; host?: string | null }) {
  const plan = await getCheckoutPlanOrThrow(db, { organizationId: scope.organizationId, slug: scope.planSlug });
  const origin = portalOrigin(await getTenantRef(db, scope.organizationId), scope.host);
  return { url: checkoutUrl(origin, plan.slug), embedUrl: checkoutUrl(origin, plan.slug, { embed: true }), snippet: checkoutSnippet({ origin, planSlug: plan.slug, title: plan.name }) };
}
