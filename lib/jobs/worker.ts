import type PgBoss from "pg-boss";
import { databaseUrl } from "@/db";
import { log } from "@/lib/log";
import { getBoss, stopBoss } from "./boss";
import { jobs } from "./definitions";

// pg-boss workers on the application's PostgreSQL (schema `pgboss`). Any number of nodes may
// run them: pg-boss hands each job to one node, and schedules fire once per deployment.
const holder = globalThis as unknown as { __cicloWorkers?: Promise<PgBoss> };

export function startWorkers(url = databaseUrl()): Promise<PgBoss> {
  holder.__cicloWorkers ??= (async () => {
    const boss = await getBoss(url);
    for (const job of jobs) {
      if (job.cron) await boss.schedule(job.name, job.cron, undefined, { tz: "UTC" });
      await boss.work<Record<string, unknown>>(job.name, { batchSize: 1, pollingIntervalSeconds: job.pollSeconds ?? 2 }, async ([item]) => {
        await job.run(item?.data ?? {});
      });
    }
    log.info("job workers started", { queues: jobs.map((j) => j.name) });
    return boss;
  })();
  return holder.__cicloWorkers;
}

export async function stopWorkers(): Promise<void> {
  holder.__cicloWorkers = undefined;
  await stopBoss();
}
