// GET/PATCH/DELETE /api/v1/service_items/:id — retrieve, update, delete (or archive) a service item
import { withApi } from "@/lib/api/handler";
import { serializeServiceItem, serviceItemOps } from "@/lib/api/resources/service-items";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteServiceItem, getServiceItemOrThrow, updateServiceItem } from "@/lib/catalog/service-items";

export const GET = withApi(serviceItemOps.retrieve, async ({ db, tenant, params }) => {
  const row = await getServiceItemOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeServiceItem(row, tenant.mode), row.updatedAt);
});

export const PATCH = withApi(serviceItemOps.update, async ({ db, tenant, params, body }) =>
  ok(serializeServiceItem(await updateServiceItem(db, { organizationId: tenant.organizationId, id: params.id }, body), tenant.mode)),
);

export const DELETE = withApi(serviceItemOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteServiceItem(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "service_item", deleted: true } : serializeServiceItem(outcome.row, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
