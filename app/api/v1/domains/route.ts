// POST /api/v1/domains — add a custom domain (returns the DNS records to create); GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { domainOps, serializeDomain } from "@/lib/api/resources/domains";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { addDomain, listDomains } from "@/lib/domains/service";

export const POST = withApi(domainOps.create, async ({ db, tenant, body }) => created(serializeDomain(await addDomain(db, tenant, body), tenant.mode)));

export const GET = withApi(domainOps.list, async ({ db, tenant, query }) =>
  ok(page(await listDomains(db, tenant, query), query.limit, (row) => serializeDomain(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
