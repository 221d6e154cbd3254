// GET/PATCH/DELETE /api/v1/payment_methods/:id — retrieve one method, change its role, remove it
import { withApi } from "@/lib/api/handler";
import { paymentMethodOps, serializePaymentMethod } from "@/lib/api/resources/payment-methods";
import { ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { getPaymentMethodOrThrow, removePaymentMethod, updatePaymentMethod } from "@/lib/payment-methods/service";

export const GET = withApi(paymentMethodOps.retrieve, async ({ db, tenant, params }) => {
  const method = await getPaymentMethodOrThrow(db, { organizationId: tenant.organizationId, id: params.id });
  return ok(serializePaymentMethod(method, tenant.mode), method.updatedAt);
});

export const PATCH = withApi(paymentMethodOps.update, async ({ db, tenant, params, body }) => {
  const method = await updatePaymentMethod(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id }, body);
  return ok(serializePaymentMethod(method, tenant.mode));
});

export const DELETE = withApi(paymentMethodOps.delete, async ({ db, tenant, params }) => {
  const method = await removePaymentMethod(db, { organizationId: tenant.organizationId, mode: tenant.mode, id: params.id });
  return ok(serializePaymentMethod(method, tenant.mode));
});

export const { POST, PUT } = methodsNotAllowed("GET", "PATCH", "DELETE");
