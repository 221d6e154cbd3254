import { randomBytes } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { isUniqueViolation } from "@/db/errors";
import { certificates, customDomains, organizations, type Certificate, type CustomDomain } from "@/db/schema";
import { notifyCertificateChanged } from "@/lib/acme/certificate-events";
import { ApiError, invalid, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { checkCustomHostname } from "./hostname";
import { domainSettings } from "./settings";

// A merchant's custom domains: add (validated, limited per organization), read, remove.
// Every query names the organization; an id of another organization is a 404.
export type DomainWithCertificate = { domain: CustomDomain; certificate: Certificate | null };
type Scope = { organizationId: string };

export const createDomainInput = z.strictObject({
  hostname: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(253, "must be at most 253 characters")
    .meta({ description: "The host your customers will visit, such as billing.example.com (Unicode names are stored as punycode)", examples: ["billing.example.com"] }),
});

const byId = (organizationId: string, id: string) => and(eq(customDomains.id, id), eq(customDomains.organizationId, organizationId));

export async function addDomain(db: DbOrTx, scope: Scope, input: z.output<typeof createDomainInput>): Promise<DomainWithCertificate> {
  const checked = checkCustomHostname(input.hostname, env().ROOT_DOMAIN);
  if (!checked.ok) throw invalid("hostname", checked.message);
  const { hostname } = checked;
  const limit = domainSettings().perOrganizationLimit;

  try {
    return await db.transaction(async (tx) => {
      // Serializes this organization's additions, so that the count and the insert agree. NO KEY
      // UPDATE: it does not block the key-share locks of inserts into the organization's other tables.
      await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, scope.organizationId)).for("no key update");
      const [{ count }] = (await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(customDomains)
        .where(eq(customDomains.organizationId, scope.organizationId))) as [{ count: number }];
      if (count >= limit) throw invalid("hostname", `this organization already has ${count} custom domains, the most allowed (${limit}); remove one first`);

      const [owned] = await tx
        .select({ id: customDomains.id })
        .from(customDomains)
        .where(and(eq(customDomains.hostname, hostname), ne(customDomains.status, "pending"), ne(customDomains.organizationId, scope.organizationId)))
        .limit(1);
      if (owned) throw new ApiError("resource_conflict", `Invalid hostname: ${hostname} is already in use by another organization`, { param: "hostname" });

      const [row] = await tx
        .insert(customDomains)
        .values({ organizationId: scope.organizationId, hostname, verificationToken: randomBytes(24).toString("base64url"), nextCheckAt: now() })
        .returning();
      return { domain: row!, certificate: null };
    });
  } catch (error) {
    if (isUniqueViolation(error, "custom_domains_org_hostname_key")) {
      throw new ApiError("resource_conflict", `Invalid hostname: ${hostname} has already been added`, { param: "hostname" });
    }
    throw error;
  }
}

export async function getDomainOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<DomainWithCertificate> {
  const [row] = await db
    .select({ domain: customDomains, certificate: certificates })
    .from(customDomains)
    .leftJoin(certificates, and(eq(certificates.domainId, customDomains.id), eq(certificates.organizationId, scope.organizationId)))
    .where(byId(scope.organizationId, scope.id));
  if (!row) throw notFound("domain", scope.id);
  return row;
}

export async function listDomains(db: DbOrTx, scope: Scope, q: { limit: number; cursor?: string }) {
  const rows = await listPage(db, customDomains, scope, [], q);
  const ids = rows.map((r) => r.id);
  const certs = ids.length
    ? await db.select().from(certificates).where(and(eq(certificates.organizationId, scope.organizationId), inArray(certificates.domainId, ids)))
    : [];
  const byDomain = new Map(certs.map((c) => [c.domainId, c]));
  return rows.map((domain) => ({ domain, certificate: byDomain.get(domain.id) ?? null, createdAt: domain.createdAt, id: domain.id }));
}

/** Removing a domain stops serving it at once; its certificate and pending challenges go with it. */
export async function deleteDomain(db: DbOrTx, scope: Scope & { id: string }): Promise<{ id: string }> {
  const [row] = await db
    .delete(customDomains)
    .where(byId(scope.organizationId, scope.id))
    .returning({ id: customDomains.id, hostname: customDomains.hostname });
  if (!row) throw notFound("domain", scope.id);
  await notifyCertificateChanged(db, row.hostname); // every node's TLS server drops the host
  return { id: row.id };
}
