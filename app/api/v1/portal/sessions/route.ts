// POST /api/v1/portal/sessions — a single-use deep link that signs a customer in to the portal
import { withApi } from "@/lib/api/handler";
import { portalUserOps } from "@/lib/api/resources/portal-users";
import { created } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import { createDeepLink } from "@/lib/portal-auth/deep-link";

export const POST = withApi(portalUserOps.createSession, async ({ req, db, tenant, body }) => {
  const link = await createDeepLink(db, { organizationId: tenant.organizationId }, body, requestInfoFrom(req.headers));
  return created({ object: "portal_session", url: link.url, expires_at: link.expiresAt.toISOString(), portal_user_id: link.portalUserId });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
