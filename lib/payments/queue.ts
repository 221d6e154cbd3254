import { getBoss } from "@/lib/jobs/boss";
import { afterRequestSuccess } from "@/lib/request-context";

// Collection jobs: one per invoice due for a payment attempt. The `payments.sweep` cron finds
// invoices whose job was lost (a crash after commit, a finalization outside a request).
export const COLLECT_QUEUE = "payments.collect";

export async function enqueueCollection(invoiceIds: string[], startAfter?: Date): Promise<void> {
  if (invoiceIds.length === 0) return;
  const boss = await getBoss();
  await boss.insert(invoiceIds.map((invoiceId) => ({ name: COLLECT_QUEUE, data: { invoiceId }, ...(startAfter && { startAfter }) })));
}

/** Inside an API request: enqueue once the request has succeeded (committed). */
export function collectAfterCommit(invoiceId: string): void {
  afterRequestSuccess(() => enqueueCollection([invoiceId]));
}
