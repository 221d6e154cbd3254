// POST /api/v1/portal_users/:id/unblock — lift a password lockout
import { withApi } from "@/lib/api/handler";
import { portalUserOps, serializePortalUser } from "@/lib/api/resources/portal-users";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import { unblockPortalUser } from "@/lib/portal-auth/portal-users";

export const POST = withApi(portalUserOps.unblock, async ({ req, db, tenant, params }) =>
  ok(serializePortalUser(await unblockPortalUser(db, { organizationId: tenant.organizationId, id: params.id }, requestInfoFrom(req.headers)))),
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
