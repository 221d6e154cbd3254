import { and, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db";
import { customDomains, organizations, OWNED_DOMAIN_STATUSES } from "@/db/schema";
import { normalizeHost } from "@/lib/tenancy/host";

// The abuse guard in front of every certificate order (and the TLS server's "ask" for a name
// it has no certificate for): a CA is only ever asked about a host that an active organization
// has proven, in DNS, to control. Deliberately looked up by host name across organizations.
export const liveOrganizations = alias(organizations, "live_organizations");

/**
 * The guard's rule, for queries that join `organizations` on the domain's organization and
 * `liveOrganizations` (left join) on its live organization: owned (verified or later), and the
 * organization active; a sandbox is only as active as its live organization.
 */
export const servableDomainCondition = () =>
  and(
    inArray(customDomains.status, [...OWNED_DOMAIN_STATUSES]),
    eq(organizations.status, "active"),
    or(eq(organizations.mode, "live"), eq(liveOrganizations.status, "active")),
  );

export type IssuanceTarget = { domainId: string; organizationId: string; hostname: string };

/** The domain a certificate may be ordered for, or null (unknown, unverified, suspended organization). */
export async function issuanceTargetFor(hostname: string, db: DbOrTx = getDb()): Promise<IssuanceTarget | null> {
  const host = normalizeHost(hostname);
  if (!host) return null;
  const [row] = await db
    .select({ domainId: customDomains.id, organizationId: customDomains.organizationId, hostname: customDomains.hostname })
    .from(customDomains)
    .innerJoin(organizations, eq(organizations.id, customDomains.organizationId))
    .leftJoin(liveOrganizations, eq(liveOrganizations.id, organizations.liveOrganizationId))
    .where(and(eq(customDomains.hostname, host), servableDomainCondition()))
    .limit(1);
  return row ?? null;
}

export async function mayIssueFor(hostname: string, db: DbOrTx = getDb()): Promise<boolean> {
  return (await issuanceTargetFor(hostname, db)) !== null;
}
