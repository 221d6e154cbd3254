// POST /api/v1/discount_codes — create a discount code; GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { discountCodeOps, serializeDiscountCode } from "@/lib/api/resources/discount-codes";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createDiscountCode, listDiscountCodes } from "@/lib/promotions/discount-codes";

export const POST = withApi(discountCodeOps.create, async ({ db, tenant, body }) => {
  const code = await createDiscountCode(db, tenant, body);
  return created(serializeDiscountCode(code, tenant.mode));
});

export const GET = withApi(discountCodeOps.list, async ({ db, tenant, query }) => {
  const rows = await listDiscountCodes(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializeDiscountCode(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
