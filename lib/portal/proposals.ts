import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { coupons, discountCodes, plans, proposals, type Proposal, type ProposalStatus } from "@/db/schema";
import { now as clockNow } from "@/lib/clock";
import { acceptProposal } from "@/lib/proposals/accept";
import { rejectProposal } from "@/lib/proposals/service";
import { effectiveStatus } from "@/lib/proposals/status";
import { loadPriceViews, periodAmountCents } from "./items";
import { isUuid, type PortalActor } from "./account";
import { fail, guarded, ok, writerOf, type PortalResult } from "./outcome";

// The Proposals section: the merchant's offers to the viewer's billing account. Accepting goes
// through lib/proposals/accept (it creates the subscription, once); rejecting records the reason.
// An open proposal past valid_until reads as expired, whether or not the expiry job ran yet.
export type Promotion = { code: string; percentOffBps: number | null; amountOffCents: number | null; currency: string | null };

export type PortalProposal = {
  id: string;
  status: ProposalStatus;
  planName: string | null;
  items: Array<{ priceId: string; productName: string; priceName: string; quantity: number; amountCents: number | null; metered: boolean }>;
  currency: string | null;
  recurringCents: number;
  cycle: { interval: "month" | "year"; interval_count: number } | null;
  trialDays: number;
  coupon: (Promotion & { name: string | null; maxDiscountCents: number | null }) | null;
  discountCode: (Promotion & { duration: string; durationInMonths: number | null }) | null;
  message: string | null;
  validUntil: Date;
  createdAt: Date;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
  rejectionReason: string | null;
  subscriptionId: string | null;
};

const ofAccount = (actor: PortalActor) => and(eq(proposals.organizationId, actor.tenant.id), eq(proposals.billingAccountId, actor.user.billingAccountId));

export async function listPortalProposals(db: DbOrTx, actor: PortalActor): Promise<PortalProposal[]> {
  const rows = await db.select().from(proposals).where(ofAccount(actor)).orderBy(desc(proposals.createdAt), desc(proposals.id)).limit(100);
  return describe(db, actor, rows);
}

export async function getPortalProposal(db: DbOrTx, actor: PortalActor, id: string): Promise<PortalProposal | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(proposals).where(and(eq(proposals.id, id), ofAccount(actor)));
  return row ? (await describe(db, actor, [row]))[0]! : null;
}

async function owns(db: DbOrTx, actor: PortalActor, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.id, id), ofAccount(actor)));
  return row !== undefined;
}

/** Accepts the offer: the subscription is created by the same code as POST /proposals/:id/accept. */
export function acceptPortalProposal(db: DbOrTx, actor: PortalActor, id: string): Promise<PortalResult<{ subscriptionId: string }>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await owns(db, actor, id))) return fail("not_found");
    const { subscription } = await acceptProposal(db, { ...writerOf(actor), id });
    return ok({ subscriptionId: subscription.id });
  });
}

export function rejectPortalProposal(db: DbOrTx, actor: PortalActor, id: string, reason: string): Promise<PortalResult<{ id: string }>> {
  return guarded(actor, "manage_subscriptions", async () => {
    if (!(await owns(db, actor, id))) return fail("not_found");
    const trimmed = reason.trim().slice(0, 500);
    await rejectProposal(db, { ...writerOf(actor), id }, trimmed ? { reason: trimmed } : {});
    return ok({ id });
  });
}

async function describe(db: DbOrTx, actor: PortalActor, rows: Proposal[]): Promise<PortalProposal[]> {
  if (rows.length === 0) return [];
  const organizationId = actor.tenant.id;
  const at = clockNow();
  const ids = (pick: (p: Proposal) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => v !== null))];
  const planIds = ids((p) => p.planId);
  const couponIds = ids((p) => p.couponId);
  const codeIds = ids((p) => p.discountCodeId);
  const [planRows, couponRows, codeRows, priceViews] = await Promise.all([
    planIds.length ? db.select({ id: plans.id, name: plans.name }).from(plans).where(and(eq(plans.organizationId, organizationId), inArray(plans.id, planIds))) : [],
    couponIds.length ? db.select().from(coupons).where(and(eq(coupons.organizationId, organizationId), inArray(coupons.id, couponIds))) : [],
    codeIds.length ? db.select().from(discountCodes).where(and(eq(discountCodes.organizationId, organizationId), inArray(discountCodes.id, codeIds))) : [],
    loadPriceViews(db, organizationId, rows.flatMap((p) => (p.items ?? []).map((i) => i.price_id))),
  ]);
  return rows.map((p) => {
    const items = (p.items ?? []).flatMap((i) => {
      const price = priceViews.get(i.price_id);
      if (!price) return [];
      return [{ priceId: i.price_id, productName: price.productName, priceName: price.name, quantity: i.quantity, amountCents: periodAmountCents(price, i.quantity), metered: price.usageType === "metered" }];
    });
    const coupon = couponRows.find((c) => c.id === p.couponId);
    const code = codeRows.find((c) => c.id === p.discountCodeId);
    return {
      id: p.id,
      status: effectiveStatus(p, at),
      planName: planRows.find((pl) => pl.id === p.planId)?.name ?? null,
      items,
      currency: priceViews.get(p.items?.[0]?.price_id ?? "")?.currency ?? null,
      recurringCents: items.reduce((sum, i) => sum + (i.amountCents ?? 0), 0),
      cycle: p.billingInterval ? { interval: p.billingInterval, interval_count: p.intervalCount ?? 1 } : null,
      trialDays: p.trialDays ?? 0,
      coupon: coupon
        ? { code: coupon.code, name: coupon.name, percentOffBps: coupon.percentOffBps, amountOffCents: coupon.amountOffCents, currency: coupon.currency, maxDiscountCents: coupon.maxDiscountCents }
        : null,
      discountCode: code
        ? { code: code.code, percentOffBps: code.percentOffBps, amountOffCents: code.amountOffCents, currency: code.currency, duration: code.duration, durationInMonths: code.durationInMonths }
        : null,
      message: p.message,
      validUntil: p.validUntil,
      createdAt: p.createdAt,
      acceptedAt: p.acceptedAt,
      rejectedAt: p.rejectedAt,
      rejectionReason: p.rejectionReason,
      subscriptionId: p.subscriptionId,
    };
  });
}
