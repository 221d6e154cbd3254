// GET/PATCH/DELETE /api/v1/products/:id — retrieve, update, delete (or archive) a product
import { withApi } from "@/lib/api/handler";
import { productOps, serializeProduct } from "@/lib/api/resources/products";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteProduct, getProductOrThrow, pricesOf, updateProduct } from "@/lib/catalog/products";

export const GET = withApi(productOps.retrieve, async ({ db, tenant, params }) => {
  const product = await getProductOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  const prices = (await pricesOf(db, tenant, [product.id])).get(product.id)!;
  return ok(serializeProduct(product, prices, tenant.mode));
});

export const PATCH = withApi(productOps.update, async ({ db, tenant, params, body }) => {
  const product = await updateProduct(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializeProduct(product, (await pricesOf(db, tenant, [product.id])).get(product.id)!, tenant.mode));
});

export const DELETE = withApi(productOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteProduct(db, { organizationId: tenant.organizationId, id: params.id });
  if (outcome.deleted) return ok({ id: outcome.id, object: "product", deleted: true });
  return ok(serializeProduct(outcome.product, (await pricesOf(db, tenant, [outcome.product.id])).get(outcome.product.id)!, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
