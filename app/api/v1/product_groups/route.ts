// POST /api/v1/product_groups — create a product group; GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { productGroupOps, serializeProductGroup } from "@/lib/api/resources/product-groups";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createProductGroup, listProductGroups } from "@/lib/catalog/product-groups";

export const POST = withApi(productGroupOps.create, async ({ db, tenant, body }) =>
  created(serializeProductGroup(await createProductGroup(db, tenant, body), tenant.mode)),
);

export const GET = withApi(productGroupOps.list, async ({ db, tenant, query }) =>
  ok(page(await listProductGroups(db, tenant, query), query.limit, (row) => serializeProductGroup(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
