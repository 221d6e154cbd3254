// GET /api/v1/portal_settings — the customer portal's settings; PATCH — change them
import { withApi } from "@/lib/api/handler";
import { portalSettingsOps, serializePortalSettings } from "@/lib/api/resources/portal-settings";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getPortalSettings, updatePortalSettings } from "@/lib/portal/settings";

export const GET = withApi(portalSettingsOps.retrieve, async ({ db, tenant }) => ok(serializePortalSettings(await getPortalSettings(db, tenant.organizationId))));

export const PATCH = withApi(portalSettingsOps.update, async ({ db, tenant, body }) => ok(serializePortalSettings(await updatePortalSettings(db, tenant.organizationId, body))));

export const { POST, PUT, DELETE } = methodsNotAllowed("GET", "PATCH");
