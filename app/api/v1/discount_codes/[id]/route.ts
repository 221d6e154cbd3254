// GET/PATCH/DELETE /api/v1/discount_codes/:id — retrieve, update, delete (or archive, once redeemed) one code
import { withApi } from "@/lib/api/handler";
import { discountCodeOps, serializeDiscountCode } from "@/lib/api/resources/discount-codes";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteDiscountCode, getDiscountCodeOrThrow, updateDiscountCode } from "@/lib/promotions/discount-codes";

export const GET = withApi(discountCodeOps.retrieve, async ({ db, tenant, params }) => {
  const code = await getDiscountCodeOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeDiscountCode(code, tenant.mode), code.updatedAt);
});

export const PATCH = withApi(discountCodeOps.update, async ({ db, tenant, params, body }) => {
  const code = await updateDiscountCode(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializeDiscountCode(code, tenant.mode));
});

export const DELETE = withApi(discountCodeOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteDiscountCode(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "discount_code", deleted: true } : serializeDiscountCode(outcome.discountCode, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
