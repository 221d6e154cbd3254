import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { subscriptionItems, subscriptions, type Subscription } from "@/db/schema";
import { filterEq, listPage } from "@/lib/api/pagination";
import { accountMatches } from "@/lib/billing-accounts/search";
import { isUuid } from "@/lib/uuid";
import type { SubscriptionWithItems } from "./versions";

export type SubscriptionFilters = {
  limit: number; cursor?: string; billing_account_id?: string; plan_id?: string; status?: Subscription["status"];
  /** The admin's search: the subscription's id or its customer (accountMatches). */
  search?: string;
};

function subscriptionSearch(organizationId: string, search: string) {
  const text = search.trim();
  return or(isUuid(text) ? eq(subscriptions.id, text) : undefined, accountMatches(subscriptions.billingAccountId, organizationId, text));
}

export async function listSubscriptions(db: DbOrTx, scope: { organizationId: string }, f: SubscriptionFilters): Promise<SubscriptionWithItems[]> {
  const rows = await listPage(db, subscriptions, scope, [filterEq(subscriptions.billingAccountId, f.billing_account_id), filterEq(subscriptions.planId, f.plan_id), filterEq(subscriptions.status, f.status),
    f.search?.trim() ? subscriptionSearch(scope.organizationId, f.search) : undefined,
  ], f);
  return withItems(db, scope, rows);
}

/** Subscriptions of the organization with their items (one query for all of them), in their order. */
export async function withItems(db: DbOrTx, scope: { organizationId: string }, rows: Subscription[]): Promise<SubscriptionWithItems[]> {
  const items = rows.length
    ? await db
        .select()
        .from(subscriptionItems)
        .where(and(eq(subscriptionItems.organizationId, scope.organizationId), inArray(subscriptionItems.subscriptionId, rows.map((r) => r.id))))
        .orderBy(asc(subscriptionItems.createdAt), asc(subscriptionItems.id))
    : [];
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.subscriptionId === r.id) }));
}
