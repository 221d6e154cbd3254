import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { organizationCurrency } from "@/lib/organizations/create";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { coupons, plans, products, type Coupon, type CouponScope } from "@/db/schema";
import { ApiError, invalid, notFound } from "@/lib/api/errors";
import { paramPath } from "@/lib/api/validation";
import { listPage } from "@/lib/api/pagination";
import { assertReferences, rethrowConflict } from "@/lib/api/references";
import { emptyScope, type CreateCouponInput, type UpdateCouponInput } from "./coupon-input";
import { overlapIssue, windowIssue, type Issue } from "./fields";

type Scope = { organizationId: string };

const byId = (organizationId: string, id: string) => and(eq(coupons.id, id), eq(coupons.organizationId, organizationId));

const invalidIssue = (issue: Issue) => invalid(paramPath(issue.path) ?? "", issue.message);

/** Every id in applies_to / excludes must be a product or plan of this organization (422 naming it). */
async function assertScopeReferences(db: DbOrTx, organizationId: string, side: "applies_to" | "excludes", scope: CouponScope | undefined) {
  if (!scope) return;
  const refs = (kind: keyof CouponScope) => scope[kind].map((id, i) => ({ id, param: `${side}.${kind}[${i}]` }));
  await assertReferences(db, products, organizationId, refs("product_ids"), "product");
  await assertReferences(db, plans, organizationId, refs("plan_ids"), "plan");
}

export async function createCoupon(db: DbOrTx, scope: Scope, input: CreateCouponInput): Promise<Coupon> {
  await assertScopeReferences(db, scope.organizationId, "applies_to", input.applies_to);
  await assertScopeReferences(db, scope.organizationId, "excludes", input.excludes);
  try {
    const [row] = await db
      .insert(coupons)
      .values({
        organizationId: scope.organizationId,
        code: input.code,
        name: input.name ?? null,
        discountType: input.discount_type,
        percentOffBps: input.percent_off_bps ?? null,
        amountOffCents: input.amount_off_cents ?? null,
        currency: input.discount_type === "fixed_amount" ? (input.currency ?? (await organizationCurrency(db, scope.organizationId))) : null,
        usageLimit: input.usage_limit ?? null,
        usageLimitPerUser: input.usage_limit_per_user ?? null,
        minPurchaseCents: input.min_purchase_cents ?? null,
        maxDiscountCents: input.max_discount_cents ?? null,
        validFrom: input.valid_from ?? null,
        validUntil: input.valid_until ?? null,
        appliesTo: input.applies_to ?? emptyScope(),
        excludes: input.excludes ?? emptyScope(),
      })
      .returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, { coupons_org_code_key: { param: "code", message: `A coupon with code '${input.code}' already exists` } });
  }
}

export async function getCouponOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Coupon> {
  const query = db.select().from(coupons).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("coupon", scope.id);
  return row;
}

export type CouponFilters = { limit: number; cursor?: string; status: "active" | "archived" | "all"; code?: string };

export async function listCoupons(db: DbOrTx, scope: Scope, filters: CouponFilters): Promise<Coupon[]> {
  return listPage(db, coupons, scope, [filters.status === "all" ? undefined : eq(coupons.status, filters.status), filters.code !== undefined ? sql`upper(${coupons.code}) = upper(${filters.code})` : undefined], filters);
}

export async function updateCoupon(db: DbOrTx, scope: Scope & { id: string }, input: UpdateCouponInput): Promise<Coupon> {
  return db.transaction(async (tx) => {
    // Locked: redemptions increment times_used under the same lock, so the limit check holds.
    const current = await getCouponOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") throw new ApiError("resource_archived", "This coupon is archived and can no longer be changed");
    if (input.usage_limit != null && input.usage_limit < current.timesUsed) {
      throw new ApiError("validation_failed", `Invalid usage_limit: the coupon has already been used ${current.timesUsed} times`, { param: "usage_limit" });
    }
    const validFrom = input.valid_from !== undefined ? input.valid_from : current.validFrom;
    const validUntil = input.valid_until !== undefined ? input.valid_until : current.validUntil;
    const window = windowIssue(validFrom, validUntil, input.valid_until !== undefined ? "valid_until" : "valid_from");
    if (window) throw invalidIssue(window);
    const appliesTo = input.applies_to ?? current.appliesTo;
    const excludes = input.excludes ?? current.excludes;
    const overlap = overlapIssue(appliesTo, excludes, input.excludes ? "excludes" : "applies_to");
    if (overlap) throw invalidIssue(overlap);
    await assertScopeReferences(tx, scope.organizationId, "applies_to", input.applies_to);
    await assertScopeReferences(tx, scope.organizationId, "excludes", input.excludes);

    const changes: Partial<typeof coupons.$inferInsert> = { updatedAt: dbNow() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.usage_limit !== undefined) changes.usageLimit = input.usage_limit;
    if (input.usage_limit_per_user !== undefined) changes.usageLimitPerUser = input.usage_limit_per_user;
    if (input.min_purchase_cents !== undefined) changes.minPurchaseCents = input.min_purchase_cents;
    if (input.max_discount_cents !== undefined) changes.maxDiscountCents = input.max_discount_cents;
    if (input.valid_from !== undefined) changes.validFrom = input.valid_from;
    if (input.valid_until !== undefined) changes.validUntil = input.valid_until;
    if (input.applies_to) changes.appliesTo = input.applies_to;
    if (input.excludes) changes.excludes = input.excludes;
    const [row] = await tx.update(coupons).set(changes).where(byId(scope.organizationId, scope.id)).returning();
    return row!;
  });
}

export type DeleteCouponOutcome = { deleted: true; id: string } | { deleted: false; coupon: Coupon };

/** A coupon never used is deleted; a used one (or one other rows reference) is archived, keeping its history. */
export async function deleteCoupon(db: DbOrTx, scope: Scope & { id: string }): Promise<DeleteCouponOutcome> {
  return db.transaction(async (tx) => {
    const current = await getCouponOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") return { deleted: false, coupon: current };
    if (current.timesUsed === 0) {
      if (await deleteUnlessReferenced(tx, (sp) => sp.delete(coupons).where(byId(scope.organizationId, scope.id)))) return { deleted: true, id: scope.id };
    }
    const [archived] = await tx
      .update(coupons)
      .set({ status: "archived", updatedAt: dbNow() })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    return { deleted: false, coupon: archived! };
  });
}
