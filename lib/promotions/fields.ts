import { z } from "zod";
import type { CouponScope } from "@/db/schema";

// Input rules shared by coupons and discount codes.

/** How many times something may be used: a positive count, or null for no limit. */
export const countLimit = z.number().int().min(1).max(1_000_000_000);

/**
 * A field of the resource that an update may not send: a 422 naming it. A custom issue (not
 * z.never's invalid_type) keeps the message; the document shows it as `not: {}`.
 */
export const immutable = (what: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => v === undefined, `cannot be changed after creation; create a new ${what} instead`)
    .meta({ not: {}, description: `Immutable after creation: create a new ${what} instead` });

export const codeFilter = z.string().trim().max(64).optional().meta({ description: "Exact code, case-insensitive" });

const idList = z
  .array(z.uuid("must be a UUID"))
  .max(200, "at most 200 ids")
  .default([])
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: "is listed twice" });
    });
  });

export const couponScopeInput = z
  .strictObject({ product_ids: idList, plan_ids: idList })
  .meta({ description: "Products and plans (ids of your own organization); both empty = everything" });

export type Issue = { path: (string | number)[]; message: string };

/** valid_until must come after valid_from; the issue names `blame` (the field the caller sent). */
export function windowIssue(from: Date | null | undefined, until: Date | null | undefined, blame: string): Issue | null {
  // Refinements still run when a field failed its own format: compare only real dates.
  if (!(from instanceof Date) || !(until instanceof Date) || from.getTime() < until.getTime()) return null;
  return { path: [blame], message: "valid_until must be after valid_from" };
}

/**
 * The first id of `side` that the other list also holds: an id cannot be both applied to and
 * excluded. The issue points into `side` (`excludes.plan_ids[0]`).
 */
export function overlapIssue(appliesTo: CouponScope, excludes: CouponScope, side: "applies_to" | "excludes"): Issue | null {
  const [mine, other] = side === "excludes" ? [excludes, appliesTo] : [appliesTo, excludes];
  const otherSide = side === "excludes" ? "applies_to" : "excludes";
  for (const kind of ["product_ids", "plan_ids"] as const) {
    const i = mine[kind].findIndex((id) => other[kind].includes(id));
    if (i >= 0) return { path: [side, kind, i], message: `is also in ${otherSide}.${kind}; an id cannot be both applied to and excluded` };
  }
  return null;
}
