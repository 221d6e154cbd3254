import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { subscriptionItems, subscriptions, subscriptionVersions, type Subscription, type SubscriptionItem } from "@/db/schema";
import { ApiError, notFound } from "@/lib/api/errors";
import { listPage } from "@/lib/api/pagination";

export type SubscriptionWithItems = Subscription & { items: SubscriptionItem[] };
/** Who changes a subscription: the tenant, its mode (for event payloads) and the actor recorded in versions. */
export type SubscriptionWriter = { organizationId: string; mode: "live" | "test"; actor: string };
type Scope = { organizationId: string };

export async function getSubscriptionOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<SubscriptionWithItems> {
  const query = db.select().from(subscriptions).where(and(eq(subscriptions.id, scope.id), eq(subscriptions.organizationId, scope.organizationId)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("subscription", scope.id);
  const items = await db
    .select()
    .from(subscriptionItems)
    .where(and(eq(subscriptionItems.organizationId, scope.organizationId), eq(subscriptionItems.subscriptionId, row.id)))
    .orderBy(asc(subscriptionItems.createdAt), asc(subscriptionItems.id));
  return { ...row, items };
}

/**
 * Records the subscription as it now is (after a change in the same transaction): bumps its
 * version and stores the full snapshot with the reason and who did it.
 */
export async function writeVersion(db: DbOrTx, scope: Scope & { id: string }, reason: string, actor: string): Promise<SubscriptionWithItems> {
  const [bumped] = await db
    .update(subscriptions)
    .set({ version: sql`${subscriptions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(subscriptions.id, scope.id), eq(subscriptions.organizationId, scope.organizationId)))
    .returning({ version: subscriptions.version });
  if (!bumped) throw notFound("subscription", scope.id);
  const current = await getSubscriptionOrThrow(db, scope);
  await db.insert(subscriptionVersions).values({
    organizationId: scope.organizationId,
    subscriptionId: scope.id,
    version: bumped.version,
    reason,
    actor,
    snapshot: JSON.parse(JSON.stringify(current)) as Record<string, unknown>,
  });
  return current;
}

export async function listVersions(db: DbOrTx, scope: Scope & { subscriptionId: string }, q: { limit: number; cursor?: string }) {
  return listPage(db, subscriptionVersions, scope, [eq(subscriptionVersions.subscriptionId, scope.subscriptionId)], q);
}

/** Refuses a change on a subscription in a state that does not allow it (409 naming the state). */
export function assertStatus(sub: Subscription, allowed: Subscription["status"][], action: string): void {
  if (!allowed.includes(sub.status)) {
    throw new ApiError("resource_conflict", `Cannot ${action} a subscription that is ${sub.status}`, { param: "status" });
  }
}
