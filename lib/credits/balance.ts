import { and, asc, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { toSafeNumber } from "@/lib/billing/money";
import { credits } from "@/db/schema";

// What a billing account can still spend: active credits with something left that have not
// expired at `at`. Voided credits have nothing left (voiding zeroes them), expired ones stop counting.
type AccountScope = { organizationId: string; billingAccountId: string };

const usable = (scope: AccountScope, at: Date) =>
  and(
    eq(credits.organizationId, scope.organizationId),
    eq(credits.billingAccountId, scope.billingAccountId),
    eq(credits.status, "active"),
    gt(credits.amountRemainingCents, 0),
    or(isNull(credits.expiresAt), gt(credits.expiresAt, at)),
  );

/** Available credit per currency (only currencies with something available), in SQL. */
export async function creditBalance(db: DbOrTx, scope: AccountScope & { at: Date }): Promise<{ currency: string; available_cents: number }[]> {
  return db
    .select({ currency: credits.currency, available_cents: sql<number>`sum(${credits.amountRemainingCents})::text`.mapWith((v: string) => toSafeNumber(BigInt(v), "credit balance")) })
    .from(credits)
    .where(usable(scope, scope.at))
    .groupBy(credits.currency)
    .orderBy(asc(credits.currency));
}

export type ApplicableCredit = { id: string; remaining_cents: number; expires_at: Date | null; created_at: Date };

/**
 * The credits an invoice in `currency` may consume, in the order to consume them (soonest
 * expiry first, then oldest), locked `for update`: call it inside the transaction that
 * applies them, so two finalizers cannot spend the same credit.
 */
export async function listApplicableCredits(db: DbOrTx, scope: AccountScope & { currency: string; at: Date }): Promise<ApplicableCredit[]> {
  const rows = await db
    .select({ id: credits.id, remaining: credits.amountRemainingCents, expiresAt: credits.expiresAt, createdAt: credits.createdAt })
    .from(credits)
    .where(and(usable(scope, scope.at), eq(credits.currency, scope.currency)))
    .orderBy(sql`${credits.expiresAt} asc nulls last`, asc(credits.createdAt), asc(credits.id))
    .for("update");
  return rows.map((r) => ({ id: r.id, remaining_cents: r.remaining, expires_at: r.expiresAt, created_at: r.createdAt }));
}

export const EXPIRING_PER_CURRENCY = 10;

export type AccountBalance = {
  currency: string;
  available_cents: number;
  expiring: { credit_id: string; amount_remaining_cents: number; expires_at: Date }[];
};

/** The balance per currency with its next expirations (at most EXPIRING_PER_CURRENCY each), for the API. */
export async function accountBalances(db: DbOrTx, scope: AccountScope, at: Date): Promise<AccountBalance[]> {
  const ranked = db
    .select({
      id: credits.id,
      currency: credits.currency,
      remaining: credits.amountRemainingCents,
      expiresAt: credits.expiresAt,
      rank: sql<number>`row_number() over (partition by ${credits.currency} order by ${credits.expiresAt}, ${credits.id})`.as("rank"),
    })
    .from(credits)
    .where(and(usable(scope, at), isNotNull(credits.expiresAt)))
    .as("ranked");
  const [totals, expiring] = await Promise.all([
    creditBalance(db, { ...scope, at }),
    db.select().from(ranked).where(lte(ranked.rank, EXPIRING_PER_CURRENCY)).orderBy(asc(ranked.expiresAt), asc(ranked.id)),
  ]);
  return totals.map((t) => ({
    ...t,
    expiring: expiring
      .filter((e) => e.currency === t.currency)
      .map((e) => ({ credit_id: e.id, amount_remaining_cents: e.remaining, expires_at: e.expiresAt! })),
  }));
}
