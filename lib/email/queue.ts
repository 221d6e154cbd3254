import { getBoss } from "@/lib/jobs/boss";
import { afterRequestSuccess } from "@/lib/request-context";

// Delivery jobs: one per outbox row, now or at its retry time. Rows whose job was lost (queued
// outside an API request, a crash after commit) are found by the `email.sweep` cron.
export const EMAIL_DELIVER_QUEUE = "email.deliver";
export const EMAIL_SWEEP_QUEUE = "email.sweep";
export const EMAIL_RENEWALS_QUEUE = "email.upcoming-renewals";

export async function enqueueEmails(emailIds: string[], startAfter?: Date): Promise<void> {
  if (emailIds.length === 0) return;
  const boss = await getBoss();
  await boss.insert(emailIds.map((emailId) => ({ name: EMAIL_DELIVER_QUEUE, data: { emailId }, ...(startAfter && { startAfter }) })));
}

/** Inside an API request: enqueue once it has succeeded (committed); false elsewhere (the sweep delivers). */
export function deliverAfterCommit(emailIds: string[]): boolean {
  return emailIds.length > 0 && afterRequestSuccess(() => enqueueEmails(emailIds));
}
