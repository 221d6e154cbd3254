import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, emailOutbox, plans, type Proposal, type ProposalStatus } from "@/db/schema";
import { MAX_SEARCH_LENGTH } from "@/lib/billing-accounts/search";
import { now as clockNow } from "@/lib/clock";
import { REF_HEADER } from "@/lib/email/send";
import { loadPriceViews, periodAmountCents, type PriceView } from "@/lib/portal/items";
import { listProposalsQuery } from "@/lib/proposals/input";
import { listProposals } from "@/lib/proposals/service";
import { effectiveStatus } from "@/lib/proposals/status";
import { accountNames } from "./billing-lists";

// What the admin's Proposals screens read: the API's list (same filters, plus a customer
// search) with each row's customer, offer and recurring amount, and one proposal in full
// (lines priced with the catalog's own amount function, promotions, emails sent, history).
type Scope = { organizationId: string };

/** The API's list query (status, billing_account_id, cursor, limit) plus `q`, the customer search. */
export const adminProposalQuery = listProposalsQuery.extend({
  q: z.string().trim().max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`).optional(),
});
export type AdminProposalQuery = z.output<typeof adminProposalQuery>;

export type ProposalLine = { priceId: string; productName: string; priceName: string; quantity: number; amountCents: number | null; metered: boolean };

function priced(p: Proposal, views: Map<string, PriceView>) {
  const lines: ProposalLine[] = (p.items ?? []).map((i) => {
    const view = views.get(i.price_id);
    return view
      ? { priceId: i.price_id, productName: view.productName, priceName: view.name, quantity: i.quantity, amountCents: periodAmountCents(view, i.quantity), metered: view.usageType === "metered" }
      : { priceId: i.price_id, productName: "Unknown price", priceName: i.price_id, quantity: i.quantity, amountCents: null, metered: false };
  });
  const currency = views.get(p.items?.[0]?.price_id ?? "")?.currency ?? null;
  return { lines, currency, recurringCents: lines.reduce((sum, l) => sum + (l.amountCents ?? 0), 0) };
}

async function planNames(db: DbOrTx, organizationId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: plans.id, name: plans.name }).from(plans).where(and(eq(plans.organizationId, organizationId), inArray(plans.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))];

export type ProposalRow = {
  id: string;
  createdAt: Date;
  status: ProposalStatus;
  validUntil: Date;
  account: { id: string; name: string; email: string } | null;
  offer: string;
  currency: string | null;
  recurringCents: number;
};

/** One page of the list (limit + 1 rows, for page()), each with its customer, offer and recurring amount. */
export async function listProposalRows(db: DbOrTx, scope: Scope, query: AdminProposalQuery): Promise<ProposalRow[]> {
  const rows = await listProposals(db, scope, query);
  const [accounts, names, views] = await Promise.all([
    accountNames(db, scope.organizationId, distinct(rows.map((r) => r.billingAccountId))),
    planNames(db, scope.organizationId, distinct(rows.map((r) => r.planId))),
    loadPriceViews(db, scope.organizationId, rows.flatMap((r) => (r.items ?? []).map((i) => i.price_id))),
  ]);
  const at = clockNow();
  return rows.map((p) => {
    const { lines, currency, recurringCents } = priced(p, views);
    return {
      id: p.id,
      createdAt: p.createdAt,
      status: effectiveStatus(p, at),
      validUntil: p.validUntil,
      account: accounts.get(p.billingAccountId) ?? null,
      offer: (p.planId && names.get(p.planId)) || lines.map((l) => l.productName).join(", "),
      currency,
      recurringCents,
    };
  });
}

export type ProposalEmail = { id: string; to: string; status: string; createdAt: Date; sentAt: Date | null };
export type HistoryEntry = { at: Date; label: string };

export type ProposalDetail = {
  proposal: Proposal;
  status: ProposalStatus;
  account: { id: string; name: string; email: string } | null;
  planName: string | null;
  lines: ProposalLine[];
  currency: string | null;
  recurringCents: number;
  coupon: { code: string; name: string | null; percentOffBps: number | null; amountOffCents: number | null; currency: string | null; maxDiscountCents: number | null } | null;
  discountCode: { code: string; percentOffBps: number | null; amountOffCents: number | null; currency: string | null; duration: string; durationInMonths: number | null } | null;
  emails: ProposalEmail[];
  history: HistoryEntry[];
};

/** The proposal emails of this proposal, newest first (the outbox rows sendProposal wrote, by their ref header). */
export async function proposalEmails(db: DbOrTx, scope: Scope & { id: string }): Promise<ProposalEmail[]> {
  return db
    .select({ id: emailOutbox.id, to: emailOutbox.toAddress, status: emailOutbox.status, createdAt: emailOutbox.createdAt, sentAt: emailOutbox.sentAt })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.organizationId, scope.organizationId), eq(emailOutbox.template, "proposal"), sql`${emailOutbox.headers}->>${REF_HEADER} = ${`proposal:${scope.id}`}`))
    .orderBy(desc(emailOutbox.createdAt), asc(emailOutbox.toAddress))
    .limit(100);
}

function historyOf(p: Proposal, status: ProposalStatus, emails: ProposalEmail[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [{ at: p.createdAt, label: "Created" }];
  const sends = new Map<number, string[]>();
  for (const e of emails) sends.set(e.createdAt.getTime(), [...(sends.get(e.createdAt.getTime()) ?? []), e.to]);
  for (const [time, to] of sends) entries.push({ at: new Date(time), label: `Sent to ${to.join(", ")}` });
  if (p.acceptedAt) entries.push({ at: p.acceptedAt, label: "Accepted by the customer: subscription created" });
  if (p.rejectedAt) entries.push({ at: p.rejectedAt, label: p.rejectionReason ? `Declined by the customer: “${p.rejectionReason}”` : "Declined by the customer" });
  if (p.canceledAt) entries.push({ at: p.canceledAt, label: "Withdrawn" });
  if (status === "expired") entries.push({ at: p.expiredAt ?? p.validUntil, label: "Expired (its valid-until date passed)" });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** A proposal (already read with getProposalOrThrow, so the tenant's own) in full. */
export async function getProposalDetail(db: DbOrTx, scope: Scope, proposal: Proposal): Promise<ProposalDetail> {
  const { organizationId } = scope;
  const [accounts, names, views, couponRows, codeRows, emails] = await Promise.all([
    accountNames(db, organizationId, [proposal.billingAccountId]),
    planNames(db, organizationId, distinct([proposal.planId])),
    loadPriceViews(db, organizationId, (proposal.items ?? []).map((i) => i.price_id)),
    proposal.couponId ? db.select().from(coupons).where(and(eq(coupons.organizationId, organizationId), eq(coupons.id, proposal.couponId))) : [],
    proposal.discountCodeId ? db.select().from(discountCodes).where(and(eq(discountCodes.organizationId, organizationId), eq(discountCodes.id, proposal.discountCodeId))) : [],
    proposalEmails(db, { organizationId, id: proposal.id }),
  ]);
  const status = effectiveStatus(proposal, clockNow());
  const coupon = couponRows[0];
  const code = codeRows[0];
  return {
    proposal,
    status,
    account: accounts.get(proposal.billingAccountId) ?? null,
    planName: proposal.planId ? (names.get(proposal.planId) ?? null) : null,
    ...priced(proposal, views),
    coupon: coupon ? { code: coupon.code, name: coupon.name, percentOffBps: coupon.percentOffBps, amountOffCents: coupon.amountOffCents, currency: coupon.currency, maxDiscountCents: coupon.maxDiscountCents } : null,
    discountCode: code ? { code: code.code, percentOffBps: code.percentOffBps, amountOffCents: code.amountOffCents, currency: code.currency, duration: code.duration, durationInMonths: code.durationInMonths } : null,
    emails,
    history: historyOf(proposal, status, emails),
  };
}
