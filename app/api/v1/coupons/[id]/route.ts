// GET/PATCH/DELETE /api/v1/coupons/:id — retrieve, update, delete (or archive, once used) one coupon
import { withApi } from "@/lib/api/handler";
import { couponOps, serializeCoupon } from "@/lib/api/resources/coupons";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { deleteCoupon, getCouponOrThrow, updateCoupon } from "@/lib/promotions/coupons";

export const GET = withApi(couponOps.retrieve, async ({ db, tenant, params }) => {
  const coupon = await getCouponOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializeCoupon(coupon, tenant.mode), coupon.updatedAt);
});

export const PATCH = withApi(couponOps.update, async ({ db, tenant, params, body }) => {
  const coupon = await updateCoupon(db, { organizationId: tenant.organizationId, id: params.id }, body);
  return ok(serializeCoupon(coupon, tenant.mode));
});

export const DELETE = withApi(couponOps.delete, async ({ db, tenant, params }) => {
  const outcome = await deleteCoupon(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(outcome.deleted ? { id: outcome.id, object: "coupon", deleted: true } : serializeCoupon(outcome.coupon, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
