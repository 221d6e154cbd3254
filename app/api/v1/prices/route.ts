// POST /api/v1/prices — create a price for a product; GET — list prices
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { priceOps, serializePrice } from "@/lib/api/resources/prices";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createPrice, listPrices } from "@/lib/catalog/prices";

export const POST = withApi(priceOps.create, async ({ db, tenant, body }) => created(serializePrice(await createPrice(db, tenant, body), tenant.mode)));

export const GET = withApi(priceOps.list, async ({ db, tenant, query }) =>
  ok(page(await listPrices(db, tenant, query), query.limit, (row) => serializePrice(row, tenant.mode))),
);

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
