import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { creditApplications, credits, invoices, type Credit } from "@/db/schema";
import type { AccountBalance } from "@/lib/credits/balance";
import { listAccountCredits } from "@/lib/credits/service";
import type { PortalAccountScope } from "./account";

// The Credits section: what the account can still spend (per currency, with the next
// expirations), the credits it received, and where credit went — per invoice.
export type CreditApplication = {
  id: string;
  invoiceId: string;
  invoiceNumber: string | null;
  currency: string;
  amountCents: number;
  appliedAt: Date;
  reversedAt: Date | null;
  creditDescription: string | null;
  creditType: Credit["creditType"];
};

export type InvoiceCreditHistory = { invoiceId: string; invoiceNumber: string | null; currency: string; appliedCents: number; applications: CreditApplication[] };

export type PortalCredits = { balances: AccountBalance[]; received: Credit[]; history: InvoiceCreditHistory[] };

export async function loadPortalCredits(db: DbOrTx, scope: PortalAccountScope, at: Date): Promise<PortalCredits> {
  const [{ rows, balances }, applications] = await Promise.all([
    listAccountCredits(db, scope, { limit: 50, status: "all" }, at),
    creditApplicationsOf(db, scope),
  ]);
  return { balances, received: rows.slice(0, 50), history: groupByInvoice(applications) };
}

/** credit_applications joined to the account's invoices (and the credit spent), newest first. */
export async function creditApplicationsOf(db: DbOrTx, scope: PortalAccountScope, limit = 200): Promise<CreditApplication[]> {
  return db
    .select({
      id: creditApplications.id,
      invoiceId: creditApplications.invoiceId,
      invoiceNumber: invoices.number,
      currency: invoices.currency,
      amountCents: creditApplications.amountCents,
      appliedAt: creditApplications.createdAt,
      reversedAt: creditApplications.reversedAt,
      creditDescription: credits.description,
      creditType: credits.creditType,
    })
    .from(creditApplications)
    .innerJoin(invoices, and(eq(invoices.id, creditApplications.invoiceId), eq(invoices.organizationId, scope.organizationId)))
    .innerJoin(credits, and(eq(credits.id, creditApplications.creditId), eq(credits.organizationId, scope.organizationId)))
    .where(and(eq(creditApplications.organizationId, scope.organizationId), eq(invoices.billingAccountId, scope.billingAccountId), eq(credits.billingAccountId, scope.billingAccountId)))
    .orderBy(desc(creditApplications.createdAt), desc(creditApplications.id))
    .limit(limit);
}

function groupByInvoice(applications: CreditApplication[]): InvoiceCreditHistory[] {
  const byInvoice = new Map<string, InvoiceCreditHistory>();
  for (const a of applications) {
    const entry = byInvoice.get(a.invoiceId) ?? { invoiceId: a.invoiceId, invoiceNumber: a.invoiceNumber, currency: a.currency, appliedCents: 0, applications: [] };
    entry.applications.push(a);
    if (!a.reversedAt) entry.appliedCents += a.amountCents;
    byInvoice.set(a.invoiceId, entry);
  }
  return [...byInvoice.values()];
}
