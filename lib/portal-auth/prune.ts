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

export async function prunePortalTokens(db: DbOrTx, at: Date, batch = PRUNE_BATCH): Promise<PruneCounts> {
  const cutoff = new Date(at.getTime() - PRUNE_GRACE_MS).toISOString();
  const portalTokens = await inBatches(batch, (limit) =>
    db.execute(sql`
      delete from portal_tokens
      where id in (
        select id from portal_tokens where expires_at < ${cutoff}::timestamptz
        order by expires_at limit ${limit} for update skip locked
      ) and expires_at < ${cutoff}::timestamptz`),
  );
  const attemptBuckets = await inBatches(batch, (limit) =>
    db.execute(sql`
      delete from attempt_buckets
      where (organization_id, key_hash) in (
        select organization_id, key_hash from attempt_buckets where expires_at < ${cutoff}::timestamptz
        order by expires_at limit ${limit} for update skip locked
      ) and expires_at < ${cutoff}::timestamptz`),
  );
  const staffAttemptBuckets = await inBatches(batch, (limit) =>
    db.execute(sql`
      delete from staff_attempt_buckets
      where key_hash in (
        select key_hash from staff_attempt_buckets where expires_at < ${cutoff}::timestamptz
        order by expires_at limit ${limit} for update skip locked
      ) and expires_at < ${cutoff}::timestamptz`),
  );
  const staffEmailLinks = await inBatches(batch, (limit) =>
    db.execute(sql`
      delete from verification_tokens
      where (identifier, token) in (
        select identifier, token from verification_tokens where expires < ${cutoff}::timestamptz
        limit ${limit} for update skip locked
      ) and expires < ${cutoff}::timestamptz`),
  );
  return { portalTokens, attemptBuckets, staffAttemptBuckets, staffEmailLinks };
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
