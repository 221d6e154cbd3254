import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { paymentMethods, payments, type Payment } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { attachPaymentMethod } from "@/lib/payment-methods/service";
import { collectInvoice } from "./collect";
import { receiveGatewayWebhook } from "./gateway-webhook";
import { markSandboxChargePaid } from "./sandbox";

// Sandbox only: the customer pays the invoice's boleto or PIX. The sandbox gateway marks its
// charge paid and produces the signed webhook it would send; that webhook goes through the very
// code the public webhook endpoint runs (signature check included).
type Scope = { organizationId: string; mode: "live" | "test" };

async function pendingOf(db: DbOrTx, scope: Scope, invoiceId: string, method?: "boleto" | "pix"): Promise<Payment | undefined> {
  const rows = await db
    .select()
    .from(payments)
    .where(and(eq(payments.organizationId, scope.organizationId), eq(payments.invoiceId, invoiceId), eq(payments.status, "pending")))
    .orderBy(desc(payments.createdAt));
  return rows.find((p) => !method || p.methodType === method);
}

/** Issues a boleto/PIX for the invoice with a method of that type (attached when the account has none). */
export async function issueInstrument(db: DbOrTx, scope: Scope, invoiceId: string, method: "boleto" | "pix"): Promise<Payment> {
  const invoice = await getInvoiceOrThrow(db, { organizationId: scope.organizationId, id: invoiceId });
  const [existing] = await db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.organizationId, scope.organizationId), eq(paymentMethods.billingAccountId, invoice.billingAccountId), eq(paymentMethods.type, method), eq(paymentMethods.status, "active")));
  const pm = existing ?? (await attachPaymentMethod(db, { ...scope, billingAccountId: invoice.billingAccountId }, { type: method }));
  const result = await collectInvoice(db, { ...scope, invoiceId }, { force: true, paymentMethodId: pm.id });
  if (result.outcome !== "pending" || !result.payment) {
    throw new ApiError("resource_conflict", `The invoice could not get a ${method} (${result.outcome})`, { param: "status" });
  }
  return result.payment;
}

export async function simulateInvoicePayment(db: DbOrTx, scope: Scope & { invoiceId: string }, input: { method?: "boleto" | "pix" }) {
  const invoice = await getInvoiceOrThrow(db, { organizationId: scope.organizationId, id: scope.invoiceId });
  if (scope.mode !== "test") throw new ApiError("sandbox_only", "Payments can only be simulated in a sandbox organization (use your sk_test_ key)");
  if (!["open", "uncollectible"].includes(invoice.status)) {
    throw new ApiError("resource_conflict", `This invoice is ${invoice.status}: there is nothing to pay`, { param: "status" });
  }
  const pending = (await pendingOf(db, scope, invoice.id, input.method)) ?? (await issueInstrument(db, scope, invoice.id, input.method ?? "pix"));
  const webhook = await markSandboxChargePaid(db, pending.gatewayReference!);
  await receiveGatewayWebhook(db, "sandbox", webhook.body, webhook.signature);
  const [payment] = await db.select().from(payments).where(and(eq(payments.id, pending.id), eq(payments.organizationId, scope.organizationId)));
  return { invoice: await getInvoiceOrThrow(db, { organizationId: scope.organizationId, id: invoice.id }), payment: payment! };
}
