import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { pruneRequestLogs } from "@/lib/api/request-log";
import { prunePortalTokens } from "@/lib/portal-auth/prune";
import { log } from "@/lib/log";
import { now } from "@/lib/clock";
import { expireProposals } from "@/lib/proposals/expire";
import { runRenewals } from "@/lib/billing-runs/renew";
import { expireCredits } from "@/lib/credits/service";
import { finalizeDueDrafts } from "@/lib/invoices/service";
import { collectInvoice, dueCollections } from "@/lib/payments/collect";
import { COLLECT_QUEUE, enqueueCollection } from "@/lib/payments/queue";
import { attemptDelivery, dueDeliveries } from "@/lib/webhooks/deliver";
import { DELIVER_QUEUE, enqueueDeliveries } from "@/lib/webhooks/enqueue";
import { syncUsageSnapshots } from "@/lib/usage/snapshots";
import { emailJobs } from "@/lib/email/jobs";
import { domainJobs } from "@/lib/domains/jobs";

// Every job: its queue, cron (UTC) when scheduled, and an idempotent body (running it twice
// changes nothing the second time).
export type JobDefinition = { name: string; cron?: string; pollSeconds?: number; run: (data: Record<string, unknown>) => Promise<void> };

export const jobs: JobDefinition[] = [
  {
    name: "request-logs.prune",
    cron: "15 3 * * *",
    run: async () => {
      const deleted = await pruneRequestLogs(getDb());
      log.info("pruned request logs older than 30 days", { deleted });
    },
  },
  {
    name: "idempotency-keys.prune",
    cron: "45 * * * *",
    run: async () => {
      const deleted = await pruneIdempotencyKeys(getDb());
      log.info("pruned idempotency keys older than 24 h", { deleted });
    },
  },
  {
    // Hourly: portal tokens and attempt-limit buckets expired more than a day ago, in bounded batches.
    name: "portal-tokens.prune",
    cron: "25 * * * *",
    run: async () => {
      const deleted = await prunePortalTokens(getDb(), now());
      if (deleted.portalTokens + deleted.attemptBuckets > 0) log.info("pruned portal tokens and attempt buckets expired over a day ago", deleted);
    },
  },
  {
    // One attempt; a failure schedules the next attempt itself (exponential, about 3 days).
    name: DELIVER_QUEUE,
    pollSeconds: 0.5, // webhooks should arrive within a second
    run: async (data) => {
      const outcome = await attemptDelivery(getDb(), String(data.deliveryId));
      if (outcome?.status === "pending" && outcome.nextAttemptAt) await enqueueDeliveries([String(data.deliveryId)], outcome.nextAttemptAt);
    },
  },
  {
    // Deliveries whose job was lost (a crash after commit, an event emitted outside a request).
    name: "webhooks.sweep",
    cron: "* * * * *",
    run: async () => {
      const due = await dueDeliveries(getDb(), new Date(Date.now() - 30_000));
      await enqueueDeliveries(due);
    },
  },
  {
    // Open proposals past valid_until -> expired, with a proposal.expired event each.
    name: "proposals.expire",
    cron: "5 * * * *",
    run: async () => {
      const expired = await expireProposals(getDb(), now());
      log.info("expired proposals past valid_until", { expired });
    },
  },
  {
    // Drafts whose auto_finalize_at has come: numbered, credited, collected.
    name: "invoices.finalize",
    cron: "* * * * *",
    run: async () => {
      const counts = await finalizeDueDrafts(getDb(), now());
      if (counts.finalized + counts.failed > 0) log.info("finalized drafts", counts);
    },
  },
  {
    // Renewals, scheduled starts, resume_at: each subscription in its own transaction, idempotent.
    name: "subscriptions.renew",
    cron: "* * * * *",
    run: async () => {
      const counts = await runRenewals(getDb(), now());
      if (counts.renewed + counts.started + counts.resumed + counts.canceled + counts.failed > 0) log.info("renewal run", counts);
    },
  },
  {
    // One collection attempt round for one invoice (card charged, backup on decline, dunning).
    name: COLLECT_QUEUE,
    pollSeconds: 1,
    run: async (data) => {
      const [row] = await dueCollectionsFor(String(data.invoiceId));
      if (row) await collectInvoice(getDb(), { organizationId: row.organization_id, mode: row.mode, invoiceId: row.id });
    },
  },
  {
    // Invoices whose next attempt is due (dunning retries) and attempts left processing by a crash.
    name: "payments.sweep",
    cron: "* * * * *",
    run: async () => {
      const due = await dueCollections(getDb(), now());
      await enqueueCollection(due.map((d) => d.id));
    },
  },
  {
    // Monthly: credits past expires_at with something left become `expired` (credit.expired).
    name: "credits.expire",
    cron: "30 4 1 * *",
    run: async () => {
      const expired = await expireCredits(getDb(), now());
      log.info("expired credits", { expired });
    },
  },
  {
    // Hourly: usage records -> daily and monthly snapshots, only what changed since the last run.
    name: "usage.sync",
    cron: "5 * * * *",
    run: async () => {
      const result = await syncUsageSnapshots(getDb(), { at: now() });
      log.info("usage snapshots synced", result);
    },
  },
  ...emailJobs, // email.deliver, email.sweep, email.upcoming-renewals (lib/email/jobs.ts)
  ...domainJobs, // domains.verify, acme.issue, acme.renew (lib/domains/jobs.ts)
];

/** The invoice's organization and mode, for a collection job that carries only its id. */
async function dueCollectionsFor(invoiceId: string) {
  return getDb().execute<{ id: string; organization_id: string; mode: "live" | "test" }>(sql`
    select i.id, i.organization_id, o.mode from invoices i join organizations o on o.id = i.organization_id where i.id = ${invoiceId}`);
}
