import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { customDomains, organizations, type CustomDomain } from "@/db/schema";
import { enqueueIssuanceAfterCommit } from "@/lib/acme/queue";
import { notFound } from "@/lib/api/errors";
import { checkDomainDns, type DnsCheck } from "./dns";
import { domainSettings, type DomainSettings } from "./settings";

// Pending domains are checked in DNS on a schedule (1 min, doubling up to hourly, for about two
// weeks) and on demand. A domain whose TXT token and A/CNAME record are right becomes verified
// and is queued for its certificate; the first organization to prove control of a host owns it.
const MAX_INTERVAL_MS = 60 * 60_000;
/** About 14 days of checks (7 short, then hourly); after that only a manual check re-arms them. */
export const MAX_AUTOMATIC_CHECKS = 7 + 14 * 24;

export function nextCheckDelayMs(checkCount: number): number {
  return Math.min(60_000 * 2 ** Math.min(checkCount, 10), MAX_INTERVAL_MS);
}

/** POST /domains/:id/verify: check now; automatic checks start over from the shortest interval. */
export async function verifyDomainNow(db: DbOrTx, scope: { organizationId: string; id: string }, at: Date): Promise<CustomDomain> {
  const [domain] = await db.select().from(customDomains).where(and(eq(customDomains.id, scope.id), eq(customDomains.organizationId, scope.organizationId)));
  if (!domain) throw notFound("domain", scope.id);
  if (domain.status !== "pending") return domain;
  const result = await checkDomainDns(domain.hostname, domain.verificationToken, domainSettings());
  return recordCheck(db, domain, result, at, 0);
}

async function recordCheck(db: DbOrTx, domain: CustomDomain, result: DnsCheck, at: Date, checkCount: number): Promise<CustomDomain> {
  const scope = and(eq(customDomains.id, domain.id), eq(customDomains.organizationId, domain.organizationId), eq(customDomains.status, "pending"));
  if (result.verified) {
    try {
      // A savepoint: losing the race for the host must not abort the caller's transaction.
      const [verified] = await db.transaction((tx) =>
        tx
          .update(customDomains)
          .set({ status: "verified", verifiedAt: at, lastCheckedAt: at, verificationError: null, nextCheckAt: null, nextAttemptAt: at, attemptCount: 0, updatedAt: at })
          .where(scope)
          .returning(),
      );
      if (!verified) return domain; // removed or verified meanwhile
      await enqueueIssuanceAfterCommit({ organizationId: verified.organizationId, domainId: verified.id });
      return verified;
    } catch (error) {
      if (!isUniqueViolation(error, "custom_domains_owned_hostname_key")) throw error;
      result = { verified: false, reason: `${domain.hostname} is already in use by another organization` };
    }
  }
  const next = checkCount >= MAX_AUTOMATIC_CHECKS ? null : new Date(at.getTime() + nextCheckDelayMs(checkCount));
  const [row] = await db
    .update(customDomains)
    .set({ lastCheckedAt: at, verificationError: result.reason, checkCount, nextCheckAt: next, updatedAt: at })
    .where(scope)
    .returning();
  return row ?? domain;
}

/** The scheduled re-check: pending domains of active organizations whose next check is due. */
export async function recheckPendingDomains(db: DbOrTx, at: Date, settings: DomainSettings = domainSettings()) {
  const due = await db
    .select({ domain: customDomains })
    .from(customDomains)
    .innerJoin(organizations, eq(organizations.id, customDomains.organizationId))
    .where(and(eq(customDomains.status, "pending"), isNotNull(customDomains.nextCheckAt), lte(customDomains.nextCheckAt, at), eq(organizations.status, "active")))
    .orderBy(asc(customDomains.nextCheckAt))
    .limit(200);
  const counts = { checked: 0, verified: 0 };
  // A few lookups at a time: each may wait on a slow DNS server for seconds.
  for (let i = 0; i < due.length; i += 10) {
    await Promise.all(
      due.slice(i, i + 10).map(async ({ domain }) => {
        const result = await checkDomainDns(domain.hostname, domain.verificationToken, settings);
        const row = await recordCheck(db, domain, result, at, domain.checkCount + 1);
        counts.checked++;
        if (row.status === "verified") counts.verified++;
      }),
    );
  }
  return counts;
}
