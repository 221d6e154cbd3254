// GET /api/v1/portal_settings/sso — the portal's SSO configuration (no secrets); PATCH — change it
import { withApi } from "@/lib/api/handler";
import { portalSsoOps, serializePortalSso } from "@/lib/api/resources/portal-sso";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getTenantRef } from "@/lib/portal-auth/tenant-ref";
import { getPortalSettings } from "@/lib/portal/settings";
import { updatePortalSso } from "@/lib/portal/sso-settings";

export const GET = withApi(portalSsoOps.retrieve, async ({ db, tenant }) =>
  ok(serializePortalSso(await getPortalSettings(db, tenant.organizationId), await getTenantRef(db, tenant.organizationId))),
);

export const PATCH = withApi(portalSsoOps.update, async ({ db, tenant, body }) =>
  ok(serializePortalSso(await updatePortalSso(db, tenant.organizationId, body), await getTenantRef(db, tenant.organizationId))),
);

export const { POST, PUT, DELETE } = methodsNotAllowed("GET", "PATCH");
