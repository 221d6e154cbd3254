import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, portalUsers, type Invoice, type NotificationPrefs } from "@/db/schema";
import { paymentUrl } from "@/lib/api/resources/invoices";
import { isEmailAddress } from "./address";
import { queueEmail, type QueueEmailInput } from "./send";
import type { EmailTemplateName } from "./templates";

// Billing notifications, queued in the caller's transaction (outbox): sent to the billing
// account's active portal users who want that kind of email, each in their own locale; an
// account without active portal users gets them at its billing email, in the portal's default
// locale. A user who opted out gets nothing, even if the others did too.
export type Recipient = { email: string; locale: string | null };
type Notification = keyof NotificationPrefs;

export async function notificationRecipients(db: DbOrTx, scope: { organizationId: string; billingAccountId: string }, kind: Notification): Promise<Recipient[]> {
  const rows = await db
    .select({ accountEmail: billingAccounts.email, userEmail: portalUsers.email, locale: portalUsers.locale, prefs: portalUsers.notificationPrefs })
    .from(billingAccounts)
    .leftJoin(
      portalUsers,
      and(eq(portalUsers.billingAccountId, billingAccounts.id), eq(portalUsers.organizationId, billingAccounts.organizationId), eq(portalUsers.status, "active")),
    )
    .where(and(eq(billingAccounts.id, scope.billingAccountId), eq(billingAccounts.organizationId, scope.organizationId)));
  if (rows.length === 0) return [];
  const users = rows.filter((r) => r.userEmail !== null);
  const candidates = users.length === 0
    ? [{ email: rows[0]!.accountEmail, locale: null }]
    : users.filter((u) => u.prefs?.[kind] !== false).map((u) => ({ email: u.userEmail!, locale: u.locale }));
  const byAddress = new Map<string, Recipient>();
  for (const c of candidates) if (isEmailAddress(c.email) && !byAddress.has(c.email.toLowerCase())) byAddress.set(c.email.toLowerCase(), c);
  return [...byAddress.values()];
}

async function notify<K extends EmailTemplateName>(
  db: DbOrTx,
  scope: { organizationId: string; billingAccountId: string },
  kind: Notification,
  email: Omit<QueueEmailInput<K>, "to" | "locale" | "organizationId">,
): Promise<number> {
  const recipients = await notificationRecipients(db, scope, kind);
  for (const r of recipients) await queueEmail(db, { ...email, organizationId: scope.organizationId, to: r.email, locale: r.locale } as QueueEmailInput<K>);
  return recipients.length;
}

const payable = (invoice: Invoice) => (invoice.status === "open" || invoice.status === "uncollectible") && invoice.paymentToken ? paymentUrl(invoice.paymentToken) : null;

/**
 * A finalized invoice with something to pay (open): its number, amounts, due date, payment
 * link and PDF. One paid at once (credits covered it, or nothing was due) is not announced.
 * Returns how many emails were queued.
 */
export async function notifyInvoiceIssued(db: DbOrTx, invoice: Invoice): Promise<number> {
  if (invoice.status !== "open" || !invoice.number) return 0;
  const url = payable(invoice);
  return notify(db, invoice, "invoice_issued", {
    template: "invoice_issued",
    ref: `invoice_issued:${invoice.id}`,
    data: {
      number: invoice.number,
      currency: invoice.currency,
      total_cents: invoice.totalCents,
      amount_due_cents: invoice.amountDueCents,
      due_at: invoice.dueAt,
      charge_automatically: invoice.collectionMethod === "charge_automatically",
      payment_url: url,
      pdf_url: url && `${url}/pdf`,
    },
  });
}

/** Every method failed in a collection round: the reason in words and the next retry (or none). */
export async function notifyPaymentFailed(db: DbOrTx, invoice: Invoice, failure: { code: string; message?: string }): Promise<number> {
  if (!invoice.number) return 0;
  return notify(db, invoice, "payment_failed", {
    template: "payment_failed",
    ref: `payment_failed:${invoice.id}:${invoice.attemptCount}`,
    data: {
      invoice_number: invoice.number,
      currency: invoice.currency,
      amount_cents: invoice.amountDueCents - invoice.amountPaidCents,
      failure_code: failure.code,
      next_retry_at: invoice.nextPaymentAttemptAt,
      payment_url: payable(invoice),
    },
  });
}
