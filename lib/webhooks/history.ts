import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { events, webhookDeliveries, type CicloEvent, type WebhookDelivery } from "@/db/schema";
import { notFound } from "@/lib/api/errors";
import { filterEq, listPage } from "@/lib/api/pagination";
import { enqueueAfterCommit } from "./enqueue";

// The event log and each endpoint's delivery log, with manual resend.
type Scope = { organizationId: string };

export async function listEvents(db: DbOrTx, scope: Scope, q: { limit: number; cursor?: string; type?: string }): Promise<CicloEvent[]> {
  return listPage(db, events, scope, [filterEq(events.type, q.type)], q);
}

export async function getEventOrThrow(db: DbOrTx, scope: Scope & { id: string }): Promise<CicloEvent> {
  const [row] = await db.select().from(events).where(and(eq(events.id, scope.id), eq(events.organizationId, scope.organizationId)));
  if (!row) throw notFound("event", scope.id);
  return row;
}

export async function listDeliveries(
  db: DbOrTx,
  scope: Scope & { endpointId: string },
  q: { limit: number; cursor?: string; status?: WebhookDelivery["status"] },
): Promise<WebhookDelivery[]> {
  return listPage(db, webhookDeliveries, scope, [eq(webhookDeliveries.endpointId, scope.endpointId), filterEq(webhookDeliveries.status, q.status)], q);
}

/** One more attempt now, whatever happened before (a delivered event is sent again on purpose). */
export async function resendDelivery(db: DbOrTx, scope: Scope & { id: string }): Promise<WebhookDelivery> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, scope.id), eq(webhookDeliveries.organizationId, scope.organizationId)))
    .returning();
  if (!row) throw notFound("webhook delivery", scope.id);
  enqueueAfterCommit([row.id]);
  return row;
}
