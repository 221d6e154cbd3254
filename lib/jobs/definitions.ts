import { getDb } from "@/db";
import { pruneIdempotencyKeys } from "@/lib/api/idempotency";
import { pruneRequestLogs } from "@/lib/api/request-log";
import { log } from "@/lib/log";

// Every scheduled job: its queue, cron (UTC) and an idempotent body (running it twice
// changes nothing the second time).
export type JobDefinition = { name: string; cron: string; run: () => Promise<void> };

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
];
