// POST /api/v1/portal_users/:id/force_password_reset — new password required at next sign-in; sessions revoked
import { withApi } from "@/lib/api/handler";
import { portalUserOps, serializePortalUser } from "@/lib/api/resources/portal-users";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import { forcePasswordReset } from "@/lib/portal-auth/password-reset";
import { getPortalUserOrThrow } from "@/lib/portal-auth/portal-users";

export const POST = withApi(portalUserOps.forcePasswordReset, async ({ req, db, tenant, params }) => {
  await getPortalUserOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePortalUser(await forcePasswordReset(db, { organizationId: tenant.organizationId, portalUserId: params.id, request: requestInfoFrom(req.headers) })));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
