// GET/PATCH/DELETE /api/v1/prices/:id — retrieve, update (terms only while unused), delete or deactivate
import { withApi } from "@/lib/api/handler";
import { priceOps, serializePrice } from "@/lib/api/resources/prices";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deletePrice, getPriceOrThrow, updatePrice } from "@/lib/catalog/prices";

export const GET = withApi(priceOps.retrieve, async ({ db, tenant, params }) => {
  const price = await getPriceOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePrice(price, tenant.mode), price.updatedAt);
});

export const PATCH = withApi(priceOps.update, async ({ db, tenant, params, body }) =>
  ok(serializePrice(await updatePrice(db, { organizationId: tenant.organizationId, id: params.id }, body), tenant.mode)),
);

export const DELETE = withApi(priceOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deletePrice(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "price", deleted: true } : serializePrice(outcome.price, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
