import { z } from "zod";
import { DOMAIN_STATUSES } from "@/db/schema";
import { dnsRecordsFor } from "@/lib/domains/records";
import { createDomainInput, type DomainWithCertificate } from "@/lib/domains/service";
import { domainSettings } from "@/lib/domains/settings";
import { idParams } from "../fields";
import { defineOperation } from "../operation";
import { listEnvelope, listQueryShape } from "../pagination";
import { iso } from "../response";

const dnsRecord = z.object({
  type: z.enum(["TXT", "CNAME", "A"]),
  name: z.string(),
  value: z.string(),
  purpose: z.enum(["verification", "routing"]).meta({ description: "`verification` proves control; `routing` sends the host here (CNAME, or A at a zone apex)" }),
});

export const domainObject = z
  .object({
    id: z.uuid(),
    object: z.literal("domain"),
    livemode: z.boolean(),
    hostname: z.string(),
    status: z.enum(DOMAIN_STATUSES).meta({
      description: "pending (waiting for DNS) -> verified -> issuing -> active; failed when the certificate order failed (see failure_reason; retried)",
    }),
    dns_records: z.array(dnsRecord),
    verification: z.object({
      verified_at: z.iso.datetime().nullable(),
      last_checked_at: z.iso.datetime().nullable(),
      next_check_at: z.iso.datetime().nullable().meta({ description: "When DNS is checked again while pending; null once verified or after two weeks (verify re-arms it)" }),
      error: z.string().nullable().meta({ description: "What the last DNS check found wrong" }),
    }),
    certificate: z
      .object({ issuer: z.string(), not_before: z.iso.datetime(), not_after: z.iso.datetime(), renews_at: z.iso.datetime() })
      .nullable(),
    failure_reason: z.string().nullable().meta({ description: "Why the last certificate order failed (the CA's explanation)" }),
    next_attempt_at: z.iso.datetime().nullable().meta({ description: "When a failed order is retried (1 min, 10 min, 100 min, then daily)" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Domain" });

export function serializeDomain({ domain, certificate }: DomainWithCertificate, mode: "live" | "test"): z.output<typeof domainObject> {
  return {
    id: domain.id,
    object: "domain",
    livemode: mode === "live",
    hostname: domain.hostname,
    status: domain.status,
    dns_records: dnsRecordsFor(domain, domainSettings()),
    verification: {
      verified_at: iso(domain.verifiedAt),
      last_checked_at: iso(domain.lastCheckedAt),
      next_check_at: domain.status === "pending" ? iso(domain.nextCheckAt) : null,
      error: domain.status === "pending" ? domain.verificationError : null,
    },
    certificate: certificate
      ? { issuer: certificate.issuer, not_before: certificate.notBefore.toISOString(), not_after: certificate.notAfter.toISOString(), renews_at: certificate.renewAt.toISOString() }
      : null,
    failure_reason: domain.failureReason,
    next_attempt_at: domain.failureReason ? iso(domain.nextAttemptAt) : null,
    created_at: domain.createdAt.toISOString(),
    updated_at: domain.updatedAt.toISOString(),
  };
}

/** Last-Modified: the certificate changes on its own (renewal, ARI window) as well as the domain. */
export function domainLastModified({ domain, certificate }: DomainWithCertificate): Date {
  return certificate && certificate.updatedAt > domain.updatedAt ? certificate.updatedAt : domain.updatedAt;
}

const tag = "domains";
const read = "domains:read";
const write = "domains:write";
const resourceName = "domain";

export const domainOps = {
  create: defineOperation({
    operationId: "createDomain", method: "POST", path: "/domains", tag, summary: "Add a custom domain for the customer portal",
    description: "Returns the DNS records to create. Once the TXT and routing records are in place the domain is verified (automatically, or at once with verify) and its TLS certificate is issued.",
    scope: write, body: createDomainInput, response: domainObject, successStatus: 201,
  }),
  list: defineOperation({
    operationId: "listDomains", method: "GET", path: "/domains", tag, summary: "List custom domains",
    scope: read, query: z.strictObject({ ...listQueryShape }), response: listEnvelope(domainObject), list: true,
  }),
  retrieve: defineOperation({
    operationId: "retrieveDomain", method: "GET", path: "/domains/{id}", tag, summary: "Retrieve a custom domain",
    scope: read, params: idParams, response: domainObject, resourceName,
  }),
  delete: defineOperation({
    operationId: "deleteDomain", method: "DELETE", path: "/domains/{id}", tag, summary: "Remove a custom domain",
    description: "The portal stops answering on the host at once; its certificate is deleted.",
    scope: write, params: idParams, response: z.object({ id: z.uuid(), object: z.literal("domain"), deleted: z.literal(true) }), resourceName,
  }),
  verify: defineOperation({
    operationId: "verifyDomain", method: "POST", path: "/domains/{id}/verify", tag, summary: "Check a pending domain's DNS records now",
    description: "A domain that is no longer pending is returned unchanged. Automatic checks start over from every minute.",
    scope: write, params: idParams, response: domainObject, resourceName,
  }),
};
