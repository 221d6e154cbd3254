import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organizations, payments } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { grantCredit } from "@/lib/credits/service";
import { getInvoiceOrThrow } from "@/lib/invoices/store";
import { GatewaySignatureError } from "./gateway";
import { getGateway, GATEWAY_NAMES } from "./gateways";
import { settlePaid } from "./settle";

// A gateway tells us a boleto or PIX was paid. The signature is checked first; then the payment
// is found by the gateway's reference and settled under the invoice's lock. Idempotent: a
// repeated webhook finds the payment already succeeded and changes nothing. Money that arrives
// for an invoice already paid (or void) by other means is not lost: it becomes account credit.
const CREDITED = "Received after the invoice was settled: credited to the billing account";
export type WebhookOutcome = "settled" | "already_settled" | "credited" | "ignored";

export async function receiveGatewayWebhook(db: DbOrTx, gatewayName: string, rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  if (!(GATEWAY_NAMES as readonly string[]).includes(gatewayName)) throw new ApiError("route_not_found", `Unknown gateway '${gatewayName}'`);
  let event;
  try {
    event = getGateway(gatewayName).parseWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof GatewaySignatureError) throw new ApiError("invalid_signature", error.message, { param: "signature" });
    throw new ApiError("validation_failed", "The webhook body is not a gateway event", { param: "body" });
  }
  const [found] = await db
    .select({ id: payments.id, organizationId: payments.organizationId, invoiceId: payments.invoiceId, mode: organizations.mode })
    .from(payments)
    .innerJoin(organizations, eq(organizations.id, payments.organizationId))
    .where(and(eq(payments.gateway, gatewayName), eq(payments.gatewayReference, event.reference)));
  if (!found) return "ignored"; // not ours (another deployment's sandbox, a card charge)
  const scope = { organizationId: found.organizationId, mode: found.mode };
  return db.transaction(async (tx) => {
    const invoice = await getInvoiceOrThrow(tx, { organizationId: scope.organizationId, id: found.invoiceId }, { forUpdate: true });
    const [payment] = await tx.select().from(payments).where(and(eq(payments.id, found.id), eq(payments.organizationId, scope.organizationId))).for("update");
    if (payment!.status === "succeeded") return "already_settled";
    const paidAt = new Date(event.paid_at);
    const payable = ["open", "uncollectible"].includes(invoice.status) && invoice.amountPaidCents === 0;
    if (payable && event.amount_cents === payment!.amountCents) {
      await settlePaid(tx, scope, invoice, payment!, paidAt);
      return "settled";
    }
    // Paid twice, or after a void: keep the money as account credit and say so.
    if (payment!.status === "canceled" && payment!.failureMessage === CREDITED) return "already_settled";
    await grantCredit(tx, { ...scope, billingAccountId: payment!.billingAccountId }, {
      credit_type: "refund", amount_cents: event.amount_cents, currency: payment!.currency,
      description: `Payment received for invoice ${invoice.number} after it was ${invoice.status === "paid" ? "paid" : invoice.status}`,
    });
    await tx
      .update(payments)
      .set({ status: "canceled", failureMessage: CREDITED, updatedAt: sql`clock_timestamp()` })
      .where(and(eq(payments.id, payment!.id), eq(payments.organizationId, scope.organizationId)));
    return "credited";
  });
}
