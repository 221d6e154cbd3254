import PgBoss from "pg-boss";
import { databaseUrl } from "@/db";
import { log } from "@/lib/log";
import { jobs } from "./definitions";

// pg-boss on the application's PostgreSQL (schema `pgboss`). Any number of nodes may run
// workers: pg-boss hands each job to one of them, and schedules fire once per deployment.
const holder = globalThis as unknown as { __cicloBoss?: Promise<PgBoss> };

export function startWorkers(url = databaseUrl()): Promise<PgBoss> {
  holder.__cicloBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: url, max: 4, application_name: "ciclo-jobs" });
    boss.on("error", (error) => log.error("job queue error", { error }));
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name);
      await boss.schedule(job.name, job.cron, undefined, { tz: "UTC" });
      await boss.work(job.name, async () => {
        await job.run();
      });
    }
    log.info("job workers started", { queues: jobs.map((j) => j.name) });
    return boss;
  })();
  return holder.__cicloBoss;
}

export async function stopWorkers(): Promise<void> {
  const pending = holder.__cicloBoss;
  holder.__cicloBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true });
}
