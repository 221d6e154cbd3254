import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { certificates, customDomains, type Certificate, type CustomDomain } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { issuanceTargetFor } from "@/lib/domains/guard";
import { notifyCertificateChanged } from "./certificate-events";
import { certificateFacts, defaultRenewAt } from "./certificate-info";

// Certificates at rest: the chain in the clear, the private key sealed (AES-256-GCM with a key
// derived from APP_SECRET for this purpose only). One row per domain, replaced on renewal.
export const TLS_KEY_PURPOSE = "tls-private-key";

/**
 * Stores a new certificate for the domain and marks it active, in one transaction. Null when
 * the domain was removed while the order ran (the certificate is then dropped).
 */
export async function saveCertificate(
  db: DbOrTx,
  domain: Pick<CustomDomain, "id" | "organizationId" | "hostname">,
  issued: { chainPem: string; keyPem: string },
  at: Date,
): Promise<Certificate | null> {
  const facts = certificateFacts(issued.chainPem);
  if (!facts.subjectAltNames.includes(domain.hostname)) throw new Error(`the CA issued a certificate for ${facts.subjectAltNames.join(", ")}, not ${domain.hostname}`);
  const values = {
    organizationId: domain.organizationId,
    domainId: domain.id,
    hostname: domain.hostname,
    certificatePem: issued.chainPem,
    privateKeySealed: seal(issued.keyPem, TLS_KEY_PURPOSE),
    issuer: facts.issuer,
    serialNumber: facts.serialNumber,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    renewAt: defaultRenewAt(facts.notBefore, facts.notAfter),
    ariCertId: facts.ariCertId,
    ariNextCheckAt: at, // ask the CA for its window at the next sweep
    updatedAt: at,
  };
  return db.transaction(async (tx) => {
    const scope = and(eq(customDomains.id, domain.id), eq(customDomains.organizationId, domain.organizationId));
    const [alive] = await tx.select({ id: customDomains.id }).from(customDomains).where(scope).for("update");
    if (!alive) return null;
    const [row] = await tx
      .insert(certificates)
      .values(values)
      .onConflictDoUpdate({ target: certificates.domainId, set: values })
      .returning();
    await tx
      .update(customDomains)
      .set({ status: "active", attemptCount: 0, failureReason: null, nextAttemptAt: null, leaseExpiresAt: null, updatedAt: at })
      .where(scope);
    await notifyCertificateChanged(tx, domain.hostname); // every node's TLS server reloads the host
    return row!;
  });
}

/**
 * The certificate and decrypted key to serve for a host (SNI), or null: only for a domain
 * that may still be served (verified, organization active) and a certificate not yet expired.
 */
export async function servingCertificateFor(
  hostname: string,
  db: DbOrTx,
  at: Date,
): Promise<{ certificatePem: string; privateKeyPem: string; notAfter: Date; serialNumber: string } | null> {
  const target = await issuanceTargetFor(hostname, db);
  if (!target) return null;
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.domainId, target.domainId), eq(certificates.organizationId, target.organizationId)));
  if (!row || row.notAfter <= at) return null;
  return { certificatePem: row.certificatePem, privateKeyPem: open(row.privateKeySealed, TLS_KEY_PURPOSE), notAfter: row.notAfter, serialNumber: row.serialNumber };
}
