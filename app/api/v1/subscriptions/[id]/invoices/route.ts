// POST /api/v1/subscriptions/:id/invoices — invoice one-off charges with a subscription now
import { withApi } from "@/lib/api/handler";
import { invoiceOps, serializeInvoice } from "@/lib/api/resources/invoices";
import { created } from "@/lib/api/response";
import { methodsNotAllowed } from "@/lib/api/unsupported";
import { invoiceSubscriptionNow } from "@/lib/invoices/service";
import { getSubscriptionOrThrow } from "@/lib/subscriptions/versions";

export const POST = withApi(invoiceOps.createForSubscription, async ({ db, tenant, params, body }) => {
  const scope = { organizationId: tenant.organizationId, mode: tenant.mode };
  const invoice = await invoiceSubscriptionNow(db, { ...scope, subscriptionId: params.id }, body, (tx) =>
    getSubscriptionOrThrow(tx, { organizationId: tenant.organizationId, id: params.id }, { forUpdate: true }),
  );
  return created(serializeInvoice(invoice, tenant.mode));
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("POST");
