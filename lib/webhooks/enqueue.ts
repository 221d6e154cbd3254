import { getBoss } from "@/lib/jobs/boss";
import { afterRequestSuccess } from "@/lib/request-context";

export const DELIVER_QUEUE = "webhooks.deliver";

/** Queues one attempt per delivery, now or at `startAfter`. */
export async function enqueueDeliveries(deliveryIds: string[], startAfter?: Date): Promise<void> {
  if (deliveryIds.length === 0) return;
  const boss = await getBoss();
  await boss.insert(deliveryIds.map((deliveryId) => ({ name: DELIVER_QUEUE, data: { deliveryId }, ...(startAfter && { startAfter }) })));
}

/** Inside an API request: enqueue once it has succeeded (committed). Elsewhere the sweeper finds them. */
export function enqueueAfterCommit(deliveryIds: string[]): void {
  if (deliveryIds.length > 0) afterRequestSuccess(() => enqueueDeliveries(deliveryIds));
}
