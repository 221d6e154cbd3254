// GET /api/v1/organization — the key's organization and billing settings; PATCH — update them
import { withApi } from "@/lib/api/handler";
import { organizationOps, serializeOrganization } from "@/lib/api/resources/organization";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getOrganization, updateOrganizationSettings } from "@/lib/organizations/settings";

export const GET = withApi(organizationOps.retrieve, async ({ db, tenant }) => {
  const org = await getOrganization(db, tenant.organizationId);
  return ok(serializeOrganization(org), org.updatedAt);
});

export const PATCH = withApi(organizationOps.update, async ({ db, tenant, body }) => ok(serializeOrganization(await updateOrganizationSettings(db, tenant.organizationId, body))));

export const { POST, PUT, DELETE } = methodsNotAllowed("GET", "PATCH");
