import { z } from "zod";
import type { Coupon } from "@/db/schema";
import { createCouponInput, updateCouponInput } from "@/lib/promotions/coupon-input";
import { codeFilter } from "@/lib/promotions/fields";
import { idParams, statusFilter } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// The coupon as the API shows it: a contract, serialized explicitly from the row.
const couponScope = z.object({ product_ids: z.array(z.uuid()), plan_ids: z.array(z.uuid()) });

export const couponObject = z
  .object({
    id: z.uuid(),
    object: z.literal("coupon"),
    livemode: z.boolean(),
    code: z.string().meta({ description: "Stored upper-case; matched case-insensitively" }),
    name: z.string().nullable(),
    discount_type: z.enum(["percentage", "fixed_amount"]),
    percent_off_bps: z.number().int().nullable().meta({ description: "Percentage coupons: basis points (10000 = 100%)" }),
    amount_off_cents: z.number().int().nullable().meta({ description: "fixed_amount coupons: amount off, in cents of `currency`" }),
    currency: z.string().nullable(),
    usage_limit: z.number().int().nullable(),
    usage_limit_per_user: z.number().int().nullable(),
    min_purchase_cents: z.number().int().nullable(),
    max_discount_cents: z.number().int().nullable(),
    valid_from: z.iso.datetime().nullable(),
    valid_until: z.iso.datetime().nullable(),
    applies_to: couponScope,
    excludes: couponScope,
    times_used: z.number().int().meta({ description: "Read-only: redemptions so far" }),
    status: z.enum(["active", "archived"]),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Coupon" });

export const deletedCouponObject = z
  .object({ id: z.uuid(), object: z.literal("coupon"), deleted: z.literal(true) })
  .meta({ id: "DeletedCoupon" });

export function serializeCoupon(row: Coupon, mode: "live" | "test"): z.output<typeof couponObject> {
  return {
    id: row.id,
    object: "coupon",
    livemode: mode === "live",
    code: row.code,
    name: row.name,
    discount_type: row.discountType,
    percent_off_bps: row.percentOffBps,
    amount_off_cents: row.amountOffCents,
    currency: row.currency,
    usage_limit: row.usageLimit,
    usage_limit_per_user: row.usageLimitPerUser,
    min_purchase_cents: row.minPurchaseCents,
    max_discount_cents: row.maxDiscountCents,
    valid_from: iso(row.validFrom),
    valid_until: iso(row.validUntil),
    applies_to: { product_ids: row.appliesTo.product_ids, plan_ids: row.appliesTo.plan_ids },
    excludes: { product_ids: row.excludes.product_ids, plan_ids: row.excludes.plan_ids },
    times_used: row.timesUsed,
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "coupons";

export const couponOps = {
  create: defineOperation({
    operationId: "createCoupon",
    method: "POST",
    path: "/coupons",
    tag,
    summary: "Create a coupon",
    description:
      "A `percentage` coupon takes `percent_off_bps`; a `fixed_amount` coupon takes `amount_off_cents` and `currency` (default BRL). " +
      "`code` is unique per organization, case-insensitively. `applies_to` / `excludes` name your own products and plans.",
    scope: "coupons:write",
    body: createCouponInput,
    response: couponObject,
    successStatus: 201,
    errors: ["resource_conflict", "reference_not_found"],
  }),
  list: defineOperation({
    operationId: "listCoupons",
    method: "GET",
    path: "/coupons",
    tag,
    summary: "List coupons",
    description: "Newest first. Active coupons by default; `status=archived` or `status=all` for the others. `code` matches exactly, case-insensitively.",
    scope: "coupons:read",
    query: z.strictObject({ ...listQueryShape, status: statusFilter, code: codeFilter }),
    response: listEnvelope(couponObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveCoupon",
    method: "GET",
    path: "/coupons/{id}",
    tag,
    summary: "Retrieve a coupon",
    scope: "coupons:read",
    params: idParams,
    response: couponObject,
  }),
  update: defineOperation({
    operationId: "updateCoupon",
    method: "PATCH",
    path: "/coupons/{id}",
    tag,
    summary: "Update a coupon",
    description:
      "Changes the name, limits (never below `times_used`), validity window and scope; `null` clears an optional field. " +
      "The discount (`code`, `discount_type`, `percent_off_bps`, `amount_off_cents`, `currency`) is fixed: create a new coupon instead.",
    scope: "coupons:write",
    params: idParams,
    body: updateCouponInput,
    response: couponObject,
    errors: ["reference_not_found", "resource_archived"],
  }),
  delete: defineOperation({
    operationId: "deleteCoupon",
    method: "DELETE",
    path: "/coupons/{id}",
    tag,
    summary: "Delete a coupon",
    description: "Deletes a coupon never used. A used coupon is archived instead (no longer redeemable) and returned with `status: archived`.",
    scope: "coupons:write",
    params: idParams,
    response: z.union([deletedCouponObject, couponObject]),
  }),
};
