import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ts, updatedAt } from "./columns";
import { organizations } from "./organizations";

// Custom domains of tenant portals and their TLS certificates (ACME). Private keys are sealed
// with lib/crypto/secret-box (AES-256-GCM, key derived from APP_SECRET), never stored in the clear.
const org = () => uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" });

export const DOMAIN_STATUSES = ["pending", "verified", "issuing", "active", "failed"] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

/**
 * Statuses in which the organization has proven (DNS TXT) that it controls the host: its portal
 * is served there, issuance may run, and no other organization may hold the same host.
 */
export const OWNED_DOMAIN_STATUSES = ["verified", "issuing", "active", "failed"] as const satisfies readonly DomainStatus[];

export const customDomains = pgTable(
  "custom_domains",
  {
    id: id(),
    organizationId: org(),
    hostname: text("hostname").notNull(), // lower-case, punycode, no trailing dot
    status: text("status", { enum: DOMAIN_STATUSES }).notNull().default("pending"),
    // The value of TXT _ciclo-challenge.<hostname> that proves control.
    verificationToken: text("verification_token").notNull(),
    verifiedAt: ts("verified_at"),
    // DNS re-checks while pending: when the last ran, what it found wrong, when the next is due
    // (null: no more automatic checks; POST /domains/:id/verify re-arms them).
    lastCheckedAt: ts("last_checked_at"),
    checkCount: integer("check_count").notNull().default(0),
    verificationError: text("verification_error"),
    nextCheckAt: ts("next_check_at"),
    // Issuance and renewal: consecutive failures, why the last attempt failed, when the next is due,
    // and the lease of the node currently ordering (one order per domain at a time).
    attemptCount: integer("attempt_count").notNull().default(0),
    failureReason: text("failure_reason"),
    nextAttemptAt: ts("next_attempt_at"),
    leaseExpiresAt: ts("lease_expires_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("custom_domains_org_hostname_key").on(t.organizationId, t.hostname),
    // Several organizations may claim a host; the first to prove control owns it.
    uniqueIndex("custom_domains_owned_hostname_key").on(t.hostname).where(sql`status <> 'pending'`),
    index("custom_domains_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("custom_domains_next_check_idx").on(t.nextCheckAt).where(sql`status = 'pending'`),
    check("custom_domains_hostname_format", sql`${t.hostname} ~ '^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$'`),
    check("custom_domains_attempt_count", sql`${t.attemptCount} >= 0 and ${t.checkCount} >= 0`),
  ],
);

/** The deployment's ACME account, one per directory URL (switching CA creates another). */
export const acmeAccounts = pgTable(
  "acme_accounts",
  {
    id: id(),
    directoryUrl: text("directory_url").notNull(),
    accountUrl: text("account_url"), // null until the CA has registered the key
    privateKeySealed: text("private_key_sealed").notNull(),
    contactEmail: text("contact_email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("acme_accounts_directory_url_key").on(t.directoryUrl)],
);

/** HTTP-01 answers of orders in flight: any node serves /.well-known/acme-challenge/:token from here. */
export const acmeChallenges = pgTable(
  "acme_challenges",
  {
    token: text("token").primaryKey(),
    organizationId: org(),
    domainId: uuid("domain_id").notNull().references(() => customDomains.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    keyAuthorization: text("key_authorization").notNull(),
    expiresAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("acme_challenges_domain_idx").on(t.domainId), index("acme_challenges_org_created_idx").on(t.organizationId, t.createdAt)],
);

/** The current certificate of a domain (replaced in place on renewal; deleted with the domain). */
export const certificates = pgTable(
  "certificates",
  {
    id: id(),
    organizationId: org(),
    domainId: uuid("domain_id").notNull().references(() => customDomains.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    certificatePem: text("certificate_pem").notNull(), // leaf first, then the intermediates
    privateKeySealed: text("private_key_sealed").notNull(),
    issuer: text("issuer").notNull(),
    serialNumber: text("serial_number").notNull(),
    notBefore: ts("not_before").notNull(),
    notAfter: ts("not_after").notNull(),
    // When renewal is due: a third of the lifetime before expiry, or inside the CA's ARI window.
    renewAt: ts("renew_at").notNull(),
    // RFC 9773: this certificate's identifier at the CA and when to ask for its window again.
    ariCertId: text("ari_cert_id"),
    ariNextCheckAt: ts("ari_next_check_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("certificates_domain_key").on(t.domainId),
    index("certificates_hostname_idx").on(t.hostname),
    index("certificates_renew_at_idx").on(t.renewAt),
    // The every-minute ARI sweep (lib/acme/renew.ts refreshRenewalWindows) reads only due checks.
    index("certificates_ari_next_check_idx").on(t.ariNextCheckAt).where(sql`ari_cert_id is not null`),
    index("certificates_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("certificates_validity", sql`${t.notAfter} > ${t.notBefore}`),
  ],
);

export type CustomDomain = typeof customDomains.$inferSelect;
export type AcmeAccount = typeof acmeAccounts.$inferSelect;
export type Certificate = typeof certificates.$inferSelect;
