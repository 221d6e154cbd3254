// POST /api/v1/payments/:id/refund — refund a captured payment, fully or partly (or as account credit)
import { withApi } from "@/lib/api/handler";
import { paymentOps, serializePayment } from "@/lib/api/resources/payments";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { refundPayment } from "@/lib/payments/refunds";

export const POST = withApi(paymentOps.refund, async ({ db, tenant, params, body }) => {
  const payment = await refundPayment(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id }, body);
  return ok(serializePayment(payment, tenant.mode, payment.refunds));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
