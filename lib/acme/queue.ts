import { getBoss } from "@/lib/jobs/boss";
import { afterRequestSuccess } from "@/lib/request-context";

// Issuance jobs: one per domain due for an order. Duplicates are harmless (the order takes a
// lease on the domain); the `acme.renew` sweep re-finds any domain whose job was lost.
export const ACME_ISSUE_QUEUE = "acme.issue";

/** A domain as a job names it: with its organization, which every query takes. */
export type DomainRef = { organizationId: string; domainId: string };

export async function enqueueIssuance(domains: DomainRef[]): Promise<void> {
  if (domains.length === 0) return;
  const boss = await getBoss();
  await boss.insert(domains.map((data) => ({ name: ACME_ISSUE_QUEUE, data })));
}

/** Inside an API request: once it has committed. Elsewhere: now. */
export async function enqueueIssuanceAfterCommit(domain: DomainRef): Promise<void> {
  if (!afterRequestSuccess(() => enqueueIssuance([domain]))) await enqueueIssuance([domain]);
}
