import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { invoices, plans } from "@/db/schema";
import { listBillingAccounts } from "@/lib/billing-accounts/service";
import { creditBalance } from "@/lib/credits/balance";
import { listInvoices } from "@/lib/invoices/service";
import { listPayments } from "@/lib/payments/refunds";
import { listSubscriptions } from "@/lib/subscriptions/list";
import { now } from "@/lib/clock";
import { listAccountPaymentMethods } from "@/lib/payment-methods/service";

// The Customers screens' reads: the list's filters from the URL (validated, so a hand-edited
// link shows a message, never a 500) and what a customer's overview shows. Every read takes
// the organization in the URL explicitly.
type Scope = { organizationId: string };

export const CUSTOMERS_PER_PAGE = 25;
export const RECENT_PER_SECTION = 10;

const customerQuery = z.object({
  q: z.string().trim().max(200, "The search is too long (200 characters at most).").optional(),
  status: z.enum(["active", "archived"], { error: "Status must be active or archived." }).default("active"),
  overdue: z.enum(["1"], { error: "Overdue must be 1 or absent." }).optional(),
  cursor: z.string().max(200).optional(),
});
export type CustomerQuery = z.output<typeof customerQuery>;

/** The list's filters from the query string, or the reason they cannot be used. */
export function parseCustomerQuery(params: Record<string, string | undefined>): { ok: true; query: CustomerQuery } | { ok: false; message: string } {
  const parsed = customerQuery.safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")));
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? "These filters are not valid." };
}

/** One page of the organization's customers for the list (limit + 1 rows: see page()). */
export function listCustomers(db: DbOrTx, scope: Scope, query: CustomerQuery) {
  return listBillingAccounts(db, scope, {
    limit: CUSTOMERS_PER_PAGE,
    cursor: query.cursor,
    status: query.status,
    q: query.q || undefined,
    overdue: query.overdue === "1",
  });
}

/** Open invoices past due (count and amount due per currency) of the listed accounts, in one query. */
export async function overdueByAccount(db: DbOrTx, scope: Scope, accountIds: string[]): Promise<Map<string, { count: number; due: { currency: string; cents: number }[] }>> {
  const map = new Map<string, { count: number; due: { currency: string; cents: number }[] }>();
  if (accountIds.length === 0) return map;
  const rows = await db
    .select({ accountId: invoices.billingAccountId, currency: invoices.currency, count: sql<number>`count(*)::int`, cents: sql<string>`sum(${invoices.amountDueCents} - ${invoices.amountPaidCents})::text` })
    .from(invoices)
    .where(and(eq(invoices.organizationId, scope.organizationId), inArray(invoices.billingAccountId, accountIds), eq(invoices.status, "open"), lt(invoices.dueAt, now())))
    .groupBy(invoices.billingAccountId, invoices.currency);
  for (const r of rows) {
    const entry = map.get(r.accountId) ?? { count: 0, due: [] };
    entry.count += r.count;
    entry.due.push({ currency: r.currency, cents: Number(r.cents) });
    map.set(r.accountId, entry);
  }
  return map;
}

const roleOrder = (role: string | null) => (role === "default" ? 0 : role === "backup" ? 1 : 2);

/** A customer's overview: recent subscriptions (with plan names), invoices and payments, active payment methods, and the credit balance. */
export async function customerOverview(db: DbOrTx, scope: Scope, billingAccountId: string) {
  const filter = { limit: RECENT_PER_SECTION, billing_account_id: billingAccountId };
  const [subscriptions, accountInvoices, payments, balance, overdue, methods] = await Promise.all([
    listSubscriptions(db, scope, filter),
    listInvoices(db, scope, filter),
    listPayments(db, scope, filter),
    creditBalance(db, { ...scope, billingAccountId, at: now() }),
    overdueByAccount(db, scope, [billingAccountId]),
    listAccountPaymentMethods(db, { ...scope, billingAccountId }, { limit: 20, status: "active" }),
  ]);
  const planIds = [...new Set(subscriptions.map((s) => s.planId).filter((id): id is string => id !== null))];
  const planRows = planIds.length
    ? await db.select({ id: plans.id, name: plans.name }).from(plans).where(and(eq(plans.organizationId, scope.organizationId), inArray(plans.id, planIds)))
    : [];
  const planNames = new Map(planRows.map((p) => [p.id, p.name]));
  return {
    subscriptions: subscriptions.slice(0, RECENT_PER_SECTION).map((s) => ({ ...s, planName: s.planId ? (planNames.get(s.planId) ?? null) : null })),
    invoices: accountInvoices.slice(0, RECENT_PER_SECTION),
    payments: payments.slice(0, RECENT_PER_SECTION),
    more: { subscriptions: subscriptions.length > RECENT_PER_SECTION, invoices: accountInvoices.length > RECENT_PER_SECTION, payments: payments.length > RECENT_PER_SECTION },
    balance,
    overdue: overdue.get(billingAccountId) ?? null,
    // The default first, then the backup, then the newest (as the portal lists them).
    paymentMethods: methods.slice(0, 20).sort((a, b) => roleOrder(a.role) - roleOrder(b.role)),
  };
}
