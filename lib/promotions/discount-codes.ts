import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { organizationCurrency } from "@/lib/organizations/create";
import { deleteUnlessReferenced } from "@/db/delete-unless-referenced";
import { discountCodes, type DiscountCode } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";
import { rethrowConflict } from "@/lib/api/references";
import type { CreateDiscountCodeInput, UpdateDiscountCodeInput } from "./discount-code-input";

type Scope = { organizationId: string };

const byId = (organizationId: string, id: string) => and(eq(discountCodes.id, id), eq(discountCodes.organizationId, organizationId));

export async function createDiscountCode(db: DbOrTx, scope: Scope, input: CreateDiscountCodeInput): Promise<DiscountCode> {
  const amountOff = input.amount_off_cents ?? null;
  try {
    const [row] = await db
      .insert(discountCodes)
      .values({
        organizationId: scope.organizationId,
        code: input.code,
        percentOffBps: input.percent_off_bps ?? null,
        amountOffCents: amountOff,
        currency: amountOff === null ? null : (input.currency ?? (await organizationCurrency(db, scope.organizationId))),
        duration: input.duration,
        durationInMonths: input.duration_in_months ?? null,
        maxRedemptions: input.max_redemptions ?? null,
        expiresAt: input.expires_at ?? null,
      })
      .returning();
    return row!;
  } catch (error) {
    rethrowConflict(error, { discount_codes_org_code_key: { param: "code", message: `A discount code '${input.code}' already exists` } });
  }
}

export async function getDiscountCodeOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<DiscountCode> {
  const query = db.select().from(discountCodes).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("discount code", scope.id);
  return row;
}

export type DiscountCodeFilters = { limit: number; cursor?: string; status: "active" | "archived" | "all"; code?: string };

export async function listDiscountCodes(db: DbOrTx, scope: Scope, filters: DiscountCodeFilters): Promise<DiscountCode[]> {
  return listPage(db, discountCodes, scope, [filters.status === "all" ? undefined : eq(discountCodes.status, filters.status), filters.code !== undefined ? sql`upper(${discountCodes.code}) = upper(${filters.code})` : undefined], filters);
}

export async function updateDiscountCode(db: DbOrTx, scope: Scope & { id: string }, input: UpdateDiscountCodeInput): Promise<DiscountCode> {
  return db.transaction(async (tx) => {
    // Locked: redemptions increment times_redeemed under the same lock, so the limit check holds.
    const current = await getDiscountCodeOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") throw new ApiError("resource_archived", "This discount code is archived and can no longer be changed");
    if (input.max_redemptions != null && input.max_redemptions < current.timesRedeemed) {
      throw new ApiError("validation_failed", `Invalid max_redemptions: the code has already been redeemed ${current.timesRedeemed} times`, {
        param: "max_redemptions",
      });
    }
    const changes: Partial<typeof discountCodes.$inferInsert> = { updatedAt: dbNow() };
    if (input.max_redemptions !== undefined) changes.maxRedemptions = input.max_redemptions;
    if (input.expires_at !== undefined) changes.expiresAt = input.expires_at;
    const [row] = await tx.update(discountCodes).set(changes).where(byId(scope.organizationId, scope.id)).returning();
    return row!;
  });
}

export type DeleteDiscountCodeOutcome = { deleted: true; id: string } | { deleted: false; discountCode: DiscountCode };

/** A code never redeemed is deleted; a redeemed one (or one other rows reference) is archived, keeping its history. */
export async function deleteDiscountCode(db: DbOrTx, scope: Scope & { id: string }): Promise<DeleteDiscountCodeOutcome> {
  return db.transaction(async (tx) => {
    const current = await getDiscountCodeOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "archived") return { deleted: false, discountCode: current };
    if (current.timesRedeemed === 0) {
      if (await deleteUnlessReferenced(tx, (sp) => sp.delete(discountCodes).where(byId(scope.organizationId, scope.id)))) return { deleted: true, id: scope.id };
    }
    const [archived] = await tx
      .update(discountCodes)
      .set({ status: "archived", updatedAt: dbNow() })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    return { deleted: false, discountCode: archived! };
  });
}

export type DiscountCodeRejection = "archived" | "expired" | "max_redemptions_reached" | "currency_mismatch";

/** Whether a code may be redeemed now (pure; read the row `for update` when redeeming). */
export function checkDiscountCodeRedeemable(
  code: Pick<DiscountCode, "status" | "expiresAt" | "maxRedemptions" | "timesRedeemed" | "amountOffCents" | "currency">,
  purchase: { at: Date; currency?: string },
): { ok: true } | { ok: false; reason: DiscountCodeRejection } {
  const no = (reason: DiscountCodeRejection) => ({ ok: false as const, reason });
  if (code.status !== "active") return no("archived");
  if (code.expiresAt && purchase.at.getTime() >= code.expiresAt.getTime()) return no("expired");
  if (code.maxRedemptions !== null && code.timesRedeemed >= code.maxRedemptions) return no("max_redemptions_reached");
  if (code.amountOffCents !== null && purchase.currency !== undefined && purchase.currency !== code.currency) return no("currency_mismatch");
  return { ok: true };
}
