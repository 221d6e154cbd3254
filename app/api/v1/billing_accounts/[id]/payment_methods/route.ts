// POST /api/v1/billing_accounts/:id/payment_methods — attach a payment method; GET — list the account's methods
import { withApi } from "@/lib/api/handler";
import { page } from "@/lib/api/pagination";
import { paymentMethodOps, serializePaymentMethod } from "@/lib/api/resources/payment-methods";
import { created, ok } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { attachPaymentMethod, listAccountPaymentMethods } from "@/lib/payment-methods/service";

export const POST = withApi(paymentMethodOps.create, async ({ db, tenant, params, body }) => {
  const method = await attachPaymentMethod(db, { organizationId: tenant.organizationId, mode: tenant.mode, billingAccountId: params.id }, body);
  return created(serializePaymentMethod(method, tenant.mode));
});

export const GET = withApi(paymentMethodOps.list, async ({ db, tenant, params, query }) => {
  const rows = await listAccountPaymentMethods(db, { organizationId: tenant.organizationId, billingAccountId: params.id }, query);
  return ok(page(rows, query.limit, (row) => serializePaymentMethod(row, tenant.mode)));
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed("GET", "POST");
