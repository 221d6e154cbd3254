import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { billingAccounts, invoices, payments, plans, subscriptions } from "@/db/schema";
import { seedBilling } from "@/db/seed-billing";
import { seedCatalog } from "@/db/seed-catalog";
import { createTenant } from "../helpers/factories";

// A tenant with the demo catalog and billing (db/seed-billing.ts), in live and sandbox: Padaria
// on Pro paying by card (invoice paid), Maria on Starter paying by PIX (invoice open, PIX pending).
export async function billingTenant() {
  const t = await createTenant();
  const db = getDb();
  for (const org of [{ id: t.live.id, mode: "live" as const }, { id: t.sandbox.id, mode: "test" as const }]) {
    await seedCatalog(db, org.id);
    await db.insert(billingAccounts).values([
      { organizationId: org.id, name: "Padaria Pão Quente", legalName: "Padaria Pão Quente LTDA", email: "financeiro@paoquente.com.br", documentType: "cnpj", document: "11222333000181", externalId: "cus_paoquente" },
      { organizationId: org.id, name: "Maria Silva", email: "maria.silva@example.com", documentType: "cpf", document: "52998224725", externalId: "cus_maria" },
    ]);
    await seedBilling(db, org);
  }
  return { ...t, live: { ...t.live, ...(await records(t.live.id)) }, sandbox: { ...t.sandbox, ...(await records(t.sandbox.id)) } };
}

async function records(organizationId: string) {
  const db = getDb();
  const account = async (externalId: string) => (await db.select().from(billingAccounts).where(and(eq(billingAccounts.organizationId, organizationId), eq(billingAccounts.externalId, externalId))))[0]!;
  const bakery = await account("cus_paoquente");
  const maria = await account("cus_maria");
  const subOf = async (accountId: string) => (await db.select().from(subscriptions).where(and(eq(subscriptions.organizationId, organizationId), eq(subscriptions.billingAccountId, accountId))))[0]!;
  const invoiceOf = async (subscriptionId: string) => (await db.select().from(invoices).where(and(eq(invoices.organizationId, organizationId), eq(invoices.subscriptionId, subscriptionId))))[0]!;
  const bakerySub = await subOf(bakery.id);
  const mariaSub = await subOf(maria.id);
  const paidInvoice = await invoiceOf(bakerySub.id);
  const openInvoice = await invoiceOf(mariaSub.id);
  const [cardPayment] = await db.select().from(payments).where(and(eq(payments.organizationId, organizationId), eq(payments.invoiceId, paidInvoice.id), eq(payments.status, "succeeded")));
  const plan = async (slug: string) => (await db.select().from(plans).where(and(eq(plans.organizationId, organizationId), eq(plans.slug, slug))))[0]!;
  return { bakery, maria, bakerySub, mariaSub, paidInvoice, openInvoice, cardPayment: cardPayment!, pro: await plan("pro"), starter: await plan("starter") };
}
