import { and, eq, gt, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { credits, organizations, type Credit } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";
import { serializeCredit } from "@/lib/api/resources/credits";
import { getBillingAccountOrThrow } from "@/lib/billing-accounts/service";
import { organizationCurrency } from "@/lib/organizations/create";
import { emitEvent } from "@/lib/webhooks/emit";
import { accountBalances, type AccountBalance } from "./balance";
import type { GrantCreditInput } from "./input";

// The credit ledger of a billing account: grant, read, list (with the balance), void.
type Scope = { organizationId: string };
type Writer = Scope & { mode: "live" | "test" };
type AccountScope = Writer & { billingAccountId: string };

const byId = (organizationId: string, id: string) => and(eq(credits.id, id), eq(credits.organizationId, organizationId));

/** Grants a credit; the account is locked so it cannot be archived half-way. */
export async function grantCredit(db: DbOrTx, scope: AccountScope, input: GrantCreditInput): Promise<Credit> {
  return db.transaction(async (tx) => {
    const account = await getBillingAccountOrThrow(tx, { organizationId: scope.organizationId, id: scope.billingAccountId }, { forUpdate: true });
    if (account.status === "archived") throw new ApiError("resource_archived", "This billing account is archived: credits can no longer be granted to it");
    const [row] = await tx
      .insert(credits)
      .values({
        organizationId: scope.organizationId,
        billingAccountId: account.id,
        creditType: input.credit_type,
        amountCents: input.amount_cents,
        amountRemainingCents: input.amount_cents,
        currency: input.currency ?? (await organizationCurrency(tx, scope.organizationId)),
        expiresAt: input.expires_at ?? null,
        description: input.description ?? null,
      })
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "credit.granted", data: serializeCredit(row!, scope.mode) });
    return row!;
  });
}

export async function getCreditOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Credit> {
  const query = db.select().from(credits).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("credit", scope.id);
  return row;
}

export type CreditFilters = { limit: number; cursor?: string; status: "active" | "voided" | "expired" | "all" };

/** One page of the account's credits (newest first) and the account's balances at `at`. */
export async function listAccountCredits(
  db: DbOrTx,
  scope: AccountScope,
  filters: CreditFilters,
  at: Date,
): Promise<{ rows: Credit[]; balances: AccountBalance[] }> {
  await getBillingAccountOrThrow(db, { organizationId: scope.organizationId, id: scope.billingAccountId });
  const rows = await listPage(db, credits, scope, [eq(credits.billingAccountId, scope.billingAccountId), filters.status === "all" ? undefined : eq(credits.status, filters.status)], filters);
  return { rows, balances: await accountBalances(db, scope, at) };
}

/** Voids what is left of a credit: it stops counting; what was already applied stays applied. */
export async function voidCredit(db: DbOrTx, scope: Writer & { id: string }): Promise<Credit> {
  return db.transaction(async (tx) => {
    const current = await getCreditOrThrow(tx, scope, { forUpdate: true });
    if (current.status === "voided") throw new ApiError("resource_conflict", "This credit is already voided");
    if (current.status === "expired") throw new ApiError("resource_conflict", "This credit has expired: nothing is left to void");
    if (current.amountRemainingCents === 0) throw new ApiError("resource_conflict", "This credit has been fully used: nothing is left to void");
    const [row] = await tx
      .update(credits)
      .set({ status: "voided", amountRemainingCents: 0, voidedAt: dbNow(), updatedAt: dbNow() })
      .where(byId(scope.organizationId, scope.id))
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "credit.voided", data: serializeCredit(row!, scope.mode) });
    return row!;
  });
}

/**
 * The monthly credit expiration: active credits whose expires_at has passed with something left
 * become `expired` (they already stopped counting at expires_at) and `credit.expired` tells the
 * merchant how much lapsed. Idempotent: an expired credit is not selected again.
 */
export async function expireCredits(db: DbOrTx, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(credits)
      .set({ status: "expired", updatedAt: dbNow() })
      .where(and(eq(credits.status, "active"), gt(credits.amountRemainingCents, 0), lte(credits.expiresAt, at)))
      .returning();
    if (rows.length === 0) return 0;
    const orgs = await tx.select({ id: organizations.id, mode: organizations.mode }).from(organizations).where(inArray(organizations.id, [...new Set(rows.map((r) => r.organizationId))]));
    const modes = new Map(orgs.map((o) => [o.id, o.mode]));
    for (const row of rows) {
      await emitEvent(tx, { organizationId: row.organizationId, type: "credit.expired", data: serializeCredit(row, modes.get(row.organizationId) ?? "live", at) });
    }
    return rows.length;
  });
}
