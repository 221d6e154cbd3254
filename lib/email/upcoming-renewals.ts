import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { emailOutbox, plans, subscriptions } from "@/db/schema";
import { addInterval } from "@/lib/billing/periods";
import { billableItems } from "@/lib/billing-runs/cycle-invoice";
import { cycleLines } from "@/lib/invoices/lines";
import { invoiceTotals } from "@/lib/invoices/totals";
import { log } from "@/lib/log";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";
import { notificationRecipients } from "./notifications";
import { queueEmail, REF_HEADER } from "./send";

// The daily `email.upcoming-renewals` job: a week before a subscription renews (active, or a
// trial about to convert; not one set to cancel at period end), its customers who want it are
// told the date and the estimated amount. Renewals 6 to 7 days away are due; the window reaches
// back one more day so that a day the job did not run is caught up. Each renewal is announced
// once: the outbox row carries `upcoming_renewal:<subscription>:<period end>` and is looked for
// (under an advisory lock) before writing.
const DAY_MS = 86_400_000;
export const NOTICE_DAYS = 7;
const CATCH_UP_DAYS = 1;

export type RenewalNoticeCounts = { announced: number; already: number; emails: number };

export async function announceUpcomingRenewals(db: Db, at: Date): Promise<RenewalNoticeCounts> {
  const due = await db
    .select({ id: subscriptions.id, organizationId: subscriptions.organizationId })
    .from(subscriptions)
    .where(and(
      inArray(subscriptions.status, ["active", "trialing"]),
      eq(subscriptions.cancelAtPeriodEnd, false),
      gt(subscriptions.currentPeriodEnd, new Date(at.getTime() + (NOTICE_DAYS - 1 - CATCH_UP_DAYS) * DAY_MS)),
      lte(subscriptions.currentPeriodEnd, new Date(at.getTime() + NOTICE_DAYS * DAY_MS)),
    ));
  const counts: RenewalNoticeCounts = { announced: 0, already: 0, emails: 0 };
  for (const row of due) {
    try {
      const emails = await announceRenewal(db, row);
      if (emails === null) {
        counts.already++;
      } else {
        counts.announced++;
        counts.emails += emails;
      }
    } catch (error) {
      log.error("upcoming renewal notice failed", { subscription_id: row.id, error });
    }
  }
  return counts;
}

/** Queues the notice of one subscription's next renewal; null when it was already announced. */
async function announceRenewal(db: Db, scope: { id: string; organizationId: string }): Promise<number | null> {
  return db.transaction(async (tx) => {
    const sub = await getSubscriptionOrThrow(tx, scope);
    const renewsAt = sub.currentPeriodEnd;
    const ref = `upcoming_renewal:${sub.id}:${renewsAt.toISOString()}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${ref}, 0))`);
    const [sent] = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.organizationId, sub.organizationId), eq(emailOutbox.template, "upcoming_renewal"), sql`${emailOutbox.headers}->>${REF_HEADER} = ${ref}`))
      .limit(1);
    if (sent) return null;

    const items = await billableItems(tx, sub);
    const next = { start: renewsAt, end: addInterval(renewsAt, sub.billingInterval, sub.intervalCount) };
    const lines = cycleLines({ items, advance: next, arrears: null, usage: new Map(), includeSetup: false, coupon: null, discountCode: null });
    const [plan] = sub.planId ? await tx.select({ name: plans.name }).from(plans).where(and(eq(plans.id, sub.planId), eq(plans.organizationId, sub.organizationId))) : [];
    const description = plan?.name ?? items.map((i) => i.name).join(", ");

    const recipients = await notificationRecipients(tx, sub, "upcoming_renewal");
    for (const r of recipients) {
      await queueEmail(tx, {
        organizationId: sub.organizationId,
        template: "upcoming_renewal",
        to: r.email,
        locale: r.locale,
        ref,
        data: { description, renews_at: renewsAt, currency: sub.currency, amount_cents: invoiceTotals(lines).total_cents },
      });
    }
    return recipients.length;
  });
}
