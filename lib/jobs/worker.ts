import type PgBoss from "pg-boss";
import { databaseUrl } from "@/db";
import { log } from "@/lib/log";
import { getBoss, stopBoss } from "./boss";
import { env } from "@/lib/env";
import { jobs, type JobDefinition } from "./definitions";

// pg-boss workers on the application's PostgreSQL (schema `pgboss`). Any number of nodes may
// run them: pg-boss hands each job to one node, and schedules fire once per deployment.
const holder = globalThis as unknown as { __cicloWorkers?: Promise<PgBoss> };

/** The jobs this node works: CICLO_WORKER_QUEUES's, or all; a name that is no job is an error. */
export function selectedJobs(queues: string | undefined = env().CICLO_WORKER_QUEUES): JobDefinition[] {
  if (!queues) return jobs;
  const names = queues.split(",");
  const unknown = names.filter((name) => !jobs.some((j) => j.name === name));
  if (unknown.length > 0) throw new Error(`CICLO_WORKER_QUEUES: no such job ${unknown.join(", ")} (jobs: ${jobs.map((j) => j.name).join(", ")})`);
  return jobs.filter((j) => names.includes(j.name));
}

export function startWorkers(url = databaseUrl()): Promise<PgBoss> {
  holder.__cicloWorkers ??= (async () => {
    const chosen = selectedJobs();
    const boss = await getBoss(url);
    for (const job of chosen) {
      if (job.cron) await boss.schedule(job.name, job.cron, undefined, { tz: "UTC" });
      await boss.work<Record<string, unknown>>(job.name, { batchSize: 1, pollingIntervalSeconds: job.pollSeconds ?? 2 }, async ([item]) => {
        await job.run(item?.data ?? {});
      });
    }
    log.info("job workers started", { queues: chosen.map((j) => j.name) });
    return boss;
  })();
  return holder.__cicloWorkers;
}

export async function stopWorkers(): Promise<void> {
  holder.__cicloWorkers = undefined;
  await stopBoss();
}
