import { and, eq, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { certificates, customDomains, organizations } from "@/db/schema";
import { liveOrganizations, servableDomainCondition } from "@/lib/domains/guard";
import { log } from "@/lib/log";
import { fetchRenewalInfo, pickRenewalTime, renewalInfoUrl } from "./ari";
import { acmeSettings, type AcmeSettings } from "./client";
import type { DomainRef } from "./queue";

// The renewal sweep: which domains need an order now (first certificate, renewal window
// reached, retry due, a crashed order's lease expired), and the CA's ARI windows refreshed.
const HOUR_MS = 60 * 60_000;

export async function domainsDueForOrder(db: DbOrTx, at: Date, limit = 500): Promise<DomainRef[]> {
  return db
    .select({ organizationId: customDomains.organizationId, domainId: customDomains.id })
    .from(customDomains)
    .innerJoin(organizations, eq(organizations.id, customDomains.organizationId))
    .leftJoin(liveOrganizations, eq(liveOrganizations.id, organizations.liveOrganizationId))
    .leftJoin(certificates, and(eq(certificates.domainId, customDomains.id), eq(certificates.organizationId, customDomains.organizationId)))
    .where(
      and(
        servableDomainCondition(), // the issuance guard's rule: owned, organization active
        or(isNull(customDomains.leaseExpiresAt), lte(customDomains.leaseExpiresAt, at)),
        or(isNull(customDomains.nextAttemptAt), lte(customDomains.nextAttemptAt, at)),
        or(isNull(certificates.id), lte(certificates.renewAt, at), lte(certificates.notAfter, at)),
      ),
    )
    .limit(limit);
}

/**
 * RFC 9773: for certificates whose check is due, ask the CA for its suggested window and renew
 * at a random moment inside it (at once when it has passed: e.g. a revocation is coming).
 * Without ARI at the CA, the default (a third of the lifetime left) stands.
 */
export async function refreshRenewalWindows(db: DbOrTx, at: Date, settings: AcmeSettings = acmeSettings()): Promise<number> {
  const due = await db
    .select()
    .from(certificates)
    .where(and(isNotNull(certificates.ariCertId), lte(certificates.ariNextCheckAt, at)))
    .limit(50);
  if (due.length === 0) return 0;
  const base = await renewalInfoUrl(settings).catch((error: unknown) => {
    log.warn("ACME directory unreachable for renewalInfo", { error });
    return null;
  });
  let updated = 0;
  for (const cert of due) {
    const scope = and(eq(certificates.id, cert.id), eq(certificates.organizationId, cert.organizationId));
    if (!base) {
      await db.update(certificates).set({ ariNextCheckAt: new Date(at.getTime() + 24 * HOUR_MS) }).where(scope);
      continue;
    }
    try {
      const info = await fetchRenewalInfo(base, cert.ariCertId!);
      const renewAt = new Date(Math.min(pickRenewalTime(info, at).getTime(), cert.notAfter.getTime()));
      await db.update(certificates).set({ renewAt, ariNextCheckAt: new Date(at.getTime() + info.retryAfterSeconds * 1000), updatedAt: at }).where(scope);
      updated++;
    } catch (error) {
      log.warn("renewalInfo request failed", { hostname: cert.hostname, error });
      await db.update(certificates).set({ ariNextCheckAt: new Date(at.getTime() + HOUR_MS) }).where(scope);
    }
  }
  return updated;
}
