import { and, eq, gt, lte, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { dbNow } from "@/db/schema/columns";
import { proposals, type Proposal } from "@/db/schema";
import { accountMatches } from "@/lib/billing-accounts/search";
import { isUuid } from "@/lib/uuid";
import { notFound } from "@/lib/api/errors";
import { mergeMetadata } from "@/lib/api/metadata";
import { filterEq, listPage } from "@/lib/api/pagination";
import { serializeProposal } from "@/lib/api/resources/proposals";
import { now as clockNow } from "@/lib/clock";
import type { SubscriptionWriter } from "@/lib/subscriptions/versions";
import type { EventType } from "@/lib/webhooks/event-types";
import { emitEvent } from "@/lib/webhooks/emit";
import type { CreateProposalInput, ProposalFilters, RejectProposalInput, UpdateProposalInput } from "./input";
import { resolveOffer } from "./offer";
import { assertOpen } from "./status";

type Scope = { organizationId: string };
/** Who acts on proposals: the tenant, its mode (event payloads) and the actor recorded on the subscription it creates. */
export type ProposalWriter = SubscriptionWriter;
type Change = Partial<typeof proposals.$inferInsert>;

const byId = (organizationId: string, id: string) => and(eq(proposals.id, id), eq(proposals.organizationId, organizationId));

export async function getProposalOrThrow(db: DbOrTx, scope: Scope & { id: string }, options: { forUpdate?: boolean } = {}): Promise<Proposal> {
  const query = db.select().from(proposals).where(byId(scope.organizationId, scope.id));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("proposal", scope.id);
  return row;
}

/** The offer is checked by a rolled-back run of the subscription service, then stored as it resolved. */
export async function createProposal(db: DbOrTx, scope: ProposalWriter, input: CreateProposalInput): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const { valid_until, message, metadata, ...terms } = input;
    const offer = await resolveOffer(tx, scope, terms);
    const [row] = await tx
      .insert(proposals)
      .values({
        organizationId: scope.organizationId,
        billingAccountId: terms.billing_account_id,
        planId: terms.plan_id ?? null,
        items: offer.items,
        billingInterval: offer.billingInterval,
        intervalCount: offer.intervalCount,
        trialDays: offer.trialDays,
        couponId: offer.couponId,
        discountCodeId: offer.discountCodeId,
        message: message ?? null,
        validUntil: valid_until,
        metadata: metadata ?? {},
      })
      .returning();
    await emitEvent(tx, { organizationId: scope.organizationId, type: "proposal.created", data: serializeProposal(row!, scope.mode) });
    return row!;
  });
}

/** Status filters read the business clock: `open` leaves out, and `expired` takes in, open proposals past valid_until. */
function statusFilter(status: Proposal["status"] | undefined, at: Date): SQL | undefined {
  if (status === "open") return and(eq(proposals.status, "open"), gt(proposals.validUntil, at));
  if (status === "expired") return or(eq(proposals.status, "expired"), and(eq(proposals.status, "open"), lte(proposals.validUntil, at)));
  return filterEq(proposals.status, status);
}

/** The admin's search text: the customer (name, legal name, email, CPF/CNPJ, id, through accountMatches) or the proposal's id. */
function searchFilter(organizationId: string, q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  return or(accountMatches(proposals.billingAccountId, organizationId, text), isUuid(text) ? eq(proposals.id, text) : undefined);
}

export async function listProposals(db: DbOrTx, scope: Scope, f: ProposalFilters & { q?: string }): Promise<Proposal[]> {
  return listPage(db, proposals, scope, [filterEq(proposals.billingAccountId, f.billing_account_id), statusFilter(f.status, clockNow()), searchFilter(scope.organizationId, f.q)], f);
}

/**
 * Locks the proposal, checks it is open and unexpired (409 otherwise), writes the change and,
 * for a state change, emits its event: one transaction.
 */
export async function actOnProposal(
  db: DbOrTx,
  scope: ProposalWriter & { id: string },
  action: "reject" | "cancel" | "change",
  decide: (p: Proposal, at: Date) => Change,
  event?: EventType,
): Promise<Proposal> {
  return db.transaction(async (tx) => {
    const current = await getProposalOrThrow(tx, scope, { forUpdate: true });
    const at = clockNow();
    assertOpen(current, at, action);
    const [row] = await tx.update(proposals).set({ ...decide(current, at), updatedAt: dbNow() }).where(byId(scope.organizationId, scope.id)).returning();
    if (event) await emitEvent(tx, { organizationId: scope.organizationId, type: event, data: serializeProposal(row!, scope.mode, at) });
    return row!;
  });
}

/** message, valid_until and metadata only: the offer itself is what the customer was shown. */
export function updateProposal(db: DbOrTx, scope: ProposalWriter & { id: string }, input: UpdateProposalInput) {
  return actOnProposal(db, scope, "change", (current) => {
    const change: Change = {};
    if (input.message !== undefined) change.message = input.message;
    if (input.valid_until !== undefined) change.validUntil = input.valid_until;
    if (input.metadata !== undefined) change.metadata = mergeMetadata(current.metadata, input.metadata);
    return change;
  });
}

/** The customer declines. */
export function rejectProposal(db: DbOrTx, scope: ProposalWriter & { id: string }, input: RejectProposalInput) {
  return actOnProposal(db, scope, "reject", (_, at) => ({ status: "rejected", rejectedAt: at, rejectionReason: input.reason ?? null }), "proposal.rejected");
}

/** The merchant withdraws the offer. */
export function cancelProposal(db: DbOrTx, scope: ProposalWriter & { id: string }) {
  return actOnProposal(db, scope, "cancel", (_, at) => ({ status: "canceled", canceledAt: at }), "proposal.canceled");
}
