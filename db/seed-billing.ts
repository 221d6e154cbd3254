import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { billingAccounts, invoices, organizations, plans, subscriptions } from "@/db/schema";
import { collectInvoice } from "@/lib/payments/collect";
import { getGateway } from "@/lib/payments/gateways";
import { attachPaymentMethod } from "@/lib/payment-methods/service";
import { createSubscription } from "@/lib/subscriptions/create";
import { createSubscriptionInput } from "@/lib/subscriptions/input";

// Demo billing for a tenant with the demo catalog: the merchant's legal data for invoices, a
// customer on Pro paying by card (first invoice paid) and one on Starter paying by PIX (invoice
// open, PIX issued). Through the same services as the API. Skipped once the first exists.
export async function seedBilling(db: DbOrTx, organization: { id: string; mode: "live" | "test" }): Promise<void> {
  const scope = { organizationId: organization.id, mode: organization.mode, actor: "seed" };
  const account = (externalId: string) =>
    db.select().from(billingAccounts).where(and(eq(billingAccounts.organizationId, organization.id), eq(billingAccounts.externalId, externalId))).then((r) => r[0]);
  const plan = (slug: string) => db.select().from(plans).where(and(eq(plans.organizationId, organization.id), eq(plans.slug, slug))).then((r) => r[0]!);
  const bakery = await account("cus_paoquente");
  const maria = await account("cus_maria");
  if (!bakery || !maria) return;
  const [existing] = await db.select({ id: subscriptions.id }).from(subscriptions).where(and(eq(subscriptions.organizationId, organization.id), eq(subscriptions.billingAccountId, bakery.id)));
  if (existing) return;

  await db
    .update(organizations)
    .set({
      legalName: "Acme Software LTDA",
      taxId: "11444777000161",
      address: { line1: "Av. Paulista, 1000, 10º andar", line2: "Bela Vista", city: "São Paulo", state: "SP", postal_code: "01310100", country: "BR" },
      supportEmail: "financeiro@acme.example",
    })
    .where(eq(organizations.id, organization.id));

  const token = await getGateway().tokenizeCard({ number: "4242424242424242", exp_month: 12, exp_year: new Date().getUTCFullYear() + 4, cvc: "123" });
  await attachPaymentMethod(db, { ...scope, billingAccountId: bakery.id }, { type: "card", token: token.token });
  await attachPaymentMethod(db, { ...scope, billingAccountId: maria.id }, { type: "pix" });
  const pro = await createSubscription(db, scope, createSubscriptionInput.parse({ billing_account_id: bakery.id, plan_id: (await plan("pro")).id, trial_days: 0 }));
  const starter = await createSubscription(db, scope, createSubscriptionInput.parse({ billing_account_id: maria.id, plan_id: (await plan("starter")).id, trial_days: 0 }));
  for (const sub of [pro, starter]) {
    const [invoice] = await db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.organizationId, organization.id), eq(invoices.subscriptionId, sub.id)));
    if (invoice) await collectInvoice(db, { organizationId: organization.id, mode: organization.mode, invoiceId: invoice.id }, { force: true });
  }
}
