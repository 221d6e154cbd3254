import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { organizations, proposals } from "@/db/schema";
import { serializeProposal } from "@/lib/api/resources/proposals";
import { emitEvent } from "@/lib/webhooks/emit";

const BATCH = 500;

/**
 * The `proposals.expire` job: marks open proposals whose valid_until is at or before `at` as
 * expired (expired_at = valid_until, the instant the API already showed them expired) and emits
 * `proposal.expired` for each, in its own organization. Deliberately across all organizations
 * (it is a job, not a request). Batches of 500, each one transaction; rows locked by an accept
 * in progress are skipped (that accept refuses an expired proposal; the next run marks it).
 * Idempotent: a second run finds nothing open and due. Returns how many it expired.
 */
export async function expireProposals(db: DbOrTx, at: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: proposals.id })
        .from(proposals)
        .where(and(eq(proposals.status, "open"), lte(proposals.validUntil, at)))
        .orderBy(asc(proposals.validUntil))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (due.length === 0) return 0;
      const rows = await tx
        .update(proposals)
        .set({ status: "expired", expiredAt: sql`${proposals.validUntil}`, updatedAt: dbNow() })
        .where(inArray(proposals.id, due.map((d) => d.id)))
        .returning();
      const orgIds = [...new Set(rows.map((r) => r.organizationId))];
      const modes = new Map(
        (await tx.select({ id: organizations.id, mode: organizations.mode }).from(organizations).where(inArray(organizations.id, orgIds))).map((o) => [o.id, o.mode]),
      );
      for (const row of rows) {
        await emitEvent(tx, { organizationId: row.organizationId, type: "proposal.expired", data: serializeProposal(row, modes.get(row.organizationId) ?? "live", at) });
      }
      return rows.length;
    });
    total += expired;
    if (expired < BATCH) return total;
  }
}
