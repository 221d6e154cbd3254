// GET /api/v1/payments/:id — retrieve a payment with its refunds
import { withApi } from "@/lib/api/handler";
import { paymentOps, serializePayment } from "@/lib/api/resources/payments";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getPaymentOrThrow } from "@/lib/payments/refunds";

export const GET = withApi(paymentOps.retrieve, async ({ db, tenant, params }) => {
  const payment = await getPaymentOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePayment(payment, tenant.mode, payment.refunds), payment.updatedAt);
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("GET");
