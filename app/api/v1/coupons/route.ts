// POST /api/v1/coupons — create a coupon; GET — list them
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { couponOps, serializeCoupon } from "@/lib/api/resources/coupons";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { createCoupon, listCoupons } from "@/lib/promotions/coupons";

export const POST = withApi(couponOps.create, async ({ db, tenant, body }) => {
  const coupon = await createCoupon(db, tenant, body);
  return created(serializeCoupon(coupon, tenant.mode));
});

export const GET = withApi(couponOps.list, async ({ db, tenant, query }) => {
  const rows = await listCoupons(db, tenant, query);
  return ok(page(rows, query.limit, (row) => serializeCoupon(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
