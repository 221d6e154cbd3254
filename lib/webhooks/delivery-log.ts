import { and, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { events, webhookDeliveries, type CicloEvent, type WebhookDelivery } from "@/db/schema";
import { afterCursor, encodeCursor, listOrder } from "@/lib/api/pagination";

// An endpoint's delivery log with each delivery's event (the admin's payload viewer), newest
// first, cursor-paginated. The organization is a required part of every condition.
export type DeliveryWithEvent = { delivery: WebhookDelivery; event: Pick<CicloEvent, "id" | "type" | "data" | "createdAt"> };

export async function listDeliveryLog(
  db: DbOrTx,
  scope: { organizationId: string; endpointId: string },
  q: { limit: number; cursor?: string },
): Promise<{ rows: DeliveryWithEvent[]; nextCursor: string | null }> {
  const filters: SQL[] = [eq(webhookDeliveries.organizationId, scope.organizationId), eq(webhookDeliveries.endpointId, scope.endpointId)];
  const cursor = afterCursor(webhookDeliveries, q.cursor);
  if (cursor) filters.push(cursor);
  const rows = await db
    .select({ delivery: webhookDeliveries, event: { id: events.id, type: events.type, data: events.data, createdAt: events.createdAt } })
    .from(webhookDeliveries)
    .innerJoin(events, and(eq(events.id, webhookDeliveries.eventId), eq(events.organizationId, scope.organizationId)))
    .where(and(...filters))
    .orderBy(...listOrder(webhookDeliveries))
    .limit(q.limit + 1);
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, nextCursor: hasMore && last ? encodeCursor(last.delivery) : null };
}

/** The body Ciclo POSTs for an event (the same shape deliver.ts sends). */
export function eventPayload(event: DeliveryWithEvent["event"]): string {
  return JSON.stringify({ id: event.id, object: "event", type: event.type, created_at: event.createdAt.toISOString(), data: { object: event.data } }, null, 2);
}
