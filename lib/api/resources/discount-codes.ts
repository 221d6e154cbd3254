import { z } from "zod";
import type { DiscountCode } from "@/db/schema";
import { createDiscountCodeInput, updateDiscountCodeInput } from "@/lib/promotions/discount-code-input";
import { codeFilter } from "@/lib/promotions/fields";
import { idParams, statusFilter } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

// The discount code as the API shows it: a contract, serialized explicitly from the row.
export const discountCodeObject = z
  .object({
    id: z.uuid(),
    object: z.literal("discount_code"),
    livemode: z.boolean(),
    code: z.string().meta({ description: "Stored upper-case; matched case-insensitively" }),
    percent_off_bps: z.number().int().nullable().meta({ description: "Basis points (10000 = 100%); null for an amount-off code" }),
    amount_off_cents: z.number().int().nullable().meta({ description: "In cents of `currency`; null for a percentage code" }),
    currency: z.string().nullable(),
    duration: z.enum(["once", "repeating", "forever"]),
    duration_in_months: z.number().int().nullable(),
    max_redemptions: z.number().int().nullable(),
    times_redeemed: z.number().int().meta({ description: "Read-only: redemptions so far" }),
    expires_at: z.iso.datetime().nullable(),
    status: z.enum(["active", "archived"]),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "DiscountCode" });

export const deletedDiscountCodeObject = z
  .object({ id: z.uuid(), object: z.literal("discount_code"), deleted: z.literal(true) })
  .meta({ id: "DeletedDiscountCode" });

export function serializeDiscountCode(row: DiscountCode, mode: "live" | "test"): z.output<typeof discountCodeObject> {
  return {
    id: row.id,
    object: "discount_code",
    livemode: mode === "live",
    code: row.code,
    percent_off_bps: row.percentOffBps,
    amount_off_cents: row.amountOffCents,
    currency: row.currency,
    duration: row.duration,
    duration_in_months: row.durationInMonths,
    max_redemptions: row.maxRedemptions,
    times_redeemed: row.timesRedeemed,
    expires_at: iso(row.expiresAt),
    status: row.status,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tag = "discount_codes";

export const discountCodeOps = {
  create: defineOperation({
    operationId: "createDiscountCode",
    method: "POST",
    path: "/discount_codes",
    tag,
    summary: "Create a discount code",
    description:
      "Exactly one of `percent_off_bps` or `amount_off_cents` (with `currency`, default BRL). `duration_in_months` is required for, and only for, " +
      "`duration: repeating`. `code` is unique per organization, case-insensitively.",
    scope: "coupons:write",
    body: createDiscountCodeInput,
    response: discountCodeObject,
    successStatus: 201,
    errors: ["resource_conflict"],
  }),
  list: defineOperation({
    operationId: "listDiscountCodes",
    method: "GET",
    path: "/discount_codes",
    tag,
    summary: "List discount codes",
    description: "Newest first. Active codes by default; `status=archived` or `status=all` for the others. `code` matches exactly, case-insensitively.",
    scope: "coupons:read",
    query: z.strictObject({ ...listQueryShape, status: statusFilter, code: codeFilter }),
    response: listEnvelope(discountCodeObject),
    list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveDiscountCode",
    method: "GET",
    path: "/discount_codes/{id}",
    tag,
    summary: "Retrieve a discount code",
    scope: "coupons:read",
    params: idParams,
    response: discountCodeObject,
  }),
  update: defineOperation({
    operationId: "updateDiscountCode",
    method: "PATCH",
    path: "/discount_codes/{id}",
    tag,
    summary: "Update a discount code",
    description:
      "Changes `max_redemptions` (never below `times_redeemed`) and `expires_at`; `null` clears them. The discount itself is fixed: create a new code instead.",
    scope: "coupons:write",
    params: idParams,
    body: updateDiscountCodeInput,
    response: discountCodeObject,
    errors: ["resource_archived"],
  }),
  delete: defineOperation({
    operationId: "deleteDiscountCode",
    method: "DELETE",
    path: "/discount_codes/{id}",
    tag,
    summary: "Delete a discount code",
    description: "Deletes a code never redeemed. A redeemed code is archived instead (no longer redeemable) and returned with `status: archived`.",
    scope: "coupons:write",
    params: idParams,
    response: z.union([deletedDiscountCodeObject, discountCodeObject]),
  }),
};
