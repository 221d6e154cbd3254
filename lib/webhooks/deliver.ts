import { and, eq, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { events, webhookDeliveries, webhookEndpoints, type WebhookDelivery } from "@/db/schema";
import { open } from "@/lib/crypto/secret-box";
import { log } from "@/lib/log";
import { signPayload, SIGNATURE_HEADER } from "./signature";

// One delivery attempt: POST the event, signed, to the endpoint; 2xx within 10 s is success.
// Failures are retried on an exponential schedule over about 3 days, then marked failed.
export const RETRY_SCHEDULE_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600, 12 * 3600, 12 * 3600, 12 * 3600];
export const TIMEOUT_MS = 10_000;

export type AttemptOutcome = { status: WebhookDelivery["status"]; nextAttemptAt: Date | null; statusCode: number | null; error: string | null };

/** How long a claimed attempt holds its delivery (longer than the request timeout). */
const LEASE_MS = 60_000;

/**
 * Attempts a delivery if it is pending and due. The attempt is claimed first by moving
 * next_attempt_at a lease ahead (two workers never send the same attempt; a crashed worker's
 * claim simply expires), the request is made outside any transaction, then the outcome is
 * recorded. A delivery that succeeded or failed for good is left alone: the job is idempotent.
 */
export async function attemptDelivery(db: DbOrTx, deliveryId: string, now = new Date()): Promise<AttemptOutcome | null> {
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .returning();
  if (!claimed) return null;
  const [row] = await db
    .select({ endpoint: webhookEndpoints, event: events })
    .from(webhookEndpoints)
    .innerJoin(events, eq(events.id, claimed.eventId))
    .where(and(eq(webhookEndpoints.id, claimed.endpointId), eq(webhookEndpoints.organizationId, claimed.organizationId)));
  if (!row) return null;
  const { endpoint, event } = row;

  const body = JSON.stringify({
    id: event.id,
    object: "event",
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: { object: event.data },
  });
  let statusCode: number | null = null;
  let error: string | null = null;
  let responseBody: string | null = null;
  try {
    const secret = open(endpoint.secretCiphertext, "webhook-secret");
    const res = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Ciclo-Webhooks/1.0",
        [SIGNATURE_HEADER]: signPayload(secret, body, Math.floor(now.getTime() / 1000)),
        "Ciclo-Event-Id": event.id,
        "Ciclo-Event-Type": event.type,
        "Ciclo-Delivery-Id": claimed.id,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    statusCode = res.status;
    responseBody = (await res.text().catch(() => "")).slice(0, 2000);
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "request failed";
  }

  const attempts = claimed.attemptCount + 1;
  const wait = RETRY_SCHEDULE_SECONDS[attempts - 1];
  const outcome: AttemptOutcome =
    error === null
      ? { status: "succeeded", nextAttemptAt: null, statusCode, error }
      : wait === undefined
        ? { status: "failed", nextAttemptAt: null, statusCode, error }
        : { status: "pending", nextAttemptAt: new Date(now.getTime() + wait * 1000), statusCode, error };
  await db
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      attemptCount: attempts,
      nextAttemptAt: outcome.nextAttemptAt,
      lastStatusCode: statusCode,
      lastError: error,
      lastResponseBody: responseBody,
      deliveredAt: outcome.status === "succeeded" ? now : null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookDeliveries.id, claimed.id), eq(webhookDeliveries.attemptCount, claimed.attemptCount)));
  if (error) log.warn("webhook delivery failed", { delivery_id: claimed.id, attempt: attempts, error, next_attempt_at: outcome.nextAttemptAt });
  return outcome;
}

/** Pending deliveries whose time has come (the sweeper enqueues them; also covers lost jobs). */
export async function dueDeliveries(db: DbOrTx, now = new Date(), limit = 500): Promise<string[]> {
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
