// POST /api/v1/domains/:id/verify — check a pending domain's DNS records now
import { withApi } from "@/lib/api/handler";
import { domainOps, serializeDomain } from "@/lib/api/resources/domains";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { now } from "@/lib/clock";
import { getDomainOrThrow } from "@/lib/domains/service";
import { verifyDomainNow } from "@/lib/domains/verify";

export const POST = withApi(domainOps.verify, async ({ db, tenant, params }) => {
  const scope = { organizationId: tenant.organizationId, id: params.id };
  await verifyDomainNow(db, scope, now());
  return ok(serializeDomain(await getDomainOrThrow(db, scope), tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
