import { randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import { takeAfterSuccessTasks, withRequestContext } from "@/lib/request-context";

/**
 * Runs a service outside the API the way the API wrapper does (lib/api/handler.ts): what it
 * queued to run after commit (emails, webhook deliveries, collections, ACME orders) is handed to
 * the job queue once `fn` has returned. `succeeded` says whether the result counts as success;
 * when it does not, the queued work is dropped (its transaction rolled back).
 */
export async function withAfterCommit<T>(fn: () => Promise<T>, succeeded: (result: T) => boolean = () => true): Promise<T> {
  return withRequestContext(randomUUID(), async () => {
    const result = await fn();
    const tasks = takeAfterSuccessTasks();
    if (succeeded(result)) for (const task of tasks) task().catch((error: unknown) => log.error("after-commit task failed", { error }));
    return result;
  });
}
