import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { events } from "@/db/schema";
import { enqueueAfterCommit } from "./enqueue";
import type { EventType } from "./event-types";

/**
 * Records an event and one pending delivery per enabled endpoint that wants it. Call it with
 * the transaction that makes the change: the event exists exactly when the change does
 * (outbox). Delivery jobs pick the rows up (see deliver.ts and the sweeper).
 */
export async function emitEvent(db: DbOrTx, input: { organizationId: string; type: EventType; data: Record<string, unknown> }) {
  const [event] = await db.insert(events).values({ organizationId: input.organizationId, type: input.type, data: input.data }).returning();
  const deliveries = await db.execute<{ id: string }>(sql`
    insert into webhook_deliveries (organization_id, endpoint_id, event_id)
    select organization_id, id, ${event!.id}::uuid from webhook_endpoints
    where organization_id = ${input.organizationId} and status = 'enabled'
      and (events @> array['*']::text[] or events @> array[${input.type}]::text[])
    returning id`);
  const deliveryIds = deliveries.map((d) => d.id);
  enqueueAfterCommit(deliveryIds);
  return { event: event!, deliveryIds };
}
