// GET /api/v1/portal_users/:id — retrieve; PATCH — name, role, locale; DELETE — remove (sessions revoked)
import { withApi } from "@/lib/api/handler";
import { portalUserOps, serializePortalUser } from "@/lib/api/resources/portal-users";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import { getPortalUserOrThrow, removePortalUser, updatePortalUser } from "@/lib/portal-auth/portal-users";

export const GET = withApi(portalUserOps.retrieve, async ({ db, tenant, params }) =>
  ok(serializePortalUser(await getPortalUserOrThrow(db, { organizationId: tenant.organizationId, id: params.id }))),
);

export const PATCH = withApi(portalUserOps.update, async ({ db, tenant, params, body }) =>
  ok(serializePortalUser(await updatePortalUser(db, { organizationId: tenant.organizationId, id: params.id }, body))),
);

export const DELETE = withApi(portalUserOps.remove, async ({ req, db, tenant, params }) =>
  ok(serializePortalUser(await removePortalUser(db, { organizationId: tenant.organizationId, id: params.id }, requestInfoFrom(req.headers)))),
);

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
