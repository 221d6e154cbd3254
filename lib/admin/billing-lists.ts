import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { billingAccounts, organizations, paymentMethodTypes, paymentStatuses, plans, subscriptionStatuses } from "@/db/schema";
import { listQueryShape } from "@/lib/api/pagination";
import { MAX_SEARCH_LENGTH } from "@/lib/billing-accounts/search";
import { invoiceFilters } from "@/lib/invoices/input";

// The Subscriptions, Invoices and Payments lists read their filters from the URL (shareable):
// each query is checked with the API's own filter schemas (status enums, page cursor) plus the
// admin's search text and, for invoices, a date range; a bad value is shown under its filter.
export const ADMIN_PAGE_SIZE = 25;

const search = z.string().trim().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`).optional();
const day = z.iso.date("must be a date (YYYY-MM-DD)").optional();
const base = { q: search, cursor: listQueryShape.cursor };

export const invoiceListQuery = z
  .object({ ...base, status: invoiceFilters.status, from: day, to: day })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "must not be before the start date" });

export const paymentListQuery = z.object({ ...base, status: z.enum(paymentStatuses).optional(), method: z.enum(paymentMethodTypes).optional() });

export const subscriptionListQuery = z.object({ ...base, status: z.enum(subscriptionStatuses).optional(), plan: z.uuid("must be one of the plans").optional() });

const DAY_MS = 86_400_000;
/** The invoice list's filters as listInvoices takes them: `to` includes that whole day (UTC). */
export function invoiceFiltersOf(q: z.output<typeof invoiceListQuery>) {
  return {
    limit: ADMIN_PAGE_SIZE, cursor: q.cursor, status: q.status, search: q.q,
    created_gte: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    created_lt: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS) : undefined,
  };
}

export const paymentFiltersOf = (q: z.output<typeof paymentListQuery>) => ({ limit: ADMIN_PAGE_SIZE, cursor: q.cursor, status: q.status, method_type: q.method, search: q.q });
export const subscriptionFiltersOf = (q: z.output<typeof subscriptionListQuery>) => ({ limit: ADMIN_PAGE_SIZE, cursor: q.cursor, status: q.status, plan_id: q.plan, search: q.q });

export type AccountName = { id: string; name: string; email: string };

/** The customers the rows point at (one query, this organization's only), by id. */
export async function accountNames(db: DbOrTx, organizationId: string, ids: string[]): Promise<Map<string, AccountName>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: billingAccounts.id, name: billingAccounts.name, email: billingAccounts.email })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.organizationId, organizationId), inArray(billingAccounts.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The organization's plans (for the plan filter and the names in the list), by name. */
export function planOptions(db: DbOrTx, organizationId: string) {
  return db.select({ id: plans.id, name: plans.name, status: plans.status }).from(plans).where(eq(plans.organizationId, organizationId)).orderBy(asc(plans.name));
}

/** The organization's locale: money is shown the way its invoices print it. */
export async function organizationLocale(db: DbOrTx, organizationId: string): Promise<string> {
  const [row] = await db.select({ locale: organizations.locale }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.locale ?? "pt-BR";
}
