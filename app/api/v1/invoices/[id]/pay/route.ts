// POST /api/v1/invoices/:id/pay — collect an open invoice now (card charged, or boleto/PIX issued)
// Runs on the pool, not in the idempotency transaction: the gateway call must happen between
// committed steps (lib/payments/collect.ts), never inside a transaction that could roll back.
import { getDb } from "@/db";
import { withApi } from "@/lib/api/handler";
import { paymentOps, serializePayment } from "@/lib/api/resources/payments";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { ApiError } from "@/lib/api/errors";
import { collectInvoice } from "@/lib/payments/collect";
import { getInvoiceOrThrow } from "@/lib/invoices/store";

export const POST = withApi(paymentOps.pay, async ({ tenant, params, body }) => {
  const db = getDb();
  const scope = { organizationId: tenant.organizationId, mode: tenant.mode };
  const invoice = await getInvoiceOrThrow(db, { ...scope, id: params.id });
  if (!["open", "uncollectible"].includes(invoice.status)) throw new ApiError("resource_conflict", `This invoice is ${invoice.status}: there is nothing to collect`, { param: "status" });
  const result = await collectInvoice(db, { ...scope, invoiceId: params.id }, { force: true, paymentMethodId: body.payment_method_id });
  return ok({
    invoice_id: result.invoice.id,
    invoice_status: result.invoice.status,
    amount_remaining_cents: result.invoice.amountDueCents - result.invoice.amountPaidCents,
    payment: result.payment && serializePayment(result.payment, tenant.mode),
  });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
