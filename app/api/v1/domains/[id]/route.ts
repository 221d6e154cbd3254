// GET/DELETE /api/v1/domains/:id — retrieve a custom domain (status, DNS records, certificate); remove it
import { withApi } from "@/lib/api/handler";
import { domainLastModified, domainOps, serializeDomain } from "@/lib/api/resources/domains";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteDomain, getDomainOrThrow } from "@/lib/domains/service";

export const GET = withApi(domainOps.retrieve, async ({ db, tenant, params }) => {
  const found = await getDomainOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeDomain(found, tenant.mode), domainLastModified(found));
});

export const DELETE = withApi(domainOps.delete, async ({ db, tenant, params }) => {
  const { id } = await deleteDomain(db, { organizationId: tenant.organizationId, id: params.id });
  return ok({ id, object: "domain", deleted: true });
});

export const { POST, PUT, PATCH } = methodsNotAllowed("GET", "DELETE");
