import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, organizations, plans, portalUsers, type Proposal } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { now as clockNow } from "@/lib/clock";
import { isEmailAddress } from "@/lib/email/address";
import { queueEmail } from "@/lib/email/send";
import { portalOrigin } from "@/lib/portal-auth/links";
import { loadPriceViews, periodAmountCents } from "@/lib/portal/items";
import { getProposalOrThrow } from "./service";
import { assertOpen } from "./status";

// Sending a proposal: an email (template `proposal`, through the outbox, in the caller's
// transaction) with the offer and the link to it on the customer's portal, to the billing
// account's active portal users (each in their own locale), or to its billing email when it has
// none. Only an open, unexpired proposal is sent; sending again is a reminder (same link).
export type SentProposal = { proposal: Proposal; recipients: string[] };

/** The portal page of a proposal, on the organization's portal host. */
export function proposalPortalUrl(slug: string, id: string): string {
  return `${portalOrigin({ slug })}/proposals/${id}`;
}

async function recipientsOf(db: DbOrTx, organizationId: string, billingAccountId: string) {
  const rows = await db
    .select({ accountName: billingAccounts.name, accountEmail: billingAccounts.email, userEmail: portalUsers.email, locale: portalUsers.locale })
    .from(billingAccounts)
    .leftJoin(portalUsers, and(eq(portalUsers.billingAccountId, billingAccounts.id), eq(portalUsers.organizationId, billingAccounts.organizationId), eq(portalUsers.status, "active")))
    .where(and(eq(billingAccounts.id, billingAccountId), eq(billingAccounts.organizationId, organizationId)));
  const users = rows.filter((r) => r.userEmail !== null).map((r) => ({ email: r.userEmail!, locale: r.locale }));
  const candidates = users.length > 0 ? users : rows.slice(0, 1).map((r) => ({ email: r.accountEmail, locale: null }));
  const byAddress = new Map<string, { email: string; locale: string | null }>();
  for (const c of candidates) if (isEmailAddress(c.email) && !byAddress.has(c.email.toLowerCase())) byAddress.set(c.email.toLowerCase(), c);
  return { accountName: rows[0]?.accountName ?? "", recipients: [...byAddress.values()] };
}

/** What the email says is offered: the plan's name, or the items' product names; and their recurring amount. */
async function offerSummary(db: DbOrTx, organizationId: string, p: Proposal) {
  const views = await loadPriceViews(db, organizationId, (p.items ?? []).map((i) => i.price_id));
  const lines = (p.items ?? []).flatMap((i) => (views.has(i.price_id) ? [{ view: views.get(i.price_id)!, quantity: i.quantity }] : []));
  const [plan] = p.planId ? await db.select({ name: plans.name }).from(plans).where(and(eq(plans.id, p.planId), eq(plans.organizationId, organizationId))) : [];
  const amounts = lines.map((l) => periodAmountCents(l.view, l.quantity));
  const licensed = amounts.filter((a): a is number => a !== null);
  return {
    offer: plan?.name ?? lines.map((l) => (l.quantity === 1 ? l.view.productName : `${l.quantity} × ${l.view.productName}`)).join(", "),
    currency: lines[0]?.view.currency ?? null,
    amount_cents: licensed.length > 0 ? licensed.reduce((a, b) => a + b, 0) : null,
  };
}

/** Queues the proposal email to the account's recipients (refused for a proposal that is not open, 409). */
export async function sendProposal(db: DbOrTx, scope: { organizationId: string; id: string }): Promise<SentProposal> {
  return db.transaction(async (tx) => {
    const proposal = await getProposalOrThrow(tx, scope, { forUpdate: true });
    assertOpen(proposal, clockNow(), "send");
    const { accountName, recipients } = await recipientsOf(tx, scope.organizationId, proposal.billingAccountId);
    if (recipients.length === 0) throw new ApiError("resource_conflict", "The billing account has no email address to send the proposal to", { param: "billing_account_id" });
    const [org] = await tx.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, scope.organizationId));
    const summary = await offerSummary(tx, scope.organizationId, proposal);
    const data = { account_name: accountName, ...summary, valid_until: proposal.validUntil, message: proposal.message, url: proposalPortalUrl(org!.slug, proposal.id) };
    for (const r of recipients) {
      await queueEmail(tx, { organizationId: scope.organizationId, template: "proposal", to: r.email, locale: r.locale, data, ref: `proposal:${proposal.id}` });
    }
    return { proposal, recipients: recipients.map((r) => r.email) };
  });
}
