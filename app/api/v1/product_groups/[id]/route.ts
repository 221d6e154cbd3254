// GET/PATCH/DELETE /api/v1/product_groups/:id — retrieve, update, delete an (empty) product group
import { withApi } from "@/lib/api/handler";
import { productGroupOps, serializeProductGroup } from "@/lib/api/resources/product-groups";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteProductGroup, getProductGroupOrThrow, updateProductGroup } from "@/lib/catalog/product-groups";

export const GET = withApi(productGroupOps.retrieve, async ({ db, tenant, params }) => {
  const row = await getProductGroupOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeProductGroup(row, tenant.mode), row.updatedAt);
});

export const PATCH = withApi(productGroupOps.update, async ({ db, tenant, params, body }) =>
  ok(serializeProductGroup(await updateProductGroup(db, { organizationId: tenant.organizationId, id: params.id }, body), tenant.mode)),
);

export const DELETE = withApi(productGroupOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteProductGroup(db, { organizationId: tenant.organizationId, id: params.id });
  return ok({ id: outcome.id, object: "product_group", deleted: true });
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
