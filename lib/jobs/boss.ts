import PgBoss from "pg-boss";
import { databaseUrl } from "@/db";
import { log } from "@/lib/log";

// One pg-boss instance per process, shared by the workers and by code that only enqueues.
const holder = globalThis as unknown as { __cicloBoss?: Promise<PgBoss> };

export const QUEUES = [
  "request-logs.prune", "idempotency-keys.prune", "portal-tokens.prune", "webhooks.deliver", "webhooks.sweep",
  "proposals.expire",
  "subscriptions.renew", "payments.collect", "payments.sweep", "credits.expire", "invoices.finalize",
  "usage.sync",
  "email.deliver", "email.sweep", "email.upcoming-renewals",
  "domains.verify", "acme.issue", "acme.renew",
] as const;

export function getBoss(url = databaseUrl()): Promise<PgBoss> {
  holder.__cicloBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: url, max: 4, application_name: "ciclo-jobs" });
    boss.on("error", (error) => log.error("job queue error", { error }));
    await boss.start();
    for (const queue of QUEUES) await boss.createQueue(queue);
    return boss;
  })();
  return holder.__cicloBoss;
}

export async function stopBoss(): Promise<void> {
  const pending = holder.__cicloBoss;
  holder.__cicloBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true });
}
