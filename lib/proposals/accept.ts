import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { proposals, type Proposal } from "@/db/schema";
import { serializeProposal } from "@/lib/api/resources/proposals";
import { now as clockNow } from "@/lib/clock";
import { createSubscription } from "@/lib/subscriptions/create";
import type { SubscriptionWithItems } from "@/lib/subscriptions/versions";
import { emitEvent } from "@/lib/webhooks/emit";
import { assertMatchesOffer, subscriptionInputFor } from "./offer";
import { getProposalOrThrow, type ProposalWriter } from "./service";
import { assertOpen } from "./status";

/**
 * Accepting creates the subscription, exactly once: the proposal row is locked (FOR UPDATE) in
 * the transaction that creates the subscription through the same service as POST
 * /subscriptions, so a second or concurrent accept waits, then finds it accepted (409). If the
 * subscription cannot be created (a coupon used up meanwhile…), everything rolls back: the
 * proposal stays open and the error is the subscription service's.
 */
export async function acceptProposal(db: DbOrTx, scope: ProposalWriter & { id: string }): Promise<{ proposal: Proposal; subscription: SubscriptionWithItems }> {
  return db.transaction(async (tx) => {
    const current = await getProposalOrThrow(tx, scope, { forUpdate: true });
    const at = clockNow();
    assertOpen(current, at, "accept");
    const subscription = await createSubscription(tx, scope, await subscriptionInputFor(tx, scope, current));
    assertMatchesOffer(subscription, current);
    const [proposal] = await tx
      .update(proposals)
      .set({ status: "accepted", acceptedAt: at, subscriptionId: subscription.id, updatedAt: dbNow() })
      .where(and(eq(proposals.id, current.id), eq(proposals.organizationId, scope.organizationId)))
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "proposal.accepted", data: serializeProposal(proposal!, scope.mode, at) });
    return { proposal: proposal!, subscription };
  });
}
