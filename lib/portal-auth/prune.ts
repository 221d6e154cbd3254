import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

// Housekeeping for short-lived rows (job portal-tokens.prune, hourly): portal_tokens (links, OIDC
// states, SSO jtis), attempt_buckets, the admin's sign-in attempt buckets and its email sign-in
// links (Auth.js's verification_tokens), once their expiry is more than a day past.
// A day of grace keeps an expired link answering "expired" rather than "invalid" for a while, and
// a jti until long after its token can no longer pass the `exp` check.
//
// Every tenant at once, deliberately: this is maintenance, not a tenant's query. Deletes go in
// batches of PRUNE_BATCH rows, each its own statement (and transaction), so no run holds many
// row locks or one long lock; rows a sign-in is touching right now are skipped (SKIP LOCKED) and
// left for the next run. Idempotent: a second run finds nothing to delete.
export const PRUNE_GRACE_MS = 24 * 60 * 60 * 1000;
export const PRUNE_BATCH = 10_000;

export type PruneCounts = { portalTokens: number; attemptBuckets: number; staffAttemptBuckets: number; staffEmailLinks: number };

/** The tables pruned, each by its key columns and its expiry column (constants: never input). */
const PRUNED = {
  portalTokens: { table: "portal_tokens", key: "id", expiry: "expires_at" },
  attemptBuckets: { table: "attempt_buckets", key: "organization_id, key_hash", expiry: "expires_at" },
  staffAttemptBuckets: { table: "staff_attempt_buckets", key: "key_hash", expiry: "expires_at" },
  staffEmailLinks: { table: "verification_tokens", key: "identifier, token", expiry: "expires" },
} as const satisfies Record<keyof PruneCounts, { table: string; key: string; expiry: string }>;

export async function prunePortalTokens(db: DbOrTx, at: Date, batch = PRUNE_BATCH): Promise<PruneCounts> {
  const cutoff = new Date(at.getTime() - PRUNE_GRACE_MS).toISOString();
  const counts = {} as PruneCounts;
  for (const [name, { table, key, expiry }] of Object.entries(PRUNED) as Array<[keyof PruneCounts, (typeof PRUNED)[keyof PruneCounts]]>) {
    const [t, k, e] = [sql.raw(table), sql.raw(key), sql.raw(expiry)];
    counts[name] = await inBatches(batch, (limit) =>
      db.execute(sql`
        delete from ${t}
        where (${k}) in (
          select ${k} from ${t} where ${e} < ${cutoff}::timestamptz
          order by ${e} limit ${limit} for update skip locked
        ) and ${e} < ${cutoff}::timestamptz`),
    );
  }
  return counts;
}

/** Runs a bounded delete until a batch comes back short (nothing left that is not locked). */
async function inBatches(batch: number, deleteUpTo: (limit: number) => Promise<{ count: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const { count } = await deleteUpTo(batch);
    total += count;
    if (count < batch) return total;
  }
}
