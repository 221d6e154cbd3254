import * as acme from "acme-client";
import { and, eq, isNull, lte, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { certificates, customDomains, type Certificate, type CustomDomain } from "@/db/schema";
import { now } from "@/lib/clock";
import { issuanceTargetFor } from "@/lib/domains/guard";
import { log } from "@/lib/log";
import { renewalInfoUrl } from "./ari";
import { removeChallenges, storeChallenge } from "./challenges";
import { acmeClient, acmeSettings } from "./client";
import type { DomainRef } from "./queue";
import { saveCertificate } from "./store";

// One certificate order for one domain: guarded (verified domain, active organization), leased
// (one node orders per domain), never early (a valid certificate outside its renewal window is
// never re-ordered: CA rate limits), and retried after failures with backoff.
export type IssueOutcome =
  | { outcome: "issued"; certificate: Certificate }
  | { outcome: "refused"; reason: string }
  | { outcome: "not_due" }
  | { outcome: "busy" }
  | { outcome: "failed"; reason: string; nextAttemptAt: Date };

const LEASE_MS = 10 * 60_000;
const RETRY_DELAYS_MS = [60_000, 10 * 60_000, 100 * 60_000];
const DAY_MS = 24 * 60 * 60_000;

/** Wait after the n-th consecutive failure: 1 min, 10 min, 100 min, then daily. */
export function retryDelayMs(failures: number): number {
  return RETRY_DELAYS_MS[failures - 1] ?? DAY_MS;
}

/** The `acme.issue` job's body. */
export async function issueCertificate(db: DbOrTx, ref: DomainRef, at: Date = now()): Promise<IssueOutcome> {
  const domainScope = and(eq(customDomains.id, ref.domainId), eq(customDomains.organizationId, ref.organizationId));
  const [domain] = await db.select().from(customDomains).where(domainScope);
  if (!domain) return { outcome: "refused", reason: "no such domain in this organization (removed?)" };
  const target = await issuanceTargetFor(domain.hostname, db);
  if (!target || target.domainId !== domain.id) return { outcome: "refused", reason: "not a verified domain of an active organization" };

  // The lease first, then the checks: what another node did before the lease is seen here.
  const [claimed] = await db
    .update(customDomains)
    .set({ leaseExpiresAt: new Date(at.getTime() + LEASE_MS) })
    .where(and(domainScope, ne(customDomains.status, "pending"), or(isNull(customDomains.leaseExpiresAt), lte(customDomains.leaseExpiresAt, at))))
    .returning();
  if (!claimed) return { outcome: "busy" };

  const [current] = await db.select().from(certificates).where(and(eq(certificates.domainId, domain.id), eq(certificates.organizationId, domain.organizationId)));
  const hasValid = current !== undefined && current.notAfter > at;
  const renewalDue = !hasValid || current.renewAt <= at;
  const backingOff = claimed.nextAttemptAt !== null && claimed.nextAttemptAt > at;
  if (!renewalDue || backingOff) {
    await db.update(customDomains).set({ leaseExpiresAt: null }).where(domainScope);
    return { outcome: "not_due" };
  }
  await db.update(customDomains).set({ status: hasValid ? "active" : "issuing", updatedAt: at }).where(domainScope);

  try {
    const issued = await order(db, claimed, current?.ariCertId ?? null);
    const certificate = await saveCertificate(db, claimed, issued, at);
    if (!certificate) return { outcome: "refused", reason: "the domain was removed during the order" };
    log.info("certificate issued", { domainId: domain.id, hostname: domain.hostname, notAfter: certificate.notAfter });
    return { outcome: "issued", certificate };
  } catch (error) {
    const reason = describe(error);
    const failures = claimed.attemptCount + 1;
    const nextAttemptAt = new Date(at.getTime() + retryDelayMs(failures));
    await db
      .update(customDomains)
      .set({ status: hasValid ? "active" : "failed", failureReason: reason, attemptCount: failures, nextAttemptAt, leaseExpiresAt: null, updatedAt: at })
      .where(domainScope);
    log.warn("certificate order failed", { domainId: domain.id, hostname: domain.hostname, failures, nextAttemptAt, reason });
    return { outcome: "failed", reason, nextAttemptAt };
  } finally {
    await removeChallenges(db, { organizationId: domain.organizationId, domainId: domain.id }); // after a failure too
  }
}

/** The ACME conversation: order, HTTP-01 for each pending authorization, CSR, certificate. */
async function order(db: DbOrTx, domain: CustomDomain, replaces: string | null): Promise<{ chainPem: string; keyPem: string }> {
  const settings = acmeSettings();
  const client = await acmeClient(db, settings);
  const identifiers = [{ type: "dns", value: domain.hostname }];
  const ari = replaces ? await renewalInfoUrl(settings).catch(() => null) : null;
  let created: acme.Order;
  try {
    // RFC 9773 §5: name the certificate this one replaces, when the CA speaks ARI.
    created = await client.createOrder(ari ? ({ identifiers, replaces } as { identifiers: typeof identifiers }) : { identifiers });
  } catch (error) {
    if (!ari) throw error;
    created = await client.createOrder({ identifiers }); // e.g. alreadyReplaced: order plainly
  }

  for (const authz of await client.getAuthorizations(created)) {
    if (authz.status === "valid") continue;
    const challenge = authz.challenges.find((c) => c.type === "http-01");
    if (!challenge) throw new Error(`the CA offered no http-01 challenge for ${authz.identifier.value}`);
    const keyAuthorization = await client.getChallengeKeyAuthorization(challenge);
    await storeChallenge(db, { token: challenge.token, organizationId: domain.organizationId, domainId: domain.id, hostname: domain.hostname, keyAuthorization });
    await client.completeChallenge(challenge);
    await client.waitForValidStatus(challenge);
  }
  await removeChallenges(db, { organizationId: domain.organizationId, domainId: domain.id }); // answered: no longer served

  const key = await acme.crypto.createPrivateEcdsaKey("P-256");
  const [, csr] = await acme.crypto.createCsr({ commonName: domain.hostname, altNames: [domain.hostname] }, key);
  const finalized = await client.finalizeOrder(created, csr);
  const chainPem = await client.getCertificate(finalized);
  return { chainPem, keyPem: key.toString() };
}

/** What the admin is shown: the CA's problem detail, or the error's message, one line. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message || "unknown error").replace(/\s+/g, " ").slice(0, 500);
}
