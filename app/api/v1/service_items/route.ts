// POST /api/v1/service_items — create a service item (NF-e tax data); GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { serializeServiceItem, serviceItemOps } from "@/lib/api/resources/service-items";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createServiceItem, listServiceItems } from "@/lib/catalog/service-items";

export const POST = withApi(serviceItemOps.create, async ({ db, tenant, body }) =>
  created(serializeServiceItem(await createServiceItem(db, tenant, body), tenant.mode)),
);

export const GET = withApi(serviceItemOps.list, async ({ db, tenant, query }) =>
  ok(page(await listServiceItems(db, tenant, query), query.limit, (row) => serializeServiceItem(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
