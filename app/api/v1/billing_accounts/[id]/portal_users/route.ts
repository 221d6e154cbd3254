// POST /api/v1/billing_accounts/:id/portal_users — add a portal user (optionally invited); GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { portalUserOps, serializePortalUser } from "@/lib/api/resources/portal-users";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { requestInfoFrom } from "@/lib/portal-auth/context";
import { createPortalUser, listPortalUsers } from "@/lib/portal-auth/portal-users";

export const POST = withApi(portalUserOps.create, async ({ req, db, tenant, params, body }) =>
  created(serializePortalUser(await createPortalUser(db, { organizationId: tenant.organizationId, billingAccountId: params.id }, body, requestInfoFrom(req.headers)))),
);

export const GET = withApi(portalUserOps.list, async ({ db, tenant, params, query }) => {
  const rows = await listPortalUsers(db, { organizationId: tenant.organizationId, billingAccountId: params.id }, query);
  return ok(page(rows, query.limit, serializePortalUser));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
