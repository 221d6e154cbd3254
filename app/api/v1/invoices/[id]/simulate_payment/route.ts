// POST /api/v1/invoices/:id/simulate_payment — sandbox only: the customer pays the boleto / PIX
import { getDb } from "@/db";
import { withApi } from "@/lib/api/handler";
import { paymentOps, serializePayment } from "@/lib/api/resources/payments";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { simulateInvoicePayment } from "@/lib/payments/simulate";

export const POST = withApi(paymentOps.simulate, async ({ tenant, params, body }) => {
  // On the pool: the sandbox gateway's books and ours are separate, like a real processor's.
  const { invoice, payment } = await simulateInvoicePayment(getDb(), { organizationId: tenant.organizationId, mode: tenant.mode, invoiceId: params.id }, body);
  return ok({ invoice_id: invoice.id, invoice_status: invoice.status, amount_remaining_cents: invoice.amountDueCents - invoice.amountPaidCents, payment: serializePayment(payment, tenant.mode) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
