import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, organizations, prices, products } from "@/db/schema";
import { formatSubcents } from "@/lib/invoices/format";
import { listPlans } from "@/lib/plans/plans";
import { toPriceView, type PriceView } from "@/lib/portal/items";
import { isUuid } from "@/lib/uuid";
import { subscribableAccounts } from "./billing-subscriptions";

// What the "New proposal" form offers to choose from, all of the organization in the URL:
// its active billing accounts, its active plans with their items, and its active recurring
// prices with their products' names. Labels are made here (money in pt-BR, as the portal shows it).
export const ADMIN_MONEY_LOCALE = "pt-BR";
const MAX_OPTIONS = 500;

export type PriceOption = { id: string; label: string; interval: "month" | "year"; intervalCount: number; currency: string };
export type PlanOption = {
  id: string;
  name: string;
  trialDays: number;
  cycles: Array<{ interval: "month" | "year"; interval_count: number }>;
  items: Array<PriceOption & { quantity: number; optional: boolean }>;
};
export type AccountOption = { id: string; name: string; email: string };
export type ProposalFormOptions = { accounts: AccountOption[]; plans: PlanOption[]; prices: PriceOption[]; truncated: boolean };

const cycleText = (interval: string, count: number) => (count === 1 ? `/ ${interval}` : `/ ${count} ${interval}s`);

export function priceLabel(view: PriceView): string {
  const unit = formatSubcents(view.unitAmountSubcents, view.currency, ADMIN_MONEY_LOCALE);
  const usage = view.usageType === "metered" ? " per unit used" : "";
  return `${view.productName} — ${view.name} (${unit}${usage} ${cycleText(view.interval ?? "month", view.intervalCount)})`;
}

function priceOption(view: PriceView): PriceOption {
  return { id: view.id, label: priceLabel(view), interval: view.interval ?? "month", intervalCount: view.intervalCount, currency: view.currency };
}

export async function proposalFormOptions(db: DbOrTx, scope: { organizationId: string }): Promise<ProposalFormOptions> {
  const { organizationId } = scope;
  const [accounts, planRows, priceRows] = await Promise.all([
    subscribableAccounts(db, organizationId, MAX_OPTIONS + 1),
    listPlans(db, scope, { limit: 100, status: "active" }),
    db
      .select({ price: prices, product: { name: products.name, productType: products.productType } })
      .from(prices)
      .innerJoin(products, and(eq(products.id, prices.productId), eq(products.organizationId, organizationId)))
      .where(and(eq(prices.organizationId, organizationId), eq(prices.active, true)))
      .orderBy(asc(products.name), asc(prices.name))
      .limit(MAX_OPTIONS),
  ]);
  const views = new Map(priceRows.map(({ price, product }) => [price.id, toPriceView(price, product)]));
  const plans: PlanOption[] = planRows.map((plan) => ({
    id: plan.id,
    name: plan.name,
    trialDays: plan.trialDays,
    cycles: plan.billingCycles,
    items: plan.items.flatMap((item) => {
      const view = views.get(item.priceId);
      return view ? [{ ...priceOption(view), quantity: item.quantity, optional: item.optional }] : [];
    }),
  }));
  return { accounts: accounts.slice(0, MAX_OPTIONS), plans, prices: [...views.values()].map(priceOption), truncated: accounts.length > MAX_OPTIONS };
}

/** The organization's time zone: the proposal forms' dates are read and shown in it. */
export async function organizationTimeZone(db: DbOrTx, organizationId: string): Promise<string> {
  const [org] = await db.select({ timezone: organizations.timezone }).from(organizations).where(eq(organizations.id, organizationId));
  return org?.timezone ?? "America/Sao_Paulo";
}

/** One active billing account of the organization as an option (a preselected customer beyond the list), or null. */
export async function accountOption(db: DbOrTx, scope: { organizationId: string }, id: string): Promise<AccountOption | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ id: billingAccounts.id, name: billingAccounts.name, email: billingAccounts.email })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.id, id), eq(billingAccounts.organizationId, scope.organizationId), eq(billingAccounts.status, "active")));
  return row ?? null;
}
