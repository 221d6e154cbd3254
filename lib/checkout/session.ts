import type { DbOrTx } from "@/db";
import type { RequestInfo } from "@/lib/portal-auth/context";
import { portalOrigin } from "@/lib/portal-auth/links";
import { createPortalSession, type PortalSessionView } from "@/lib/portal-auth/sessions";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { issueToken } from "@/lib/portal-auth/tokens";
import { getPortalSettings } from "@/lib/portal/settings";
import { REPLAY_SIGN_IN_MS, type CheckoutResult } from "./complete";

// Signing the buyer in after the purchase. Top level, the checkout's response sets the portal
// session cookie. Inside a third-party <iframe> browsers drop that cookie, so the checkout also
// offers a one-time deep link (`/s/<token>`, the portal's own deep-link route: 5 minutes, once,
// this host only) that opens the portal top-level and signs in there.

/** Opens a portal session for the buyer, unless this is a late replay of the form. */
export async function openCheckoutSession(
  db: DbOrTx,
  input: { organizationId: string; result: CheckoutResult; replayed: boolean; request: RequestInfo; replacesToken?: string | null },
): Promise<{ token: string; session: PortalSessionView } | null> {
  if (input.replayed && Date.now() - new Date(input.result.completed_at).getTime() > REPLAY_SIGN_IN_MS) return null;
  const settings = await getPortalSettings(db, input.organizationId);
  // Sessions record how they began; the checkout has no method of its own in the schema yet,
  // and like a deep link it signs in a user the server has just vouched for.
  return createPortalSession(db, {
    organizationId: input.organizationId, portalUserId: input.result.portal_user_id, method: "deep_link",
    settings, request: input.request, replacesToken: input.replacesToken ?? null,
  });
}

/** A one-time link that signs the buyer in to the portal Overview (`/s/<token>` on `host`). */
export async function issueCheckoutPortalLink(db: DbOrTx, input: { organizationId: string; portalUserId: string; host: string }): Promise<string> {
  const tenant = await getTenantRef(db, input.organizationId);
  const issued = await issueToken(db, {
    organizationId: input.organizationId, portalUserId: input.portalUserId, purpose: "deep_link", host: input.host,
    data: { next: "/", flow: "checkout", return_url: null },
  });
  return `${portalOrigin(tenant, input.host)}/s/${issued.token}`;
}
