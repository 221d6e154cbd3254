import { getDb } from "@/db";
import { issueCertificate } from "@/lib/acme/issue";
import { ACME_ISSUE_QUEUE, enqueueIssuance } from "@/lib/acme/queue";
import { domainsDueForOrder, refreshRenewalWindows } from "@/lib/acme/renew";
import { now } from "@/lib/clock";
import type { JobDefinition } from "@/lib/jobs/definitions";
import { log } from "@/lib/log";
import { recheckPendingDomains } from "./verify";

export const DOMAINS_VERIFY_QUEUE = "domains.verify";
export const ACME_RENEW_QUEUE = "acme.renew";

// The custom-domain jobs (listed in lib/jobs/definitions.ts): DNS re-checks of pending domains,
// one certificate order per domain, and the sweep that finds orders due (first certificate,
// renewal window, retry after a failure) and refreshes ARI windows.
export const domainJobs: JobDefinition[] = [
  {
    name: DOMAINS_VERIFY_QUEUE,
    cron: "* * * * *",
    run: async () => {
      const counts = await recheckPendingDomains(getDb(), now());
      if (counts.checked > 0) log.info("pending domains checked", counts);
    },
  },
  {
    // Guarded, leased and idempotent: a duplicate job finds the lease taken or nothing due.
    name: ACME_ISSUE_QUEUE,
    pollSeconds: 1,
    run: async (data) => {
      const result = await issueCertificate(getDb(), { organizationId: String(data.organizationId), domainId: String(data.domainId) }, now());
      if (result.outcome === "refused") log.warn("certificate order refused", { domainId: data.domainId, reason: result.reason });
    },
  },
  {
    name: ACME_RENEW_QUEUE,
    cron: "* * * * *",
    run: async () => {
      const at = now();
      await refreshRenewalWindows(getDb(), at);
      await enqueueIssuance(await domainsDueForOrder(getDb(), at));
    },
  },
];
