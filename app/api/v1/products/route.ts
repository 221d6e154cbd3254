// POST /api/v1/products — create a product with nested prices; GET — list products with their prices
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { productOps, serializeProduct } from "@/lib/api/resources/products";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createProduct, listProducts, pricesOf } from "@/lib/catalog/products";

export const POST = withApi(productOps.create, async ({ db, tenant, body }) => {
  const { product, prices } = await createProduct(db, tenant, body);
  return created(serializeProduct(product, prices, tenant.mode));
});

export const GET = withApi(productOps.list, async ({ db, tenant, query }) => {
  const rows = await listProducts(db, tenant, query);
  const byProduct = await pricesOf(db, tenant, rows.slice(0, query.limit).map((r) => r.id));
  return ok(page(rows, query.limit, (row) => serializeProduct(row, byProduct.get(row.id) ?? [], tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
